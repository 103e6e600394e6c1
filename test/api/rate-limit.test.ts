import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { AUTH_LIMITS } from '../../src/modules/accounts/auth.service.ts';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('rate limits', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    while (apps.length) await apps.pop()!.close();
  });
  async function app(options: Parameters<typeof createTestApp>[1] = {}) {
    const t = await createTestApp(dialect, options);
    apps.push(t);
    return t;
  }
  const me = (t: TestApp, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

  it('per API key: RateLimit-* headers, then 429 with Retry-After, reset by the next window', async () => {
    const t = await app({ env: { TESSERA_RATE_LIMIT_PER_MINUTE: '3' } });
    t.clock.set('2026-03-01T12:00:10.000Z');
    const a = await signUp(t.app);
    const first = await me(t, authHeaders(a.apiKey));
    expect(first.statusCode).toBe(200);
    expect(first.headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '2', 'ratelimit-reset': '50' });
    await me(t, authHeaders(a.apiKey));
    await me(t, authHeaders(a.apiKey));
    const refused = await me(t, authHeaders(a.apiKey));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBe('50');
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    // Another key of the same account has its own budget.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/merchant/api-keys',
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrfToken, origin: 'http://tessera.test' },
      payload: { env: 'prd' },
    });
    expect((await me(t, authHeaders(other.json().data.full_key))).statusCode).toBe(200);
    t.clock.advance(50_000);
    expect((await me(t, authHeaders(a.apiKey))).statusCode).toBe(200);
  });

  it('per session too', async () => {
    const t = await app({ env: { TESSERA_RATE_LIMIT_PER_MINUTE: '2' } });
    const a = await signUp(t.app); // the helper's key creation used one of the session's hits
    expect((await me(t, { cookie: a.cookie })).statusCode).toBe(200);
    expect((await me(t, { cookie: a.cookie })).statusCode).toBe(429);
  });

  it('with REDIS_URL two instances share one budget per key', async () => {
    const env = { TESSERA_RATE_LIMIT_PER_MINUTE: '4', REDIS_URL: 'redis://127.0.0.1:6379', TESSERA_REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}:` };
    const one = await app({ env });
    const two = await app({ env, database: one.database, clock: one.clock });
    const a = await signUp(one.app);
    const codes = [];
    for (let i = 0; i < 3; i++) {
      codes.push((await me(one, authHeaders(a.apiKey))).statusCode);
      codes.push((await me(two, authHeaders(a.apiKey))).statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('login per IP across many emails', async () => {
    const t = await app();
    for (let i = 0; i < AUTH_LIMITS.loginPerIp.limit; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `nobody${i}@example.com`, password: 'whatever-password' } });
      expect(res.statusCode).toBe(401);
    }
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'another@example.com', password: 'whatever-password' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    // A different IP is unaffected.
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.7', payload: { email: 'another@example.com', password: 'whatever-password' } });
    expect(elsewhere.statusCode).toBe(401);
  });

  it('login per IP counts an IPv6 /64 as one address', async () => {
    const t = await app();
    for (let i = 0; i < AUTH_LIMITS.loginPerIp.limit; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: `2001:db8:7:7::${(i + 1).toString(16)}`,
        payload: { email: `nobody${i}@example.com`, password: 'whatever-password' },
      });
      expect(res.statusCode).toBe(401);
    }
    const rotated = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '2001:db8:7:7:abcd::1', payload: { email: 'another@example.com', password: 'whatever-password' } });
    expect(rotated.statusCode).toBe(429);
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '2001:db8:7:8::1', payload: { email: 'another@example.com', password: 'whatever-password' } });
    expect(elsewhere.statusCode).toBe(401);
  });

  it('signup per IP counts an IPv6 /64 as one address', async () => {
    const t = await app();
    for (let i = 0; i < AUTH_LIMITS.signupPerIp.limit; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: `2001:db8:9:9::${(i + 1).toString(16)}`, payload: { email: `bad-${i}`, password: 'short' } });
      expect(res.statusCode).toBe(400);
    }
    const rotated = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: '2001:db8:9:9:1:2:3:4', payload: { email: 'ok@example.com', password: 'long enough password' } });
    expect(rotated.statusCode).toBe(429);
  });

  it('signup per IP', async () => {
    const t = await app();
    for (let i = 0; i < AUTH_LIMITS.signupPerIp.limit; i++) {
      // Invalid bodies still count: the limit is checked first.
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: `bad-${i}`, password: 'short' } });
      expect(res.statusCode).toBe(400);
    }
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'ok@example.com', password: 'long enough password' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });
});
