// A route's OpenAPI `security` declaration is what authenticates it: routes that declare a
// requirement refuse anonymous callers before looking at the request (so they learn nothing about
// its schema); routes that declare none never read credentials, so a junk key sent by a proxy or a
// shared HTTP client cannot break them.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, signUp, TEST_ORIGIN, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi } from '../helpers/items.ts';
import { createPageCampaign } from '../helpers/pages.ts';

type Operation = { method: string; path: string; security?: Array<Record<string, string[]>> };

const JUNK_CREDENTIALS: Array<Record<string, string>> = [
  { 'x-api-key': 'junk' },
  { authorization: 'Bearer sec1-prd-AAAAAAAAAAAAA-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-00' },
  { authorization: 'Basic dXNlcjpwYXNz' },
  { 'x-api-key': '' },
  { cookie: 'tessera_session=forged' },
];

describeDialects('route security', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  let operations: Operation[];
  beforeEach(async () => {
    t = await createTestApp(dialect);
    a = await signUp(t.app);
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { security?: Operation['security'] }>> };
    operations = Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, security: op.security })));
  });
  afterEach(async () => t.close());

  const required = (op: Operation) => !!op.security?.length && op.security.every((r) => Object.keys(r).length > 0);
  const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'zzzzzzzz');

  it('every route that declares security answers an anonymous caller 401 before validating anything', async () => {
    const guarded = operations.filter(required);
    expect(guarded.length).toBeGreaterThan(40);
    for (const op of guarded) {
      for (const payload of [undefined, '{}', '{"urls":"x","name":7}', '{']) {
        const res = await t.app.inject({ method: op.method as 'POST', url: concrete(op.path), headers: payload ? { 'content-type': 'application/json' } : {}, payload });
        expect(res.statusCode, `${op.method} ${op.path} ${payload}`).toBe(401);
        expect(res.json().code).toBe('api_key_missing');
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(res.json().errors).toBeUndefined();
      }
    }
    // The example: field errors only for a caller who may call the route.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', payload: {} })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: authHeaders(a.apiKey), payload: {} })).statusCode).toBe(400);
  });

  it('a bad key, or a cookie without its CSRF token, is refused before validation on guarded routes', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: { 'x-api-key': 'junk' }, payload: {} });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('api_key_invalid');
    expect(bad.headers['www-authenticate']).toContain('invalid_token');
    const csrf = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: { cookie: a.cookie, origin: TEST_ORIGIN }, payload: {} });
    expect(csrf.statusCode).toBe(403);
    expect(csrf.json().code).toBe('csrf_failed');
    // A cookie alone still reads (GET needs no CSRF token).
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: { cookie: a.cookie } })).statusCode).toBe(200);
  });

  it('routes without a security declaration never read credentials: junk ones change nothing', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    const campaign = (await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(a.apiKey), payload: { name: 'c', destination: 'https://example.com/' } })).json();
    await createPageCampaign(t.app, a);
    const publicGets = operations.filter((op) => !op.security?.length && op.method === 'GET');
    expect(publicGets.length).toBeGreaterThan(10);
    const fill: Record<string, string> = { magic: item.magic, code: campaign.short_code, file: `${campaign.short_code}.svg`, userSlug: a.slug, campaignSlug: 'fair' };
    const urls = publicGets.map((op) => op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (op.path.startsWith('/problems') ? 'not_found' : fill[name]!)));
    urls.push('/readyz', '/healthz');
    for (const url of urls) {
      const plain = await t.app.inject({ method: 'GET', url });
      for (const headers of JUNK_CREDENTIALS) {
        const res = await t.app.inject({ method: 'GET', url, headers });
        expect(res.statusCode, `GET ${url} with ${JSON.stringify(headers)}`).toBe(plain.statusCode);
        expect(res.headers['www-authenticate']).toBeUndefined();
      }
    }
    // The named ones from the report, with their real answers.
    const junk = { 'x-api-key': 'junk' };
    expect((await t.app.inject({ method: 'GET', url: `/${campaign.short_code}`, headers: junk })).statusCode).toBe(302);
    expect((await t.app.inject({ method: 'GET', url: `/api/render/${campaign.short_code}.svg`, headers: junk })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/p/${a.slug}/fair`, headers: junk })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v0/items/${item.magic}`, headers: junk })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: junk, payload: { email: a.email, password: a.password } })).statusCode).toBe(200);
  });

  it('item creation uses credentials when valid, refuses a key that is not, and is anonymous without one (ADR 0042)', async () => {
    const owned = await t.app.inject({ method: 'POST', url: '/api/v0/items', headers: authHeaders(a.apiKey), payload: { content: 'mine', ttlHours: 1 } });
    const junk = await t.app.inject({ method: 'POST', url: '/api/v0/items', headers: { 'x-api-key': 'junk' }, payload: { content: 'anyone', ttlHours: 1 } });
    const plain = await t.app.inject({ method: 'POST', url: '/api/v0/items', payload: { content: 'anyone', ttlHours: 1 } });
    expect([owned.statusCode, junk.statusCode, plain.statusCode]).toEqual([201, 401, 201]);
    const rows = await t.database.handle.db.selectFrom('items').select(['account_id', 'content_bytes']).orderBy('content_bytes').execute();
    expect(rows.map((r) => r.account_id).sort()).toEqual([a.accountId, null].sort());
    const spec = operations.find((op) => op.method === 'POST' && op.path === '/api/v0/items')!;
    expect(spec.security).toContainEqual({});
  });
});
