// The HTTP method contract every route shares: HEAD changes nothing anywhere, a known path asked
// with the wrong method is a 405 with Allow, a bodyless request with a JSON content type is "no
// body", and content types Tessera does not read are 415.
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { liveUrl } from '../../src/modules/morph/morph.service.ts';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi } from '../helpers/items.ts';
import { createPageCampaign } from '../helpers/pages.ts';

/** Every row of every table, in a stable order: what "nothing changed" is checked against. */
async function snapshot(t: TestApp): Promise<Record<string, string[]>> {
  const db = t.database.handle.db;
  const tables = (await db.introspection.getTables()).map((table) => table.name).filter((name) => !name.startsWith('kysely_'));
  const out: Record<string, string[]> = {};
  for (const table of tables.sort()) {
    const rows = await db
      .selectFrom(table as 'items')
      .selectAll()
      .execute();
    out[table] = rows.map((row) => JSON.stringify(row, (_key, value) => (Buffer.isBuffer(value) || value?.type === 'Buffer' ? Buffer.from(value).toString('hex') : value))).sort();
  }
  return out;
}

describeDialects('HTTP methods', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    a = await signUp(t.app);
  });
  afterEach(async () => t.close());
  const key = () => authHeaders(a.apiKey);
  const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: key(), payload: payload as object });

  it('HEAD of every GET route changes nothing: no view spent, no scan, no check-in, no row touched', async () => {
    const oneView = await createItemViaApi(t.app, { content: 'once', ttlHours: 1, viewLimit: 1 });
    const locked = await createItemViaApi(t.app, { content: 'secret', ttlHours: 1, password: 'open sesame' });
    const dynamic = (await post('/api/v1/campaigns', { name: 'd', destination: 'https://example.com/d' })).json();
    const morph = (await post('/api/v1/campaigns', { name: 'm', destination: 'https://example.com/m', qr_type: 'morphing' })).json();
    const page = await createPageCampaign(t.app, a);
    expect((await post(`/api/v1/forms/submit/${page.short_code}`, { name: 'Ada', email: 'ada@example.com', consent: true })).statusCode).toBeLessThan(400);
    await post('/api/v1/merchant/webhooks/secret', undefined);
    const registered = await post('/api/v1/merchant/webhooks/endpoints', { url: 'http://127.0.0.1:9/hook' });
    expect(registered.statusCode, registered.body).toBe(201);
    const endpoint = registered.json().data;
    await post('/api/v1/templates', { name: 'tpl', design_config: {} });
    const at = t.clock.now();
    const signed = `?t=${at}&sig=${createHmac('sha256', morph.secret_key).update(String(at)).digest('hex')}`;
    const live = liveUrl(t.app.ctx, { id: morph.id, accountId: a.accountId, shortCode: morph.short_code }, 1, at);
    const token = live.slice('http://tessera.test'.length);
    expect((await post('/api/v1/checkins', { payload: live })).json().result).toBe('ok');
    // The key's bookkeeping (last use) is written by this first call, not by the HEADs below.
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: key() });
    await t.app.ctx.scans.flush();

    const params: Record<string, string> = { magic: oneView.magic, code: dynamic.short_code, short_code: page.short_code, userSlug: a.slug, campaignSlug: 'fair', file: `${morph.short_code}.svg` };
    const idFor = (path: string) => (path.includes('/webhooks/') ? endpoint.id : path.includes('/forms/') ? page.id : path.includes('/secret') || path.includes('/morph') ? morph.id : dynamic.id);
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const urls = Object.entries(spec.paths)
      .filter(([, operations]) => 'get' in operations)
      .map(([path]) => path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === 'id' ? idFor(path) : name === 'code' && path.startsWith('/problems') ? 'not_found' : params[name]!)));
    urls.push(`/api/render/${morph.short_code}.svg${signed}`, `/${morph.short_code}?k=stale`, token, `/api/v0/items/${locked.magic}`, `/i/${locked.magic}`, '/docs', '/openapi.json');
    expect(urls.length).toBeGreaterThan(40);

    const before = await snapshot(t);
    for (const url of urls) {
      for (const headers of [key(), { 'x-qr-password': 'a wrong guess' }, { accept: 'text/html' }]) {
        const head = await t.app.inject({ method: 'HEAD', url, headers });
        expect(head.statusCode, `HEAD ${url}`).toBeLessThan(500);
        expect(head.body, `HEAD ${url}`).toBe('');
      }
    }
    await t.app.ctx.scans.flush();
    expect(await snapshot(t)).toEqual(before);

    // The same GETs do change things, so the comparison above can see a change.
    expect((await t.app.inject({ method: 'GET', url: `/api/v0/items/${oneView.magic}` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/${dynamic.short_code}` })).statusCode).toBe(302);
    await t.app.ctx.scans.flush();
    const after = await snapshot(t);
    expect(after.items).not.toEqual(before.items);
    expect(after.scans!.length).toBe(before.scans!.length + 1);
  });

  it('HEAD of an item answers its status from the lifecycle alone: 200, then 410 once spent, 404 unknown', async () => {
    const item = await createItemViaApi(t.app, { content: 'once', ttlHours: 1, viewLimit: 1, password: 'open sesame' });
    const head = () => t.app.inject({ method: 'HEAD', url: `/api/v0/items/${item.magic}` });
    for (let i = 0; i < 20; i++) expect((await head()).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v0/items/${item.magic}`, headers: { 'x-qr-password': 'open sesame' } })).json().content).toBe('once');
    const spent = await head();
    expect(spent.statusCode).toBe(410);
    expect(spent.headers['content-type']).toMatch(/problem\+json/);
    expect((await t.app.inject({ method: 'HEAD', url: '/api/v0/items/AAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
  });

  it('a known path with the wrong method is 405 with Allow; unknown paths and unknown codes stay 404', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    const cases: Array<[string, string, string]> = [
      ['PATCH', '/api/v1/campaigns', 'GET, HEAD, POST'],
      ['DELETE', '/healthz', 'GET, HEAD'],
      ['PUT', `/api/v0/items/${item.magic}`, 'DELETE, GET, HEAD'],
      ['GET', '/api/v1/auth/login', 'POST'],
      ['POST', '/api/v1/analytics/overview', 'GET, HEAD'],
      ['OPTIONS', '/api/v1/qrs/bulk', 'POST'],
    ];
    for (const [method, url, allow] of cases) {
      const res = await t.app.inject({ method: method as 'GET', url, headers: key() });
      expect(res.statusCode, `${method} ${url}`).toBe(405);
      expect(res.headers.allow).toBe(allow);
      // 405 is heuristically cacheable; an item's address must leave no cached answer behind.
      expect(res.headers['cache-control'], `${method} ${url}`).toBe('no-store');
      expect(res.json()).toMatchObject({ code: 'method_not_allowed', status: 405 });
      expect(res.json().detail).toContain(allow);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/nothing/here' })).json().code).toBe('route_not_found');
    expect((await t.app.inject({ method: 'GET', url: '/Zz9Zz9Zz' })).statusCode).toBe(404);
  });

  it('a bodyless POST or DELETE with Content-Type: application/json is "no body", not malformed JSON', async () => {
    const json = { ...key(), 'content-type': 'application/json' };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers: json });
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret/rotate', headers: json, payload: '' })).statusCode).toBe(201);
    const campaign = (await post('/api/v1/campaigns', { name: 'd', destination: 'https://example.com/d' })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${campaign.id}`, headers: json })).json().status).toBe('archived');
    const regenerated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/merchant/api-keys/secret/regenerate',
      headers: { ...json, 'content-type': 'application/json; charset=utf-8' },
      payload: ' \r\n',
    });
    expect(regenerated.statusCode, regenerated.body).toBe(201);
    // A route that needs a body says so as for any missing body; broken JSON is still malformed.
    const next = authHeaders(regenerated.json().data.full_key);
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: { ...next, 'content-type': 'application/json' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('validation_failed');
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: { ...next, 'content-type': 'application/json' }, payload: '{"name":' });
    expect(broken.json().code).toBe('malformed_json');
  });

  it('text/plain and other unread content types are 415, before any field is looked at', async () => {
    for (const [url, contentType] of [
      ['/api/v1/campaigns', 'text/plain'],
      ['/api/v0/items', 'text/plain; charset=utf-8'],
      ['/api/v1/auth/login', 'application/xml'],
      ['/api/v1/qrs/bulk', 'multipart/form-data; boundary=x'],
    ]) {
      const res = await t.app.inject({ method: 'POST', url: url!, headers: { ...key(), 'content-type': contentType! }, payload: 'hello' });
      expect(res.statusCode, `${url} ${contentType}`).toBe(415);
      expect(res.json().code).toBe('unsupported_media_type');
    }
  });
});
