// CORS for browser apps on other origins (TESSERA_CORS_ORIGINS): a listed origin may call the API
// and read the headers that carry meaning (lint warnings, request id, Retry-After, rate-limit
// state), which browsers otherwise hide from scripts; an unlisted origin gets no grant.
import { afterEach, expect, it } from 'vitest';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi, SEED_ITEM } from '../helpers/items.ts';

describeDialects('CORS', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('lets a listed origin read the render warnings and the other meaningful headers, and grants nothing to others', async () => {
    t = await createTestApp(dialect, { env: { TESSERA_CORS_ORIGINS: 'https://app.example' } });
    const account = await signUp(t.app);
    const render = (origin: string) =>
      t!.app.inject({ method: 'POST', url: '/api/v1/qrs/render', headers: { ...authHeaders(account.apiKey), origin }, payload: { data: 'warn me', design_config: { margin: 2 } } });
    const allowed = await render('https://app.example');
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    const exposed = String(allowed.headers['access-control-expose-headers'])
      .split(',')
      .map((h) => h.trim());
    for (const header of ['x-qr-warnings', 'x-qr-version', 'x-request-id', 'retry-after', 'ratelimit-remaining', 'idempotent-replayed']) expect(exposed).toContain(header);
    expect(allowed.headers['x-qr-warnings']).toBeDefined();
    const other = await render('https://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  // The seeds' fetch examples are also browser code: in a page on a listed origin, the item's
  // DELETE (X-Delete-Token) and a campaign's PUT must pass the preflight as the POSTs and GETs do.
  it("grants the preflight of every method the API uses, with the seeds' headers, and the call itself", async () => {
    t = await createTestApp(dialect, { env: { TESSERA_CORS_ORIGINS: 'https://app.example' } });
    const account = await signUp(t.app);
    const origin = 'https://app.example';
    const preflights: [string, string, string][] = [
      ['POST', '/api/v0/items', 'content-type'],
      ['GET', '/api/v0/items/someMagic', 'x-qr-password'],
      ['DELETE', '/api/v0/items/someMagic', 'x-delete-token'],
      ['POST', '/api/v1/qrs/bulk', 'authorization,content-type'],
      ['PUT', '/api/v1/campaigns/cmp_x', 'x-api-key,content-type'],
      ['DELETE', '/api/v1/campaigns/cmp_x', 'x-api-key'],
      ['PATCH', '/api/v1/account/branding', 'x-api-key,content-type'],
    ];
    for (const [method, url, headers] of preflights) {
      const res = await t.app.inject({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } });
      expect(res.statusCode, `${method} ${url}`).toBe(204);
      expect(res.headers['access-control-allow-origin'], `${method} ${url}`).toBe(origin);
      const methods = String(res.headers['access-control-allow-methods'])
        .split(',')
        .map((m) => m.trim());
      expect(methods, `${method} ${url}`).toContain(method);
      expect(String(res.headers['access-control-allow-headers']), `${method} ${url}`).toBe(headers);
    }
    const item = await createItemViaApi(t.app, SEED_ITEM);
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/v0/items/${item.magic}`, headers: { origin, 'x-delete-token': item.deleteToken } });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.headers['access-control-allow-origin']).toBe(origin);
    const campaign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: { ...authHeaders(account.apiKey), origin },
      payload: { name: 'Poster', destination: 'https://example.com/a' },
    });
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/campaigns/${campaign.json().id}`,
      headers: { ...authHeaders(account.apiKey), origin },
      payload: { destination: 'https://example.com/b' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.headers['access-control-allow-origin']).toBe(origin);
  });

  it('is off without TESSERA_CORS_ORIGINS', async () => {
    t = await createTestApp(dialect);
    const response = await t.app.inject({ method: 'GET', url: '/readyz', headers: { origin: 'https://app.example' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
