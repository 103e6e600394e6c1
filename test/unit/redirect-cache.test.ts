import { afterEach, describe, expect, it, vi } from 'vitest';
import { TtlCache } from '../../src/modules/redirects/redirect-cache.ts';
import { ManualClock } from '../helpers/clock.ts';

describe('TtlCache', () => {
  it('serves from memory until the TTL passes, with one load for concurrent misses', async () => {
    const clock = new ManualClock();
    let loads = 0;
    let value = 'a';
    const cache = new TtlCache<string>({ clock, ttlMs: 1000, maxEntries: 10, load: async () => (loads++, value) });
    expect(await Promise.all([cache.get('k'), cache.get('k'), cache.get('k')])).toEqual(['a', 'a', 'a']);
    expect(loads).toBe(1);
    value = 'b';
    clock.advance(999);
    expect(cache.peek('k')).toBe('a');
    clock.advance(1);
    expect(cache.peek('k')).toBeUndefined();
    expect(await cache.get('k')).toBe('b');
    expect(loads).toBe(2);
  });

  it('caches unknown keys as null, forgets on delete, and stays within its size', async () => {
    const clock = new ManualClock();
    let loads = 0;
    const cache = new TtlCache<string>({ clock, ttlMs: 1000, maxEntries: 2, load: async (k) => (loads++, k === 'none' ? null : k) });
    expect(await cache.get('none')).toBeNull();
    expect(cache.peek('none')).toBeNull();
    cache.delete('none');
    expect(cache.peek('none')).toBeUndefined();
    await cache.get('a');
    await cache.get('b');
    await cache.get('c');
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('c')).toBe('c');
  });

  it('does not store a load that a delete overtook', async () => {
    const clock = new ManualClock();
    let release!: (v: string) => void;
    const cache = new TtlCache<string>({ clock, ttlMs: 1000, maxEntries: 10, load: () => new Promise((r) => (release = r)) });
    const pending = cache.get('k');
    cache.delete('k');
    release('old');
    expect(await pending).toBe('old');
    expect(cache.peek('k')).toBeUndefined();
  });
});

describe('TtlCache stale-if-error', () => {
  const unavailable = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  const staleIfError = { maxAgeMs: 60_000, when: (error: unknown) => (error as { code?: string }).code === 'ECONNREFUSED' };

  it('answers the expired copy while loads fail as unavailable, and tries again once per TTL', async () => {
    const clock = new ManualClock();
    let failure: Error | null = null;
    let loads = 0;
    const cache = new TtlCache<string>({ clock, ttlMs: 1000, maxEntries: 10, staleIfError, load: async (k) => (loads++, failure ? Promise.reject(failure) : `${k}@${clock.now()}`) });
    const first = await cache.get('a');
    clock.advance(1500);
    failure = unavailable;
    expect(cache.peek('a')).toBeUndefined();
    expect(await cache.get('a')).toBe(first);
    // Kept for another TTL: the next answers come from memory without a load.
    expect(cache.peek('a')).toBe(first);
    clock.advance(999);
    expect(await cache.get('a')).toBe(first);
    expect(loads).toBe(2);
    clock.advance(1);
    expect(await cache.get('a')).toBe(first);
    expect(loads).toBe(3);
    // Back: the next load after the TTL replaces it.
    failure = null;
    clock.advance(1000);
    expect(await cache.get('a')).toBe(`a@${clock.now()}`);
  });

  it('does not ride out other errors, deleted keys, or copies older than its limit', async () => {
    const clock = new ManualClock();
    let failure: Error | null = null;
    const cache = new TtlCache<string>({ clock, ttlMs: 1000, maxEntries: 10, staleIfError, load: async (k) => (failure ? Promise.reject(failure) : k) });
    await cache.get('a');
    await cache.get('b');
    await cache.get('c');
    clock.advance(1500);
    failure = new Error('syntax error at or near "selct"');
    await expect(cache.get('a')).rejects.toThrow('syntax error');
    failure = unavailable;
    // A change deleted it: the old copy must not come back.
    cache.delete('b');
    await expect(cache.get('b')).rejects.toThrow('ECONNREFUSED');
    // Answered stale for a minute, then no more: the copy's age counts from its load, not its last answer.
    for (let t = 0; t < 58; t++) {
      clock.advance(1000);
      expect(await cache.get('c')).toBe('c');
    }
    clock.advance(1000);
    await expect(cache.get('c')).rejects.toThrow('ECONNREFUSED');
  });

  it('without staleIfError an expired copy is never answered', async () => {
    const clock = new ManualClock();
    let failure: Error | null = null;
    const cache = new TtlCache<string>({ clock, ttlMs: 1000, maxEntries: 10, load: async (k) => (failure ? Promise.reject(failure) : k) });
    await cache.get('a');
    clock.advance(1000);
    failure = unavailable;
    await expect(cache.get('a')).rejects.toThrow('ECONNREFUSED');
  });
});

describe('TtlCache when the database hangs instead of failing', () => {
  afterEach(() => vi.useRealTimers());
  const staleIfError = { maxAgeMs: 60_000, when: () => true, slowLoadMs: 250 };

  it('answers the expired copy once a reload has taken slowLoadMs, keeps it a TTL, and stores the reload when it lands', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = new ManualClock();
    let release: ((value: string) => void) | null = null;
    let loads = 0;
    const cache = new TtlCache<string>({
      clock,
      ttlMs: 1000,
      maxEntries: 10,
      staleIfError,
      load: (k) => (loads++, release === null && loads === 1 ? Promise.resolve(`${k}-1`) : new Promise((resolve) => (release = resolve))),
    });
    expect(await cache.get('a')).toBe('a-1');
    clock.advance(1500);
    let answered: string | null | undefined;
    void cache.get('a').then((v) => (answered = v));
    await vi.advanceTimersByTimeAsync(249);
    expect(answered).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toBe('a-1');
    // The next requests are answered at once, and share the one reload still running.
    expect(cache.peek('a')).toBe('a-1');
    expect(await cache.get('a')).toBe('a-1');
    expect(loads).toBe(2);
    release!('a-2');
    await vi.advanceTimersByTimeAsync(0);
    expect(cache.peek('a')).toBe('a-2');
  });

  it('a fast reload answers itself, and nothing is waited for without a copy young enough', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = new ManualClock();
    let hang = false;
    let n = 0;
    const cache = new TtlCache<string>({ clock, ttlMs: 1000, maxEntries: 10, staleIfError, load: (k) => (hang ? new Promise<string>(() => {}) : Promise.resolve(`${k}-${++n}`)) });
    await cache.get('a');
    clock.advance(1000);
    expect(await cache.get('a')).toBe('a-2');
    // Never loaded: nothing to answer with, the request waits for its load.
    hang = true;
    let unknown: string | null | undefined;
    void cache.get('b').then((v) => (unknown = v));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(unknown).toBeUndefined();
    // Loaded more than maxAgeMs ago: too old to answer with.
    clock.advance(61_000);
    let old: string | null | undefined;
    void cache.get('a').then((v) => (old = v));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(old).toBeUndefined();
  });
});
