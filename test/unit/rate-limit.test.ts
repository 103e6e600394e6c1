import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter, MemoryRateLimiter, type RateLimiter, rateLimitHeaders, RedisRateLimiter } from '../../src/http/rate-limit.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const T0 = Date.parse('2026-03-01T12:00:00.000Z');

function behavesAsFixedWindow(name: string, make: () => RateLimiter) {
  describe(name, () => {
    const limiters: RateLimiter[] = [];
    afterAll(async () => {
      for (const l of limiters) await l.close();
    });
    const limiter = () => {
      const l = make();
      limiters.push(l);
      return l;
    };

    it('allows `limit` hits per window, then refuses until the window resets', async () => {
      const l = limiter();
      const key = `k-${randomBytes(4).toString('hex')}`;
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await l.hit(key, 3, 60_000, T0 + 1_000));
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
      expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
      expect(results[3]!.resetMs).toBe(59_000);
      expect((await l.hit(key, 3, 60_000, T0 + 59_999)).allowed).toBe(false);
      const next = await l.hit(key, 3, 60_000, T0 + 60_000);
      expect(next).toMatchObject({ allowed: true, remaining: 2, resetMs: 60_000 });
    });

    it('peek says whether one more hit would be allowed, and counts nothing', async () => {
      const l = limiter();
      const key = `p-${randomBytes(4).toString('hex')}`;
      expect(await l.peek(key, 2, 60_000, T0 + 1_000)).toMatchObject({ allowed: true, remaining: 2, resetMs: 59_000 });
      await l.hit(key, 2, 60_000, T0 + 1_000);
      expect(await l.peek(key, 2, 60_000, T0 + 2_000)).toMatchObject({ allowed: true, remaining: 1 });
      await l.hit(key, 2, 60_000, T0 + 2_000);
      for (let i = 0; i < 3; i++) expect(await l.peek(key, 2, 60_000, T0 + 3_000)).toMatchObject({ allowed: false, remaining: 0, resetMs: 57_000 });
      // Peeking added nothing: the window's count is still 2.
      expect((await l.hit(key, 3, 60_000, T0 + 4_000)).allowed).toBe(true);
      expect((await l.peek(key, 2, 60_000, T0 + 60_000)).allowed).toBe(true);
    });

    it('counts keys and window sizes separately', async () => {
      const l = limiter();
      const a = `a-${randomBytes(4).toString('hex')}`;
      const b = `b-${randomBytes(4).toString('hex')}`;
      expect((await l.hit(a, 1, 60_000, T0)).allowed).toBe(true);
      expect((await l.hit(a, 1, 60_000, T0)).allowed).toBe(false);
      expect((await l.hit(b, 1, 60_000, T0)).allowed).toBe(true);
      expect((await l.hit(a, 1, 3_600_000, T0)).allowed).toBe(true);
    });
  });
}

behavesAsFixedWindow('MemoryRateLimiter', () => new MemoryRateLimiter());
behavesAsFixedWindow('RedisRateLimiter (real Redis)', () => new RedisRateLimiter(new Redis(REDIS_URL), `test:${randomBytes(6).toString('hex')}:`));

describe('RedisRateLimiter across instances', () => {
  it('two limiters on one Redis share the count (as two app instances would)', async () => {
    const prefix = `test:${randomBytes(6).toString('hex')}:`;
    const one = await createRateLimiter(REDIS_URL, prefix);
    const two = await createRateLimiter(REDIS_URL, prefix);
    try {
      expect(one).toBeInstanceOf(RedisRateLimiter);
      expect((await one.hit('shared', 2, 60_000, T0)).allowed).toBe(true);
      expect((await two.hit('shared', 2, 60_000, T0)).allowed).toBe(true);
      expect((await one.hit('shared', 2, 60_000, T0)).allowed).toBe(false);
      expect((await two.hit('shared', 2, 60_000, T0)).allowed).toBe(false);
      // Keys expire in Redis on their own.
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      expect(keys).toHaveLength(1);
      expect(await redis.pttl(keys[0]!)).toBeGreaterThan(0);
      await redis.quit();
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('fails open (and reports) when Redis is unreachable', async () => {
    const errors: unknown[] = [];
    const limiter = await createRateLimiter('redis://127.0.0.1:1', 'x:', (e) => errors.push(e));
    try {
      const r = await limiter.hit('k', 1, 60_000, T0);
      expect(r.allowed).toBe(true);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await limiter.close();
    }
  });

  it('without REDIS_URL the store is in memory', async () => {
    expect(await createRateLimiter(null, 'x:')).toBeInstanceOf(MemoryRateLimiter);
  });
});

describe('rateLimitHeaders', () => {
  it('gives RateLimit-* always and Retry-After only when refused, in whole seconds', () => {
    expect(rateLimitHeaders({ allowed: true, remaining: 5, resetMs: 1_500, limit: 10 })).toEqual({ 'ratelimit-limit': '10', 'ratelimit-remaining': '5', 'ratelimit-reset': '2' });
    expect(rateLimitHeaders({ allowed: false, remaining: 0, resetMs: 30_000, limit: 10 })).toMatchObject({ 'retry-after': '30' });
  });
});
