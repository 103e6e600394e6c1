import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { processLogger } from '../../src/http/logging.ts';
import { createRateLimiter, MemoryRateLimiter, REDIS_COMMAND_TIMEOUT_MS, type RateLimiter, rateLimitHeaders, RedisRateLimiter } from '../../src/http/rate-limit.ts';

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

  it('falls back to per-instance limits when Redis is unreachable (not open), reporting the outage once', async () => {
    const errors: unknown[] = [];
    const limiter = await createRateLimiter('redis://127.0.0.1:1', 'x:', (e) => errors.push(e));
    try {
      expect((await limiter.hit('login:ada', 2, 60_000, T0)).allowed).toBe(true);
      expect((await limiter.hit('login:ada', 2, 60_000, T0)).allowed).toBe(true);
      // Login throttling still holds on this instance.
      expect((await limiter.hit('login:ada', 2, 60_000, T0)).allowed).toBe(false);
      expect((await limiter.peek('login:ada', 2, 60_000, T0)).allowed).toBe(false);
      expect(errors).toHaveLength(1);
    } finally {
      await limiter.close();
    }
  });

  it('says at start that Redis cannot be reached, where and why (it said nothing until the first request, then only "Stream isn\'t writeable")', async () => {
    // A port nothing listens on.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const errors: string[] = [];
    // Logged as the app logs it: the cause once (pino's err serializer appends causes).
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = processLogger('error', sink);
    const limiter = (await createRateLimiter(`redis://user:secret@127.0.0.1:${port}`, 'test:', (error) => {
      errors.push((error as Error).message);
      log.error({ err: error }, 'Redis unavailable');
    })) as RedisRateLimiter;
    try {
      expect(limiter.degraded).toBe(true);
      expect(errors).toEqual([`Redis at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`]);
      expect(JSON.parse(lines[0]!).err.message).toBe(`Redis at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
      // Counting goes on in memory, and the outage is not said again per request.
      expect((await limiter.hit('k', 3, 60_000, T0)).remaining).toBe(2);
      expect(errors).toHaveLength(1);
    } finally {
      await limiter.close();
    }
  });

  it('returns to the shared counts when Redis answers again', async () => {
    // A TCP relay to the real Redis that the test can cut and restore, as an outage would.
    const sockets = new Set<net.Socket>();
    let relay = await listenRelay(0, sockets);
    const port = (relay.address() as net.AddressInfo).port;
    const events: string[] = [];
    const prefix = `test:${randomBytes(6).toString('hex')}:`;
    const limiter = (await createRateLimiter(
      `redis://127.0.0.1:${port}`,
      prefix,
      () => events.push('down'),
      () => events.push('up'),
    )) as RedisRateLimiter;
    const other = await createRateLimiter(REDIS_URL, prefix);
    // How many hits this instance counted in memory: the polls below make as many as the
    // reconnection takes, and each one is held against the key once Redis is back.
    let inMemory = 0;
    const hit = async () => {
      const result = await limiter.hit('k', 3, 60_000, T0);
      if (limiter.degraded) inMemory++;
      return result;
    };
    try {
      expect((await hit()).remaining).toBe(2);
      const closed = new Promise<void>((resolve) => relay.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      // Down: counted in this instance's memory, from the shared count it last heard (1).
      await expect.poll(async () => (await hit()) && limiter.degraded, { interval: 20, timeout: 5000 }).toBe(true);
      relay = await listenRelay(port, sockets);
      // Up again (ioredis reconnects by itself): the shared count, which the other instance sees too.
      await expect.poll(async () => (await hit()) && !limiter.degraded, { interval: 50, timeout: 10_000 }).toBe(true);
      expect(events).toEqual(['down', 'up']);
      // Redis counted 2 (one hit before, one after); the instance 1 + what it held in memory, the
      // larger of which it writes back (in the background): 1 left after a single outage hit.
      expect(inMemory).toBeGreaterThanOrEqual(1);
      await expect.poll(async () => (await other.peek('k', 3, 60_000, T0)).remaining).toBe(Math.max(0, 3 - Math.max(2, 1 + inMemory)));
    } finally {
      await limiter.close();
      await other.close();
      relay.close();
      for (const socket of sockets) socket.destroy();
    }
  });

  it('an outage neither unlocks a locked key nor, once Redis is back, forgets what was counted meanwhile', async () => {
    const sockets = new Set<net.Socket>();
    let relay = await listenRelay(0, sockets);
    const port = (relay.address() as net.AddressInfo).port;
    const prefix = `test:${randomBytes(6).toString('hex')}:`;
    const limiter = (await createRateLimiter(`redis://127.0.0.1:${port}`, prefix)) as RedisRateLimiter;
    const other = await createRateLimiter(REDIS_URL, prefix);
    const cut = async () => {
      const closed = new Promise<void>((resolve) => relay.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    };
    try {
      // Locked across the two instances: 3 of 3 used, this instance made one of them.
      expect((await limiter.hit('login:ada', 3, 60_000, T0)).allowed).toBe(true);
      expect((await other.hit('login:ada', 3, 60_000, T0)).allowed).toBe(true);
      expect((await other.hit('login:ada', 3, 60_000, T0)).allowed).toBe(true);
      expect((await limiter.peek('login:ada', 3, 60_000, T0)).allowed).toBe(false);
      await cut();
      // Down: still locked here (a fresh per-instance budget would hand an attacker 3 more tries).
      await expect.poll(async () => (await limiter.hit('login:ada', 3, 60_000, T0)) && limiter.degraded, { interval: 20, timeout: 5000 }).toBe(true);
      expect((await limiter.peek('login:ada', 3, 60_000, T0)).allowed).toBe(false);
      expect((await limiter.hit('login:ada', 3, 60_000, T0)).allowed).toBe(false);
      // A key first seen during the outage counts here from zero, then is held to that count
      // after Redis returns, though the shared count never heard of it.
      for (let i = 0; i < 3; i++) expect((await limiter.hit('login:bob', 3, 60_000, T0)).allowed).toBe(true);
      expect((await limiter.hit('login:bob', 3, 60_000, T0)).allowed).toBe(false);
      relay = await listenRelay(port, sockets);
      await expect.poll(async () => (await limiter.peek('login:bob', 3, 60_000, T0)) && !limiter.degraded, { interval: 50, timeout: 10_000 }).toBe(true);
      expect((await limiter.peek('login:bob', 3, 60_000, T0)).allowed).toBe(false);
      expect((await limiter.hit('login:bob', 3, 60_000, T0)).allowed).toBe(false);
      // Written back: the other instance, which never counted it, holds the key locked too.
      await expect.poll(async () => (await other.peek('login:bob', 3, 60_000, T0)).allowed, { interval: 20, timeout: 2000 }).toBe(false);
      // The next window starts afresh everywhere.
      expect((await limiter.hit('login:bob', 3, 60_000, T0 + 60_000)).allowed).toBe(true);
    } finally {
      await limiter.close();
      await other.close();
      relay.close();
      for (const socket of sockets) socket.destroy();
    }
  });

  it('a Redis restarted empty is given back the counts an instance holds: a locked key stays locked everywhere', async () => {
    const prefix = `test:${randomBytes(6).toString('hex')}:`;
    const limiter = await createRateLimiter(REDIS_URL, prefix);
    const other = await createRateLimiter(REDIS_URL, prefix);
    const redis = new Redis(REDIS_URL);
    try {
      for (let i = 0; i < 3; i++) expect((await limiter.hit('login:ada', 3, 60_000, T0)).allowed).toBe(true);
      expect((await other.peek('login:ada', 3, 60_000, T0)).allowed).toBe(false);
      // Redis restarted without persistence (the default here): the shared counts are gone.
      await redis.del(...(await redis.keys(`${prefix}*`)));
      expect((await other.peek('login:ada', 3, 60_000, T0)).allowed).toBe(false);
      expect((await limiter.hit('login:ada', 3, 60_000, T0)).allowed).toBe(false);
      await expect.poll(async () => Number(await redis.get((await redis.keys(`${prefix}*`))[0]!)), { interval: 20, timeout: 2000 }).toBe(4);
    } finally {
      await limiter.close();
      await other.close();
      redis.disconnect();
    }
  });

  it('a Redis that stops answering on an open connection costs one command timeout, not one per request', async () => {
    // The relay keeps every connection open and swallows what either side sends: a hung server
    // or a dropped route, which no socket error announces.
    const sockets = new Set<net.Socket>();
    const stall = { on: false };
    const relay = await listenRelay(0, sockets, stall);
    const port = (relay.address() as net.AddressInfo).port;
    const events: string[] = [];
    const limiter = (await createRateLimiter(
      `redis://127.0.0.1:${port}`,
      `test:${randomBytes(6).toString('hex')}:`,
      () => events.push('down'),
      () => events.push('up'),
    )) as RedisRateLimiter;
    try {
      expect((await limiter.hit('k', 3, 60_000, T0)).remaining).toBe(2);
      stall.on = true;
      // The first check waits for the command timeout, then counts in memory, from the shared
      // count this instance last heard (1).
      const first = await limiter.hit('k', 3, 60_000, T0);
      expect(limiter.degraded).toBe(true);
      expect(first.remaining).toBe(1);
      // The next ones fail at once: together they take less than one timeout would.
      const start = performance.now();
      const next = [];
      for (let i = 0; i < 5; i++) next.push(await limiter.hit('k', 3, 60_000, T0));
      expect(performance.now() - start).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS);
      expect(next.map((r) => r.allowed)).toEqual([true, false, false, false, false]);
      stall.on = false;
      await expect.poll(async () => (await limiter.hit('k', 3, 60_000, T0)) && !limiter.degraded, { interval: 50, timeout: 10_000 }).toBe(true);
      expect(events).toEqual(['down', 'up']);
    } finally {
      await limiter.close();
      relay.close();
      for (const socket of sockets) socket.destroy();
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

/** A TCP relay from `port` (0: any) to the test Redis; while `stall.on`, it forwards nothing either way. */
function listenRelay(port: number, sockets: Set<net.Socket>, stall = { on: false }): Promise<net.Server> {
  const target = new URL(REDIS_URL);
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.on('data', (chunk) => stall.on || upstream.write(chunk));
    upstream.on('data', (chunk) => stall.on || client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
