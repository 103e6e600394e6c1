// Anonymous item creation is rate limited per client network (audit M3), with a lower budget for
// password-protected creates (each costs an argon2id hash); API keys spend their own budget.
import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

const PLAIN = { content: 'hello', ttlHours: 1 };
const PROTECTED = { content: 'hello', ttlHours: 1, password: 'p-1' };

describeDialects('item creation limits', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    while (apps.length) await apps.pop()!.close();
  });
  async function app(options: Parameters<typeof createTestApp>[1] = {}) {
    const t = await createTestApp(dialect, options);
    apps.push(t);
    return t;
  }
  const create = (t: TestApp, payload: Record<string, unknown>, remoteAddress = '198.51.100.7', headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v0/items', payload, remoteAddress, headers });

  it('by default 60 anonymous creates per minute per address, then 429 rate_limited with Retry-After and RateLimit-*', async () => {
    const t = await app();
    t.clock.set('2026-03-01T12:00:15.000Z');
    for (let i = 0; i < 60; i++) expect((await create(t, PLAIN)).statusCode).toBe(201);
    const refused = await create(t, PLAIN);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().code).toBe('rate_limited');
    // Windows are whole minutes: 45 s of this one are left.
    expect(refused.headers).toMatchObject({ 'retry-after': '45', 'ratelimit-limit': '60', 'ratelimit-remaining': '0', 'ratelimit-reset': '45' });
    // Another address has its own budget; the next window opens this one again.
    expect((await create(t, PLAIN, '203.0.113.9')).statusCode).toBe(201);
    t.clock.advance(45_000);
    expect((await create(t, PLAIN)).statusCode).toBe(201);
  });

  it('password-protected creates have a lower budget (10 by default); plain ones go on', async () => {
    const t = await app();
    for (let i = 0; i < 10; i++) expect((await create(t, PROTECTED)).statusCode).toBe(201);
    const refused = await create(t, PROTECTED);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
    expect(refused.headers).toMatchObject({ 'ratelimit-limit': '10', 'ratelimit-remaining': '0' });
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await create(t, PLAIN)).statusCode).toBe(201);
  });

  it('behind a proxy counted by hops or addresses, an X-Forwarded-For a client writes itself buys no fresh budget; with true it would', async () => {
    const proxy = '10.0.0.5';
    // The proxy appends the address it saw (203.0.113.50) to whatever the client sent.
    const through = (t: TestApp, claimed: string) => create(t, PLAIN, proxy, { 'x-forwarded-for': `${claimed}, 203.0.113.50` });
    for (const trust of ['1', '10.0.0.0/8', 'uniquelocal, 10.0.0.5']) {
      const t = await app({ env: { TESSERA_TRUST_PROXY: trust, TESSERA_ITEM_CREATES_PER_MINUTE: '2' } });
      expect((await through(t, '192.0.2.1')).statusCode, trust).toBe(201);
      expect((await through(t, '192.0.2.2')).statusCode, trust).toBe(201);
      expect((await through(t, '192.0.2.3')).statusCode, trust).toBe(429);
      // Another client behind the same proxy has its own budget.
      expect((await create(t, PLAIN, proxy, { 'x-forwarded-for': '203.0.113.51' })).statusCode, trust).toBe(201);
    }
    // `true` sees through every hop to the left-most address, which the client wrote: why hops are the advice.
    const open = await app({ env: { TESSERA_TRUST_PROXY: 'true', TESSERA_ITEM_CREATES_PER_MINUTE: '2' } });
    for (const claimed of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) expect((await through(open, claimed)).statusCode).toBe(201);
  });

  it('counts an IPv6 /64 as one client, and refused bodies not at all', async () => {
    const t = await app({ env: { TESSERA_ITEM_CREATES_PER_MINUTE: '2' } });
    expect((await create(t, { content: '', ttlHours: 1 }, '2001:db8:1:2::1')).statusCode).toBe(400);
    expect((await create(t, { content: 'x', ttlHours: 9999 }, '2001:db8:1:2::1')).statusCode).toBe(400);
    expect((await create(t, PLAIN, '2001:db8:1:2::1')).statusCode).toBe(201);
    expect((await create(t, PLAIN, '2001:db8:1:2:ffff::2')).statusCode).toBe(201);
    expect((await create(t, PLAIN, '2001:db8:1:2:abcd:1:2:3')).statusCode).toBe(429);
    expect((await create(t, PLAIN, '2001:db8:1:3::1')).statusCode).toBe(201);
  });

  it('creates with an API key spend the key budget, not the anonymous one', async () => {
    const t = await app({ env: { TESSERA_ITEM_CREATES_PER_MINUTE: '1', TESSERA_ITEM_PASSWORD_CREATES_PER_MINUTE: '1' } });
    const a = await signUp(t.app);
    for (let i = 0; i < 3; i++) {
      const res = await create(t, PROTECTED, '198.51.100.7', authHeaders(a.apiKey));
      expect(res.statusCode).toBe(201);
      expect(res.headers['ratelimit-limit']).toBe('600');
    }
    expect((await create(t, PROTECTED)).statusCode).toBe(201);
    expect((await create(t, PROTECTED)).statusCode).toBe(429);
  });

  it('live anonymous items hold at most TESSERA_ANONYMOUS_ITEMS_MB, from any number of networks: then 503 items_storage_full, nothing stored; keys go on; room returns as items expire', async () => {
    const t = await app({ env: { TESSERA_ANONYMOUS_ITEMS_MB: '1' } });
    const big = { content: 'x'.repeat(64 * 1024), ttlHours: 1 };
    // Each counts 64 KiB of content plus 1 KiB: 15 fit in 1 MiB. Every one from its own address.
    for (let i = 0; i < 15; i++) expect((await create(t, big, `198.51.100.${i + 1}`)).statusCode).toBe(201);
    const refused = await create(t, big, '203.0.113.77');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'items_storage_full', detail: expect.stringContaining('API key') });
    expect(refused.headers['retry-after']).toBe('600');
    const rows = async () =>
      Number(
        (
          await t.app.ctx.db
            .selectFrom('items')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await rows()).toBe(15);
    // A small item still fits where a large one did not.
    expect((await create(t, { content: 'small', ttlHours: 1 }, '203.0.113.78')).statusCode).toBe(201);
    // Items of an account are not anonymous storage.
    const a = await signUp(t.app);
    expect((await create(t, big, '203.0.113.79', authHeaders(a.apiKey))).statusCode).toBe(201);
    // Expired and archived, they make room again.
    t.clock.advance(3_600_000 + 1);
    const { itemArchivalJob } = await import('../../src/modules/items/items.jobs.ts');
    await itemArchivalJob.run(t.app.ctx);
    expect((await create(t, big, '203.0.113.80')).statusCode).toBe(201);
  });

  it('with REDIS_URL two instances share one budget per address', async () => {
    const env = { TESSERA_ITEM_CREATES_PER_MINUTE: '3', REDIS_URL: 'redis://127.0.0.1:6379', TESSERA_REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}:` };
    const one = await app({ env });
    const two = await app({ env, database: one.database, clock: one.clock });
    const codes = [];
    for (let i = 0; i < 2; i++) {
      codes.push((await create(one, PLAIN)).statusCode);
      codes.push((await create(two, PLAIN)).statusCode);
    }
    expect(codes).toEqual([201, 201, 201, 429]);
  });
});
