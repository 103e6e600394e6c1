import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createPageCampaign, samplePage } from '../helpers/pages.ts';

const ME = '/api/v1/auth/me';
const KEYS = '/api/v1/merchant/api-keys';

function cookieOf(res: { headers: Record<string, unknown> }): string {
  return String(res.headers['set-cookie']).split(';')[0]!;
}

describeDialects('sessions: fixation and expiry', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_SESSION_TTL_HOURS: '1' } });
  });
  afterEach(async () => {
    await t.close();
  });

  it('login never adopts a planted session: the victim gets a new id and the planted one dies', async () => {
    const attacker = await signUp(t.app);
    const victim = await signUp(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { cookie: attacker.cookie }, payload: { email: victim.email, password: victim.password } });
    expect(res.statusCode).toBe(200);
    const fresh = cookieOf(res);
    expect(fresh).not.toBe(attacker.cookie);
    expect((await t.app.inject({ method: 'GET', url: ME, headers: { cookie: fresh } })).json().user.id).toBe(victim.userId);
    expect((await t.app.inject({ method: 'GET', url: ME, headers: { cookie: attacker.cookie } })).statusCode).toBe(401);
  });

  it('a cookie value chosen by the client is never used as a session id', async () => {
    const victim = await signUp(t.app);
    const chosen = `tessera_session=${'A'.repeat(43)}`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { cookie: chosen }, payload: { email: victim.email, password: victim.password } });
    expect(cookieOf(res)).not.toBe(chosen);
    expect((await t.app.inject({ method: 'GET', url: ME, headers: { cookie: chosen } })).statusCode).toBe(401);
  });

  it('expiry slides with use (refreshing at most once a minute) and ends after TTL of inactivity', async () => {
    const a = await signUp(t.app);
    t.clock.advance(30 * 1000);
    const early = await t.app.inject({ method: 'GET', url: ME, headers: { cookie: a.cookie } });
    expect(early.statusCode).toBe(200);
    expect(early.headers['set-cookie']).toBeUndefined(); // within a minute: no write, no new cookie
    t.clock.advance(50 * 60_000);
    const slid = await t.app.inject({ method: 'GET', url: ME, headers: { cookie: a.cookie } });
    expect(slid.statusCode).toBe(200);
    expect(String(slid.headers['set-cookie'])).toMatch(/Max-Age=3600/);
    t.clock.advance(50 * 60_000); // 100 minutes after login, 50 after last use
    expect((await t.app.inject({ method: 'GET', url: ME, headers: { cookie: a.cookie } })).statusCode).toBe(200);
    t.clock.advance(60 * 60_000 + 1);
    const expired = await t.app.inject({ method: 'GET', url: ME, headers: { cookie: a.cookie } });
    expect(expired.statusCode).toBe(401);
    // Told that the session ended, not asked for an API key it never used.
    expect(expired.json()).toMatchObject({ code: 'session_ended', detail: expect.stringContaining('sign in again') });
    expect(String(expired.headers['set-cookie'])).toMatch(/tessera_session=;/);
    expect((await t.app.inject({ method: 'GET', url: ME })).json().code).toBe('api_key_missing');
  });

  it('however busy, a session ends TESSERA_SESSION_MAX_DAYS after sign-in, its last cookie cut to that moment', async () => {
    const capped = await createTestApp(dialect, { env: { TESSERA_SESSION_TTL_HOURS: '1', TESSERA_SESSION_MAX_DAYS: '1' }, clock: t.clock });
    try {
      const a = await signUp(capped.app);
      const me = () => capped.app.inject({ method: 'GET', url: ME, headers: { cookie: a.cookie } });
      // Used every 50 minutes: the sliding hour never runs out.
      for (let minutes = 50; minutes < 24 * 60 - 50; minutes += 50) {
        capped.clock.advance(50 * 60_000);
        expect((await me()).statusCode).toBe(200);
      }
      capped.clock.advance(50 * 60_000); // 23 h 20 min after sign-in: 40 minutes left, not an hour
      const last = await me();
      expect(last.statusCode).toBe(200);
      expect(String(last.headers['set-cookie'])).toMatch(/Max-Age=2400;/);
      capped.clock.advance(40 * 60_000);
      const ended = await me();
      expect(ended.statusCode).toBe(401);
      expect(ended.json()).toMatchObject({ code: 'session_ended' });
      // Signing in again starts a new session.
      const again = await capped.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: a.email, password: a.password } });
      expect(again.statusCode).toBe(200);
      expect((await capped.app.inject({ method: 'GET', url: ME, headers: { cookie: cookieOf(again) } })).statusCode).toBe(200);
    } finally {
      await capped.close();
    }
  });

  it('the sweeper deletes expired session rows', async () => {
    await signUp(t.app);
    const { sessionSweepJob } = await import('../../src/modules/accounts/accounts.jobs.ts');
    expect(await sessionSweepJob.run(t.app.ctx)).toBe(0);
    t.clock.advance(2 * 3_600_000);
    expect(await sessionSweepJob.run(t.app.ctx)).toBe(1);
  });

  it('the cookie is Secure when the public URL is https', async () => {
    const secure = await createTestApp(dialect, { env: { TESSERA_PUBLIC_URL: 'https://qr.example' } });
    try {
      const res = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'sec@example.com', password: 'long enough password' } });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });
});

describeDialects('tenancy: a key of one account never reaches another account', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  let b: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    a = await signUp(t.app);
    b = await signUp(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  it("revoking another account's key is a 404 and leaves it working", async () => {
    const res = await t.app.inject({ method: 'DELETE', url: `${KEYS}/${b.apiKeyId}`, headers: authHeaders(a.apiKey) });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect((await t.app.inject({ method: 'GET', url: ME, headers: authHeaders(b.apiKey) })).statusCode).toBe(200);
  });

  it("regenerating another account's key by kid is a 404", async () => {
    const kid = b.apiKey.split('-')[2];
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', headers: sessionHeaders(a), payload: { kid } });
    expect(res.statusCode).toBe(404);
  });

  it('lists only its own keys, masked', async () => {
    const res = await t.app.inject({ method: 'GET', url: KEYS, headers: authHeaders(a.apiKey) });
    expect(res.statusCode).toBe(200);
    const keys = res.json().data.api_keys;
    expect(keys.map((k: { id: string }) => k.id)).toEqual([a.apiKeyId]);
    expect(res.body).not.toContain(a.apiKey);
    expect(res.body).not.toContain(a.apiKey.split('-')[3]);
    expect(keys[0]).toMatchObject({ display_mask: expect.stringMatching(/^sec1-prd-[0-9A-Z]{3}\.\.\.\d\d$/), status: 'active', type: 'secret', name: 'test helper' });
  });

  it("a session of one account and /me never show the other's account", async () => {
    const res = await t.app.inject({ method: 'GET', url: ME, headers: authHeaders(a.apiKey) });
    expect(res.json().account.id).toBe(a.accountId);
    expect(res.json().account.id).not.toBe(b.accountId);
  });
});

describeDialects('api keys: management and test mode', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    a = await signUp(t.app);
  });
  afterEach(async () => {
    await t.close();
  });
  const create = (headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url: KEYS, headers, payload: payload as object });

  it('a tst key is test mode on its requests; a prd key and a session are not', async () => {
    const tst = (await create(sessionHeaders(a), { env: 'tst', name: 'sandbox' })).json().data.full_key;
    expect(tst).toMatch(/^sec1-tst-/);
    expect((await t.app.inject({ method: 'GET', url: ME, headers: authHeaders(tst) })).json().test_mode).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: ME, headers: authHeaders(a.apiKey) })).json().test_mode).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: ME, headers: { cookie: a.cookie } })).json().test_mode).toBe(false);
  });

  it('a tst key may manage tst keys but not mint prd keys', async () => {
    const tst = (await create(sessionHeaders(a), { env: 'tst' })).json().data.full_key;
    expect((await create(authHeaders(tst), { env: 'tst' })).statusCode).toBe(201);
    const prd = await create(authHeaders(tst), { env: 'prd' });
    expect(prd.statusCode).toBe(403);
    expect(prd.json().code).toBe('forbidden');
    const regen = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', headers: authHeaders(tst), payload: { kid: a.apiKey.split('-')[2] } });
    expect(regen.statusCode).toBe(403);
    const self = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', headers: authHeaders(tst) });
    expect(self.statusCode).toBe(201);
    expect(self.json().data.api_key.env).toBe('tst');
  });

  it('a tst key may revoke tst keys but not prd keys: a leaked test key cannot switch production off', async () => {
    const tst = (await create(sessionHeaders(a), { env: 'tst' })).json().data.full_key;
    const other = (await create(sessionHeaders(a), { env: 'tst' })).json().data.api_key.id;
    const revoke = (id: string, key: string) => t.app.inject({ method: 'DELETE', url: `${KEYS}/${id}`, headers: authHeaders(key) });
    const live = await revoke(a.apiKeyId, tst);
    expect(live.statusCode).toBe(403);
    expect(live.json().detail).toMatch(/tst key can only manage tst keys/);
    expect((await t.app.inject({ method: 'GET', url: ME, headers: authHeaders(a.apiKey) })).statusCode).toBe(200);
    expect((await revoke(other, tst)).statusCode).toBe(204);
    expect((await revoke(a.apiKeyId, a.apiKey)).statusCode).toBe(204);
  });

  // Campaigns have a mode like payments: a tst key's are test campaigns, every other one is live.
  // A leaked test key reads live campaigns but cannot redirect, archive or reconfigure a printed
  // code, reach a live ticket's secret, or read a live form's answers (personal data).
  const tstKey = async () => (await create(sessionHeaders(a), { env: 'tst', name: 'ci' })).json().data.full_key as string;
  const as = (headers: Record<string, string>) => (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const morphingTicket = async (headers: Record<string, string>) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Ticket', destination: 'https://example.com/ticket/1', qr_type: 'morphing' } });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const attempts = (page: Record<string, any>, ticket: Record<string, any>) =>
    [
      ['PUT', `/api/v1/campaigns/${page.id}`, { destination: 'https://evil.example/phish' }],
      ['PUT', `/api/v1/campaigns/${page.id}`, { hosted_page: samplePage({ title: 'Hijacked', blocks: [{ type: 'button', text: 'Log in', url: 'https://evil.example/login' }] }) }],
      ['DELETE', `/api/v1/campaigns/${page.id}`],
      ['GET', `/api/v1/forms/campaign/${page.id}`],
      ['GET', `/api/v1/forms/campaign/${page.id}/export.csv`],
      ['GET', `/api/v1/campaigns/${ticket.id}/secret`],
      ['POST', `/api/v1/campaigns/${ticket.id}/secret/rotate`],
      ['PATCH', `/api/v1/campaigns/${ticket.id}/morph`, { allow_reentry: true }],
      ['GET', `/api/v1/campaigns/${ticket.id}/live.svg`],
      ['PUT', `/api/v1/campaigns/${ticket.id}`, { name: 'Renamed' }],
      ['DELETE', `/api/v1/campaigns/${ticket.id}`],
    ] as const;

  it('a tst key reads live campaigns but changes none of them (403): the printed code still leads where it did', async () => {
    const prd = as(authHeaders(a.apiKey));
    const page = await createPageCampaign(t.app, a);
    const ticket = await morphingTicket(authHeaders(a.apiKey));
    expect([page.livemode, ticket.livemode]).toEqual([true, true]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/forms/submit/${page.short_code}`, payload: { name: 'Ada', email: 'ada@example.com', consent: true } })).statusCode).toBe(201);
    const before = await Promise.all([
      prd('GET', `/api/v1/campaigns/${page.id}`),
      prd('GET', `/api/v1/campaigns/${ticket.id}`),
      prd('GET', `/api/v1/campaigns/${ticket.id}/secret`),
      prd('GET', `/api/v1/campaigns/${ticket.id}/morph`),
    ]);
    const tst = as(authHeaders(await tstKey()));

    // Reading stays open: the list, one campaign, its hosted page preview, its analytics, a ticket's settings.
    const list = await tst('GET', '/api/v1/campaigns');
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .data.map((c: { id: string; livemode: boolean }) => [c.id, c.livemode])
        .sort(),
    ).toEqual(
      [
        [page.id, true],
        [ticket.id, true],
      ].sort(),
    );
    for (const url of [`/api/v1/campaigns/${page.id}`, `/api/v1/campaigns/${page.id}/page/preview`, `/api/v1/analytics/campaign/${page.id}/timeline`, `/api/v1/campaigns/${ticket.id}/morph`]) {
      expect((await tst('GET', url)).statusCode, url).toBe(200);
    }

    for (const [method, url, payload] of attempts(page, ticket)) {
      const res = await tst(method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json(), `${method} ${url}`).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/^A tst key cannot .+ campaign 'cmp_\w+': .+ Use a prd key or the dashboard\.$/) });
    }
    expect((await tst('GET', `/api/v1/forms/campaign/${page.id}`)).json().detail).toMatch(/personal data/);

    const after = await Promise.all([
      prd('GET', `/api/v1/campaigns/${page.id}`),
      prd('GET', `/api/v1/campaigns/${ticket.id}`),
      prd('GET', `/api/v1/campaigns/${ticket.id}/secret`),
      prd('GET', `/api/v1/campaigns/${ticket.id}/morph`),
    ]);
    expect(after.map((r) => r.json())).toEqual(before.map((r) => r.json()));
    const scan = await t.app.inject({ method: 'GET', url: `/${page.short_code}` });
    expect([scan.statusCode, scan.headers.location]).toEqual([302, 'https://example.com/fallback']);
    const hosted = await t.app.inject({ method: 'GET', url: `/p/${a.slug}/fair` });
    expect(hosted.body).toContain('Spring fair');
    expect(hosted.body).not.toContain('evil.example');
  });

  it('a tst key makes test campaigns (single and bulk) and manages them fully; a prd key and a session manage both modes', async () => {
    const key = await tstKey();
    const tst = as(authHeaders(key));
    const page = await createPageCampaign(t.app, { ...a, apiKey: key }, { slug: 'trial' });
    const ticket = await morphingTicket(authHeaders(key));
    expect([page.livemode, ticket.livemode]).toEqual([false, false]);
    expect(ticket.secret_key).toEqual(expect.any(String));
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/qrs/bulk',
      headers: { ...authHeaders(key), 'idempotency-key': 'batch-1' },
      payload: { urls: ['https://example.com/t/1', 'https://example.com/t/2'], qr_type: 'dynamic' },
    });
    expect(bulk.statusCode).toBe(201);
    expect(bulk.json().data.map((c: { livemode: boolean }) => c.livemode)).toEqual([false, false]);
    // The same Idempotency-Key from a live key is another request, never the test batch replayed as live.
    const replayedLive = await t.app.inject({
      method: 'POST',
      url: '/api/v1/qrs/bulk',
      headers: { ...authHeaders(a.apiKey), 'idempotency-key': 'batch-1' },
      payload: { urls: ['https://example.com/t/1', 'https://example.com/t/2'], qr_type: 'dynamic' },
    });
    expect(replayedLive.statusCode).toBe(422);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/forms/submit/${page.short_code}`, payload: { name: 'Test', email: 'test@example.com', consent: true } })).statusCode).toBe(201);

    // Everything refused on a live campaign is the test key's on its own test campaign.
    for (const [method, url, payload] of attempts(page, ticket)) {
      const res = await tst(method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(200);
    }
    const scan = await t.app.inject({ method: 'GET', url: `/${page.short_code}` });
    expect(scan.statusCode).toBe(410); // archived last, after its destination moved
    // The mode is Tessera's to set: sending another one back is refused like any server-set field.
    const flipped = await tst('PUT', `/api/v1/campaigns/${bulk.json().data[0].id}`, { livemode: true });
    expect(flipped.statusCode).toBe(400);
    expect(flipped.json().errors[0].field).toBe('body/livemode');
    const moved = await tst('PUT', `/api/v1/campaigns/${bulk.json().data[0].id}`, { destination: 'https://example.com/moved' });
    expect([moved.statusCode, moved.json().livemode]).toEqual([200, false]);
    expect((await t.app.inject({ method: 'GET', url: `/${bulk.json().data[0].short_code}` })).headers.location).toBe('https://example.com/moved');

    // Live principals manage test and live campaigns alike: a prd key all of a test key's, a session all of a live one.
    const live = await createPageCampaign(t.app, a);
    for (const [who, headers] of [
      ['prd key', authHeaders(a.apiKey)],
      ['session', sessionHeaders(a)],
    ] as const) {
      for (const target of [bulk.json().data[1], live]) {
        const res = await as(headers)('PUT', `/api/v1/campaigns/${target.id}`, { destination: `https://example.com/${who.replace(' ', '-')}` });
        expect([res.statusCode, res.json().livemode], `${who} on ${target.livemode ? 'live' : 'test'}`).toEqual([200, target.livemode]);
      }
    }
    const testPage = await createPageCampaign(t.app, { ...a, apiKey: key }, { slug: 'trial-2' });
    const testTicket = await morphingTicket(authHeaders(key));
    const liveTicket = await morphingTicket(authHeaders(a.apiKey));
    for (const [who, headers, targets] of [
      ['prd key', authHeaders(a.apiKey), attempts(testPage, testTicket)],
      ['session', sessionHeaders(a), attempts(live, liveTicket)],
    ] as const) {
      for (const [method, url, payload] of targets) expect((await as(headers)(method, url, payload)).statusCode, `${who}: ${method} ${url}`).toBe(200);
    }
  });

  it('create validates env, name and expiry with 400s', async () => {
    for (const payload of [{}, { env: 'live' }, { env: 'prd', name: 'x'.repeat(101) }, { env: 'prd', expires_at: 'tomorrow' }, { env: 'prd', extra: 1 }]) {
      const res = await create(authHeaders(a.apiKey), payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    const past = await create(authHeaders(a.apiKey), { env: 'prd', expires_at: new Date(t.clock.now() - 1000).toISOString() });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].field).toBe('body/expires_at');
  });

  it('create returns the full key once; it authenticates and the list shows it masked with its expiry', async () => {
    const expires = new Date(t.clock.now() + 86_400_000).toISOString();
    const res = await create(sessionHeaders(a), { env: 'prd', name: 'ci', expires_at: expires });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { api_key: key, full_key: full } = res.json().data;
    expect(key).toMatchObject({ env: 'prd', name: 'ci', status: 'active', expires_at: expires, last_used_at: null });
    expect((await t.app.inject({ method: 'GET', url: ME, headers: authHeaders(full) })).statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: KEYS, headers: { cookie: a.cookie } });
    const listed = list.json().data.api_keys.find((k: { id: string }) => k.id === key.id);
    expect(listed).toMatchObject({ expires_at: expires, last_used_at: new Date(t.clock.now()).toISOString() });
    expect(list.body).not.toContain(full);
  });

  it('lists newest first in pages with an opaque cursor', async () => {
    for (let i = 0; i < 4; i++) {
      t.clock.advance(1000);
      await create(authHeaders(a.apiKey), { env: 'tst', name: `k${i}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { statusCode: number; json(): any } = await t.app.inject({ method: 'GET', url: KEYS, headers: authHeaders(a.apiKey), query: { limit: '2', ...(cursor ? { cursor } : {}) } });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().data.api_keys.map((k: { name: string }) => k.name));
      cursor = res.json().data.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['k3', 'k2', 'k1', 'k0', 'test helper']);
    const badQueries: Array<Record<string, string>> = [{ cursor: 'garbage' }, { limit: '0' }, { limit: '101' }, { limit: 'x' }];
    for (const query of badQueries) {
      const res = await t.app.inject({ method: 'GET', url: KEYS, headers: authHeaders(a.apiKey), query });
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
    }
  });

  it('revoke: 204, again 204, unknown id 404', async () => {
    const id = (await create(authHeaders(a.apiKey), { env: 'tst' })).json().data.api_key.id;
    expect((await t.app.inject({ method: 'DELETE', url: `${KEYS}/${id}`, headers: authHeaders(a.apiKey) })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `${KEYS}/${id}`, headers: authHeaders(a.apiKey) })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `${KEYS}/key_nope`, headers: authHeaders(a.apiKey) })).statusCode).toBe(404);
    const listed = (await t.app.inject({ method: 'GET', url: KEYS, headers: authHeaders(a.apiKey) })).json().data.api_keys.find((k: { id: string }) => k.id === id);
    expect(listed).toMatchObject({ status: 'revoked', revoked_at: expect.any(String) });
  });

  it('management needs credentials', async () => {
    for (const [method, url] of [
      ['GET', KEYS],
      ['POST', KEYS],
      ['DELETE', `${KEYS}/${a.apiKeyId}`],
    ] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'POST' ? { env: 'prd' } : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().code).toBe('api_key_missing');
    }
  });
});

describeDialects('signup and login: bad input and uniform failures', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as string, headers });

  it('rejects invalid signups with 400 naming the field, and a taken email or slug with 409', async () => {
    const cases: Array<[unknown, string]> = [
      [{ email: 'not-an-email', password: 'long enough password' }, 'body/email'],
      [{ email: 'a@example.com', password: 'short' }, 'body/password'],
      [{ email: 'a@example.com', password: 'long enough password', slug: 'Bad Slug' }, 'body/slug'],
      [{ email: 'a@example.com', password: 'long enough password', slug: 'admin' }, 'body/slug'],
      [{ email: 'a@example.com' }, 'body/password'],
      [{ email: 'a@example.com', password: 'long enough password', role: 'admin' }, 'body/role'],
    ];
    for (const [payload, field] of cases) {
      const res = await post('/api/v1/auth/signup', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const a = await signUp(t.app);
    expect((await post('/api/v1/auth/signup', { email: a.email.toUpperCase(), password: 'long enough password' })).statusCode).toBe(409);
    expect((await post('/api/v1/auth/signup', { email: 'new@example.com', password: 'long enough password', slug: a.slug })).statusCode).toBe(409);
  });

  it('malformed JSON and wrong types are 400, never 500', async () => {
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('malformed_json');
    expect((await post('/api/v1/auth/login', { email: ['x'], password: { a: 1 } })).statusCode).toBe(400);
    expect((await post('/api/v1/auth/login', { email: 'x@example.com', password: 'p'.repeat(2000) })).statusCode).toBe(400);
  });

  it('an unknown email and a wrong password get the identical answer', async () => {
    const a = await signUp(t.app);
    const unknown = await post('/api/v1/auth/login', { email: 'nobody@example.com', password: a.password });
    const wrong = await post('/api/v1/auth/login', { email: a.email, password: 'not the password' });
    for (const res of [unknown, wrong]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(unknown.json().code).toBe('invalid_credentials');
  });

  it('login is case-insensitive on the email', async () => {
    const a = await signUp(t.app);
    expect((await post('/api/v1/auth/login', { email: `  ${a.email.toUpperCase()} `, password: a.password })).statusCode).toBe(200);
  });
});

describeDialects('secrets never reach the logs', (dialect) => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('passwords, full keys, session cookies and CSRF tokens are absent from every log line', async () => {
    t = await createTestApp(dialect, { captureLogs: true });
    const a = await signUp(t.app);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: a.email, password: a.password } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: a.email, password: `${a.password}-wrong` } });
    await t.app.inject({ method: 'GET', url: ME, headers: { authorization: `Bearer ${a.apiKey}` } });
    const regen = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', headers: authHeaders(a.apiKey) });
    const newKey = regen.json().data.full_key;
    await t.app.inject({ method: 'GET', url: ME, headers: authHeaders(a.apiKey) }); // revoked now: logged as rejected
    await t.app.inject({ method: 'GET', url: ME, headers: authHeaders(newKey.slice(0, -1) + (newKey.endsWith('0') ? '1' : '0')) });
    const text = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(10);
    expect(text).toContain('/api/v1/auth/login');
    const sessionValue = a.cookie.split('=')[1]!;
    for (const secret of [a.password, a.apiKey, a.apiKey.split('-')[3]!, newKey.split('-')[3]!, sessionValue, a.csrfToken]) {
      expect(text, `leaked ${secret.slice(0, 6)}…`).not.toContain(secret);
    }
  });
});
