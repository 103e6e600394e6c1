import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp, TEST_ORIGIN, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('accounts: signup, login, sessions', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('signup creates a user, an account, a session cookie and a CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'Ada@Example.com', password: 'correct horse battery', name: 'Ada', slug: 'ada-lab' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toEqual({ id: expect.stringMatching(/^usr_/), email: 'ada@example.com', name: 'Ada' });
    expect(body.account).toEqual({ id: expect.stringMatching(/^acc_/), slug: 'ada-lab', name: 'Ada' });
    expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^tessera_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('the helper signs up and both the session and the key reach /me', async () => {
    const a = await signUp(t.app);
    const bySession = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: a.cookie } });
    expect(bySession.statusCode).toBe(200);
    expect(bySession.json()).toMatchObject({ user: { id: a.userId }, account: { id: a.accountId, slug: a.slug }, csrf_token: a.csrfToken, via: 'session' });
    const byKey = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: authHeaders(a.apiKey) });
    expect(byKey.statusCode).toBe(200);
    expect(byKey.json()).toMatchObject({ user: null, account: { id: a.accountId }, csrf_token: null, via: 'api_key' });
    const byBearer = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${a.apiKey}` } });
    expect(byBearer.statusCode).toBe(200);
    expect(sessionHeaders(a).cookie).toBe(a.cookie);
  });

  it('login gives a new session; logout deletes it', async () => {
    const a = await signUp(t.app);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: a.email, password: a.password } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect(cookie).not.toBe(a.cookie);
    const csrf = login.json().csrf_token;
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: sessionHeaders({ cookie, csrfToken: csrf }) });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/tessera_session=;/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    // The signed-out cookie is told its session ended (a browser would have dropped it already).
    expect(me.json().code).toBe('session_ended');
    // The other session is untouched.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: a.cookie } })).statusCode).toBe(200);
  });
});

describeDialects('accounts: CSRF on cookie-authenticated changes', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    a = await signUp(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  const create = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers, payload: { env: 'tst' } });

  it('accepts the cookie with the CSRF token and a same-origin Origin', async () => {
    expect((await create(sessionHeaders(a))).statusCode).toBe(201);
    // Referer stands in for a missing Origin; the Host header counts as same origin.
    expect((await create({ cookie: a.cookie, 'x-csrf-token': a.csrfToken, referer: 'http://tessera.test/dashboard' })).statusCode).toBe(201);
    expect((await create({ cookie: a.cookie, 'x-csrf-token': a.csrfToken, origin: 'https://api.example', host: 'api.example' })).statusCode).toBe(201);
  });

  it('rejects a missing or wrong token with 403 csrf_failed', async () => {
    const cases: Array<Record<string, string>> = [
      { cookie: a.cookie, origin: TEST_ORIGIN },
      { cookie: a.cookie, origin: TEST_ORIGIN, 'x-csrf-token': 'x'.repeat(43) },
      { cookie: a.cookie, origin: TEST_ORIGIN, 'x-csrf-token': '' },
    ];
    for (const headers of cases) {
      const res = await create(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf_failed');
    }
  });

  it("rejects another session's token", async () => {
    const b = await signUp(t.app);
    const res = await create({ cookie: a.cookie, origin: TEST_ORIGIN, 'x-csrf-token': b.csrfToken });
    expect(res.json().code).toBe('csrf_failed');
  });

  it('rejects a cross-site or missing Origin even with the right token', async () => {
    for (const origin of ['https://evil.example', 'null', 'not a url']) {
      const res = await create({ cookie: a.cookie, 'x-csrf-token': a.csrfToken, origin });
      expect(res.json().code).toBe('csrf_failed');
    }
    expect((await create({ cookie: a.cookie, 'x-csrf-token': a.csrfToken })).json().code).toBe('csrf_failed');
  });

  it('covers DELETE and logout too, and safe methods need no token', async () => {
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/merchant/api-keys/${a.apiKeyId}`, headers: { cookie: a.cookie, origin: TEST_ORIGIN } });
    expect(del.json().code).toBe('csrf_failed');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: a.cookie } });
    expect(out.json().code).toBe('csrf_failed');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/merchant/api-keys', headers: { cookie: a.cookie } })).statusCode).toBe(200);
  });

  it('API-key requests need no CSRF token', async () => {
    expect((await create(authHeaders(a.apiKey))).statusCode).toBe(201);
  });
});
