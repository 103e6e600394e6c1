// Every 401 carries WWW-Authenticate (RFC 9110 §15.5.2; audit L1): the account challenge for API
// keys, sessions and sign-in, the item challenge for an item's password, on the API and the page.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi, resolveViaApi } from '../helpers/items.ts';

const BEARER = 'Bearer realm="tessera"';
const ITEM = 'QR-Password realm="tessera-item"';

describeDialects('401 challenges', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it("an item's missing or wrong password names the item challenge", async () => {
    const { magic } = await createItemViaApi(t.app, { content: 'x', ttlHours: 1, password: 'p-1' });
    const missing = await resolveViaApi(t.app, magic);
    expect([missing.statusCode, missing.json().code, missing.headers['www-authenticate']]).toEqual([401, 'item_password_required', ITEM]);
    const wrong = await resolveViaApi(t.app, magic, 'wrong');
    expect([wrong.statusCode, wrong.json().code, wrong.headers['www-authenticate']]).toEqual([401, 'item_password_invalid', ITEM]);
  });

  it("the public page's reveal answers its 401 page with the challenge too", async () => {
    const { magic } = await createItemViaApi(t.app, { content: 'x', ttlHours: 1, password: 'p-1' });
    const page = await t.app.inject({
      method: 'POST',
      url: `/i/${magic}/reveal`,
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'password=wrong',
    });
    expect(page.statusCode).toBe(401);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['www-authenticate']).toBe(ITEM);
    const script = await t.app.inject({ method: 'POST', url: `/i/${magic}/reveal`, payload: {} });
    expect([script.statusCode, script.json().code, script.headers['www-authenticate']]).toEqual([401, 'item_password_required', ITEM]);
  });

  it('a wrong sign-in names the account challenge, as a missing or refused API key does', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.com', password: 'wrongwrongwrong' } });
    expect([login.statusCode, login.json().code, login.headers['www-authenticate']]).toEqual([401, 'invalid_credentials', BEARER]);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns' });
    expect([missing.statusCode, missing.headers['www-authenticate']]).toEqual([401, BEARER]);
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: { 'x-api-key': 'sec1-prd-nonsense' } });
    expect([refused.statusCode, refused.headers['www-authenticate']]).toEqual([401, `${BEARER}, error="invalid_token"`]);
  });

  it('the OpenAPI document declares the header required on every 401, naming both challenges', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const unauthorized = Object.values(doc.paths as Record<string, Record<string, { responses?: Record<string, { headers?: Record<string, { required?: boolean; description: string }> }> }>>)
      .flatMap((ops) => Object.values(ops))
      .flatMap((op) => (op.responses?.['401'] ? [op.responses['401']] : []));
    expect(unauthorized.length).toBeGreaterThan(10);
    for (const response of unauthorized) {
      const header = response.headers?.['WWW-Authenticate'];
      expect(header?.required).toBe(true);
      expect(header?.description).toContain(`\`${BEARER}\``);
      expect(header?.description).toContain(`\`${ITEM}\` with \`item_password_required\`, \`item_password_invalid\``);
    }
  });
});
