import { describe, expect, it } from 'vitest';
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
