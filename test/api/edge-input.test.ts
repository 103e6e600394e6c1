// Input no route can use is refused at the edge, the same way on both dialects: NUL characters and
// lone surrogates (400 naming the field in a body or query, 404 in a path), numbers that are not
// finite (400 naming the field), and URLs the router cannot read (problem+json, not Fastify's own
// error shape).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi } from '../helpers/items.ts';
import { createPageCampaign } from '../helpers/pages.ts';
import { INIT, initPayment, putProfile, testKey } from '../helpers/payments.ts';

type Inject = { method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'; url: string; payload?: unknown; raw?: string; auth?: boolean };

describeDialects('edge input', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    a = await signUp(t.app);
  });
  afterEach(async () => t.close());

  function send(request: Inject) {
    const headers: Record<string, string> = request.auth === false ? {} : authHeaders(a.apiKey);
    if (request.raw !== undefined) headers['content-type'] = 'application/json';
    return t.app.inject({ method: request.method, url: request.url, headers, payload: (request.raw ?? request.payload) as string });
  }

  async function expectFieldError(request: Inject, field: string, message: RegExp) {
    const res = await send(request);
    expect(res.statusCode, `${request.method} ${request.url} ${res.body}`).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors).toContainEqual({ field, message: expect.stringMatching(message) });
  }

  it('a NUL character in a body or query is a 400 naming the field, on public and signed-in routes alike', async () => {
    const campaign = (await send({ method: 'POST', url: '/api/v1/campaigns', payload: { name: 'ok', destination: 'https://example.com/' } })).json();
    const nul = /NUL/;
    await expectFieldError({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a\u0000@x.com', password: 'long enough password' }, auth: false }, 'body/email', nul);
    await expectFieldError({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'b@x.com', password: 'long enough\u0000password' }, auth: false }, 'body/password', nul);
    await expectFieldError({ method: 'POST', url: '/api/v1/campaigns', payload: { name: 'bad\u0000name', destination: 'https://example.com/' } }, 'body/name', nul);
    await expectFieldError({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}`, payload: { destination: 'https://example.com/\u0000' } }, 'body/destination', nul);
    await expectFieldError({ method: 'POST', url: '/api/v1/templates', payload: { name: 't\u0000', design_config: {} } }, 'body/name', nul);
    await expectFieldError({ method: 'POST', url: '/api/v1/merchant/api-keys', payload: { env: 'prd', name: 'k\u0000' } }, 'body/name', nul);
    await expectFieldError({ method: 'POST', url: '/api/v1/qrs/bulk', payload: { urls: ['https://example.com/1', 'https://example.com/\u0000'] } }, 'body/urls/1', nul);
    await expectFieldError({ method: 'POST', url: '/api/v0/items', payload: { content: 'x\u0000y', ttlHours: 1 }, auth: false }, 'body/content', nul);
    await expectFieldError(
      { method: 'POST', url: '/api/v1/campaigns', payload: { name: 'n', destination: 'https://example.com/', design_config: { ['col\u0000or']: '#000' } } },
      'body/design_config/col\u0000or',
      /property name/,
    );
    for (const list of ['/api/v1/campaigns', '/api/v1/templates', '/api/v1/merchant/api-keys', '/api/v1/checkins', '/api/v1/qrs/batches', `/api/v1/forms/campaign/${campaign.id}`]) {
      await expectFieldError({ method: 'GET', url: `${list}?cursor=%00` }, 'querystring/cursor', nul);
    }
    await expectFieldError({ method: 'GET', url: '/api/v1/analytics/timeline?tz=Europe%2FBerlin%00' }, 'querystring/tz', nul);
    // Nothing half-written.
    expect(await t.database.handle.db.selectFrom('templates').select('id').execute()).toEqual([]);
  });

  it('a lone UTF-16 surrogate (no UTF-8 form) is refused the same way', async () => {
    await expectFieldError({ method: 'POST', url: '/api/v1/campaigns', raw: '{"name":"\\ud800","destination":"https://example.com/"}' }, 'body/name', /Unicode/);
    await expectFieldError({ method: 'POST', url: '/api/v1/auth/login', raw: '{"email":"x@example.com","password":"\\udfff long enough"}', auth: false }, 'body/password', /Unicode/);
  });

  it('a NUL character in a path parameter is a 404, on every kind of route', async () => {
    const page = await createPageCampaign(t.app, a);
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    const paths: Inject[] = [
      { method: 'GET', url: '/p/%00/x', auth: false },
      { method: 'GET', url: `/p/${a.slug}/fair%00`, auth: false },
      { method: 'POST', url: '/api/v1/forms/submit/%00', payload: { name: 'x' }, auth: false },
      { method: 'POST', url: `/api/v1/forms/submit/${page.short_code}%00`, payload: { name: 'x' }, auth: false },
      { method: 'GET', url: `/api/v0/items/${item.magic}%00`, auth: false },
      { method: 'GET', url: '/i/%00', auth: false },
      { method: 'GET', url: '/%00', auth: false },
      { method: 'GET', url: '/api/render/%00.svg', auth: false },
      { method: 'GET', url: '/api/v1/resolve/%00/x', auth: false },
      { method: 'GET', url: '/api/v1/campaigns/cmp_%00' },
      { method: 'DELETE', url: '/api/v1/templates/%00' },
      { method: 'GET', url: '/api/v1/analytics/campaign/%00/timeline' },
      { method: 'DELETE', url: '/api/v1/merchant/api-keys/%00' },
      { method: 'GET', url: '/problems/%00', auth: false },
    ];
    for (const request of paths) {
      const res = await send(request);
      expect(res.statusCode, `${request.method} ${request.url} ${res.body}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().code).toBe('not_found');
    }
  });

  it('numbers that are not finite never pass validation: limit=Infinity, 1e400, grace_period_hours "Infinity"', async () => {
    const campaign = (await send({ method: 'POST', url: '/api/v1/campaigns', payload: { name: 'ok', destination: 'https://example.com/' } })).json();
    await send({ method: 'POST', url: '/api/v1/merchant/webhooks/secret' });
    const endpoint = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/endpoints', headers: authHeaders(a.apiKey), payload: { url: 'https://hooks.example.com/' } })).json().data;
    const lists = ['/api/v1/campaigns', '/api/v1/templates', '/api/v1/merchant/api-keys', '/api/v1/checkins', '/api/v1/qrs/batches', `/api/v1/forms/campaign/${campaign.id}`];
    if (endpoint) lists.push(`/api/v1/merchant/webhooks/endpoints/${endpoint.id}/deliveries`);
    for (const list of lists) {
      for (const value of ['Infinity', '-Infinity', '1e400', '-1e400', '+Infinity']) {
        await expectFieldError({ method: 'GET', url: `${list}?limit=${encodeURIComponent(value)}` }, 'querystring/limit', /finite|integer|>=|must/);
      }
    }
    await expectFieldError({ method: 'GET', url: '/api/v1/campaigns?limit=Infinity' }, 'querystring/limit', /written in digits.*got 'Infinity'/);
    // In a body, "Infinity" is text where a number belongs (bodies are taken as sent).
    await expectFieldError({ method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', payload: { grace_period_hours: 'Infinity' } }, 'body/grace_period_hours', /whole number/);
    await expectFieldError({ method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', raw: '{"grace_period_hours":1e400}' }, 'body/grace_period_hours', /./);
    await expectFieldError({ method: 'POST', url: '/api/v0/items', raw: '{"content":"x","ttlHours":1e400}', auth: false }, 'body/ttlHours', /number|finite/);
    await expectFieldError({ method: 'POST', url: '/api/v0/items', payload: { content: 'x', ttlHours: 'Infinity' }, auth: false }, 'body/ttlHours', /number|finite/);
    await expectFieldError({ method: 'POST', url: '/api/v1/qrs/render', raw: '{"data":"x","size":1e999}' }, 'body/size', /./);
    await expectFieldError(
      { method: 'GET', url: `/i/${(await createItemViaApi(t.app, { content: 'x', ttlHours: 1 })).magic}/qr.png?size=Infinity`, auth: false },
      'querystring/size',
      /written in digits/,
    );
    // The key still works: the refused regenerations changed nothing.
    expect((await send({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });

  it('a JSON body is taken as sent: true, [12], " 12 " and "0x10" are no numbers, ["x"] is no text (the query string is still read as text)', async () => {
    await putProfile(t.app, a);
    const key = await testKey(t.app, a);
    for (const amount of [true, [12], ' 12 ', '0x10', '1e3', '12']) {
      const res = await initPayment(t.app, key, { ...INIT.sepa, amount });
      expect(res.statusCode, `amount ${JSON.stringify(amount)}: ${res.body}`).toBe(400);
      expect(res.json().errors).toContainEqual({ field: 'body/amount', message: expect.stringMatching(/whole number/) });
    }
    // Amounts are minor units; the message says so where a person wrote the major unit.
    const decimal = await initPayment(t.app, key, { ...INIT.sepa, amount: 12.5 });
    expect(decimal.json().errors).toContainEqual({ field: 'body/amount', message: 'must be a whole number of minor units (cents), e.g. 1250 for 12.50' });
    await expectFieldError({ method: 'POST', url: '/api/v0/items', payload: { content: 'x', ttlHours: true }, auth: false }, 'body/ttlHours', /number/);
    await expectFieldError({ method: 'POST', url: '/api/v0/items', payload: { content: 'x', ttlHours: 1, viewLimit: [true] }, auth: false }, 'body/viewLimit', /whole number/);
    await expectFieldError({ method: 'POST', url: '/api/v0/items', payload: { content: 12345, ttlHours: 1 }, auth: false }, 'body/content', /text/);
    await expectFieldError({ method: 'POST', url: '/api/v1/campaigns', payload: { name: ['arr'], destination: 'https://example.com/' } }, 'body/name', /text/);
    await expectFieldError({ method: 'POST', url: '/api/v1/campaigns', payload: { name: 'n', destination: ['https://example.com/'] } }, 'body/destination', /text/);
    // Nothing was written by the refusals; the same values, typed right, are taken.
    expect(await t.database.handle.db.selectFrom('campaigns').select('id').execute()).toEqual([]);
    expect((await initPayment(t.app, key, { ...INIT.sepa, amount: 12 })).statusCode).toBe(201);
    // A query string is text by nature: its numbers are still read.
    const list = await send({ method: 'GET', url: '/api/v1/campaigns?limit=2' });
    expect(list.statusCode).toBe(200);
  });

  it('a query parameter sent twice where one value is expected is named as repeated, not as a wrong value', async () => {
    await expectFieldError({ method: 'GET', url: '/api/v1/campaigns?limit=1&limit=2' }, 'querystring/limit', /^was given more than once; send it once$/);
    await expectFieldError({ method: 'GET', url: '/api/v1/campaigns?status=active&status=archived' }, 'querystring/status', /more than once/);
    expect((await send({ method: 'GET', url: '/api/v1/campaigns?limit=1' })).statusCode).toBe(200);
  });

  it('a number in a query string is written in decimal digits: 0x10, 1e1, " 5", 2.0 and an empty value are named, not read as other numbers', async () => {
    for (const limit of ['0x10', '1e1', '%205', '2.0', '', '0b11']) {
      await expectFieldError({ method: 'GET', url: `/api/v1/campaigns?limit=${limit}` }, 'querystring/limit', /^must be a whole number written in digits, like 20/);
    }
    await expectFieldError({ method: 'GET', url: '/api/v1/merchant/api-keys?limit=1e2' }, 'querystring/limit', /got '1e2'/);
    // Digits still read, range checks still apply after them.
    expect((await send({ method: 'GET', url: '/api/v1/campaigns?limit=020' })).statusCode).toBe(200);
    await expectFieldError({ method: 'GET', url: '/api/v1/campaigns?limit=500' }, 'querystring/limit', /100/);
  });

  it('a body nested deeper than any document Tessera reads is a 400, not a stack overflow', async () => {
    const deep = (n: number) => `${'{"a":['.repeat(n)}1${']}'.repeat(n)}`;
    for (const url of ['/api/v1/templates', '/api/v1/campaigns']) {
      const res = await send({ method: 'POST', url, raw: `{"name":"x","destination":"https://example.com/","design_config":${deep(5_000)}}` });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(400);
      expect(res.json().errors[0].message).toMatch(/nested too deeply/);
    }
    // Ordinary documents are far from the limit.
    expect(
      (await send({ method: 'POST', url: '/api/v1/templates', raw: `{"name":"x","design_config":{"gradient":{"stops":[{"offset":0,"color":"#000"},{"offset":1,"color":"#00f"}]}}}` })).statusCode,
    ).toBe(201);
  });

  it('URLs the router cannot read are problem+json too: a broken percent-encoding is 400, an over-long segment 404', async () => {
    const broken = await t.app.inject({ method: 'GET', url: '/api/v0/items/%E0%A4%A' });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toMatch(/problem\+json/);
    expect(broken.json()).toMatchObject({ code: 'bad_request', status: 400 });
    const long = await t.app.inject({ method: 'GET', url: `/api/v0/items/${'a'.repeat(300)}` });
    expect(long.statusCode).toBe(404);
    expect(long.json()).toMatchObject({ code: 'not_found' });
    expect(long.headers['x-request-id']).toBe(long.json().requestId);
  });
});
