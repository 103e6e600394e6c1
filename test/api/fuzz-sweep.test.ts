// The fuzz sweep: 10,000+ requests per dialect generated from the OpenAPI document (fast-check),
// against an instance with real data, must never get a 5xx, and every JSON error must be a
// problem document. FUZZ_RUNS and FUZZ_SEED override the count and the seed (a failure prints
// the seed and the shrunk request that reproduces it).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { authHeaders, signUp, TEST_ORIGIN, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi } from '../helpers/items.ts';
import { type FuzzRequest, requestsFor, type Spec } from '../helpers/openapi-fuzz.ts';
import { createSession, csrfTokenFor, SESSION_COOKIE } from '../../src/modules/accounts/session.service.ts';
import { createPageCampaign, samplePage } from '../helpers/pages.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const CONCURRENCY = 4;
const LIVE_KEY = '$KEY';
const LIVE_SESSION = '$SESSION';
const LIVE_CSRF = '$CSRF';
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

describeDialects('fuzz sweep', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  let spec: Spec;
  let world: Parameters<typeof requestsFor>[1];
  beforeAll(async () => {
    // No per-key rate limit: the sweep would otherwise spend its runs on 429s.
    // Errors are logged (only errors: logging 10,000 requests would slow the sweep) so a 500 shows its cause.
    t = await createTestApp(dialect, { captureLogs: true, env: { LOG_LEVEL: 'error', TESSERA_RATE_LIMIT_PER_MINUTE: '1000000', TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    a = await signUp(t.app);
    const key = authHeaders(a.apiKey);
    const post = async (url: string, payload: unknown) => (await t.app.inject({ method: 'POST', url, headers: key, payload: payload as object })).json();
    const dynamic = await post('/api/v1/campaigns', { name: 'dynamic', destination: 'https://example.com/d', slug: 'dyn' });
    const morph = await post('/api/v1/campaigns', { name: 'ticket', destination: 'https://example.com/t', qr_type: 'morphing' });
    const page = await createPageCampaign(t.app, a);
    const template = await post('/api/v1/templates', { name: 'tpl', design_config: { preset: 'ocean' } });
    await post('/api/v1/merchant/webhooks/secret', {});
    const endpoint = (await post('/api/v1/merchant/webhooks/endpoints', { url: 'http://127.0.0.1:9/hook' })).data;
    const item = await createItemViaApi(t.app, { content: 'fuzz', ttlHours: 1, password: 'open sesame', viewLimit: 1000 });
    const otherKey = (await post('/api/v1/merchant/api-keys', { env: 'tst', name: 'other' })).data;
    live = { key: a.apiKey, kid: a.apiKey.split('-')[2]!, cookie: a.cookie, csrf: a.csrfToken };
    spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as Spec;
    world = {
      params: {
        id: [dynamic.id, morph.id, page.id, template.id, endpoint.id, otherKey.api_key.id, 'cmp_missing'],
        magic: [item.magic, 'AAAAAAAAAAAAAAAAAAAAAA'],
        code: [dynamic.short_code, morph.short_code, 'not_found', 'validation_failed', 'Zz9Zz9Zz'],
        short_code: [page.short_code, dynamic.short_code],
        file: [`${dynamic.short_code}.svg`, `${morph.short_code}.png`, `${page.short_code}.png`, 'x.gif'],
        userSlug: [a.slug],
        campaignSlug: ['fair', 'dyn'],
        kid: [a.apiKey.split('-')[2]!, otherKey.api_key.kid],
        template_id: [template.id],
        email: [a.email, 'new@example.com'],
        password: [a.password, 'long enough password'],
        payload: [`http://tessera.test/${morph.short_code}?k=AAAA`, `http://tessera.test/${dynamic.short_code}`],
        // No names to resolve: DNS answers are not what the sweep is about, and they are slow.
        url: ['http://127.0.0.1:9/hook', 'http://[2002:7f00:1::]/', 'http://10.0.0.1/', 'https://203.0.113.9/'],
        destination: ['https://example.com/next'],
        urls: ['https://example.com/a'],
        tz: ['Europe/Berlin', 'America/St_Johns', 'Pacific/Kiritimati'],
        from: ['2026-02-01', '9999-12-01', '0001-01-01', '2026-02-30'],
        to: ['2026-03-01', '9999-12-31', '2200-01-01'],
        cursor: ['WzE3NzIzNjY0MDAwMDAsImNtcF94Il0', 'garbage'],
        t: [String(t.clock.now()), 'Infinity', '-1'],
        sig: ['0'.repeat(64)],
        env: ['prd', 'tst'],
        expires_at: ['2027-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00.000Z'],
      },
      // $KEY and $SESSION stand for the account's live key and session (see send()).
      credentials: [
        { weight: 12, headers: { 'x-api-key': LIVE_KEY } },
        { weight: 4, headers: { authorization: `Bearer ${LIVE_KEY}` } },
        { weight: 3, headers: { cookie: LIVE_SESSION, 'x-csrf-token': LIVE_CSRF, origin: TEST_ORIGIN } },
        { weight: 1, headers: { cookie: LIVE_SESSION } },
        { weight: 2, headers: authHeaders(otherKey.full_key) },
        { weight: 1, headers: { 'x-api-key': 'junk' } },
        { weight: 1, headers: { authorization: 'Bearer' } },
        { weight: 1, headers: {} },
      ],
      openObjects: {
        design_config: [
          {},
          { preset: 'ocean' },
          {
            shapes: 'liquid',
            eyes: 'circle',
            color: '#d946ef',
            gradient: {
              type: 'linear',
              rotation: 45,
              stops: [
                { offset: 0, color: '#000' },
                { offset: 1, color: '#00f' },
              ],
            },
          },
          { frame: { text: 'SCAN ME' }, margin: 4, ecc: 'H' },
        ],
        hosted_page: [samplePage(), { title: 'x', blocks: [], published: false }],
      },
    };
  });
  afterAll(async () => t?.close());

  // The sweep regenerates keys and signs out like any client; the account's live credentials
  // follow, so the rest of the run still reaches past authentication.
  let live: { key: string; kid: string; cookie: string; csrf: string };
  async function send(request: FuzzRequest) {
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, value.replace(LIVE_KEY, live.key).replace(LIVE_SESSION, live.cookie).replace(LIVE_CSRF, live.csrf)]),
    );
    const res = await t.app.inject({ method: request.method as 'GET', url: request.url, headers, payload: request.payload, remoteAddress: request.remoteAddress });
    if (res.statusCode === 201 && request.url.startsWith('/api/v1/merchant/api-keys/secret/regenerate') && res.json().data.api_key.kid === live.kid) {
      live = { ...live, key: res.json().data.full_key, kid: res.json().data.api_key.kid };
    }
    if (request.url.startsWith('/api/v1/merchant/api-keys/secret/regenerate') || (request.url.startsWith('/api/v1/auth/logout') && res.statusCode === 204)) {
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: live.cookie } });
      if (me.statusCode !== 200) await signInAgain();
      const check = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: authHeaders(live.key) });
      if (check.statusCode !== 200) live = { ...live, ...(await newKey()) };
    }
    return res;
  }
  // A new session straight from the session service: signing in again would cost an argon2id check.
  async function signInAgain() {
    const { token } = await createSession(t.app.ctx, a.userId, a.accountId);
    live = { ...live, cookie: `${SESSION_COOKIE}=${token}`, csrf: csrfTokenFor(t.config.masterKey!, token) };
  }
  async function newKey() {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: { cookie: live.cookie, 'x-csrf-token': live.csrf, origin: TEST_ORIGIN }, payload: { env: 'prd' } });
    expect(res.statusCode, res.body).toBe(201);
    return { key: res.json().data.full_key as string, kid: res.json().data.api_key.kid as string };
  }

  it(`${RUNS} generated requests: no 5xx, and every JSON error is problem+json`, async () => {
    let sent = 0;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const statuses = new Map<number, number>();
    const check = async (request: FuzzRequest) => {
      const res = await send(request);
      sent++;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500)
        throw new Error(
          `${res.statusCode}: ${res.body.slice(0, 300)}\n${t.logs
            .filter((line) => line.includes(res.headers['x-request-id'] as string))
            .join('\n')
            .slice(0, 3000)}`,
        );
      const type = String(res.headers['content-type'] ?? '');
      if (res.statusCode >= 400 && type.includes('json') && !type.includes('problem+json')) throw new Error(`${res.statusCode} is ${type}, not problem+json: ${res.body.slice(0, 200)}`);
    };
    // Requests go in groups of CONCURRENCY at once, as clients send them (and the database
    // round trips of one overlap another's work): the sweep stays fast on PostgreSQL too.
    await fc.assert(
      fc.asyncProperty(fc.array(requestsFor(spec, world), { minLength: CONCURRENCY, maxLength: CONCURRENCY }), async (requests) => {
        await Promise.all(requests.map(check));
      }),
      { numRuns: Math.ceil(RUNS / CONCURRENCY), seed: SEED, endOnFailure: false },
    );
    if (process.env.FUZZ_STATS) {
      const cpu = process.cpuUsage(cpuBefore);
      console.log(
        `${sent} requests: ${((performance.now() - wallBefore) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; statuses ${JSON.stringify([...statuses].sort())}`,
      );
    }
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    // The sweep reached past validation: successes and many kinds of refusal.
    const ok = [...statuses].filter(([s]) => s < 400).reduce((n, [, c]) => n + c, 0);
    expect(ok, JSON.stringify([...statuses].sort())).toBeGreaterThan(RUNS / 40);
    expect(statuses.size).toBeGreaterThan(8);
  }, 180_000);
});
