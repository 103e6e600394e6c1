// An account's public branding: read and changed through the API (validated, 400 per field,
// nothing half-written), and worn by its public pages: name or logo on top, the footer on or off.
import { afterEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

const HTML = { accept: 'text/html' };

describeDialects('account branding', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('starts from the account name, no logo and the footer shown; PATCH changes only what it names', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app, { name: 'Lumen Events' });
    const initial = await t.app.inject({ method: 'GET', url: '/api/v1/account/branding', headers: authHeaders(me.apiKey) });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({ name: 'Lumen Events', logo_url: null, logo_alt: '', made_with_tessera: true });

    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account/branding',
      headers: authHeaders(me.apiKey),
      payload: { logo_url: 'https://cdn.example.com/l.png', logo_alt: ' Lumen ' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toEqual({ name: 'Lumen Events', logo_url: 'https://cdn.example.com/l.png', logo_alt: 'Lumen', made_with_tessera: true });
    // A session works too (with its CSRF token); fields left out keep their value.
    const off = await t.app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: sessionHeaders(me), payload: { made_with_tessera: false, name: 'Lumen' } });
    expect(off.json()).toEqual({ name: 'Lumen', logo_url: 'https://cdn.example.com/l.png', logo_alt: 'Lumen', made_with_tessera: false });
    const me2 = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: authHeaders(me.apiKey) });
    expect(me2.json().account.name).toBe('Lumen');
    const removed = await t.app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: authHeaders(me.apiKey), payload: { logo_url: null } });
    expect(removed.json()).toMatchObject({ logo_url: null, made_with_tessera: false });
    // Every visitor sees the branding: a test key reads it but cannot change it.
    const tst = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: sessionHeaders(me), payload: { env: 'tst' } })).json().data.full_key as string;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account/branding', headers: authHeaders(tst) })).statusCode).toBe(200);
    const refused = await t.app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: authHeaders(tst), payload: { name: 'Defaced' } });
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account/branding', headers: authHeaders(me.apiKey) })).json().name).toBe('Lumen');
  });

  it('refuses bad values with one error per field and writes nothing', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app, { name: 'Lumen Events' });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account/branding',
      headers: authHeaders(me.apiKey),
      payload: { name: '  ', logo_url: 'javascript:alert(1)', logo_alt: 'Lumen', made_with_tessera: false },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'body/name', message: 'must not be empty' },
      { field: 'body/logo_url', message: 'must be an http:// or https:// URL' },
    ]);
    // The lengths are the schema's, as the OpenAPI document states them (it said 1,000 for both).
    for (const [field, limit] of [
      ['name', 100],
      ['logo_alt', 200],
    ] as const) {
      const long = await t.app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: authHeaders(me.apiKey), payload: { [field]: 'x'.repeat(limit + 1) } });
      expect(long.statusCode).toBe(400);
      expect(long.json().errors).toEqual([{ field: `body/${field}`, message: `must be at most ${limit} characters` }]);
      const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      let body = spec.paths['/api/v1/account/branding'].patch.requestBody.content['application/json'].schema;
      if (body.$ref) body = spec.components.schemas[body.$ref.split('/').pop()];
      expect(body.properties[field].maxLength).toBe(limit);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account/branding', headers: authHeaders(me.apiKey) })).json()).toEqual({
      name: 'Lumen Events',
      logo_url: null,
      logo_alt: '',
      made_with_tessera: true,
    });
    for (const payload of [{}, { colour: 'red' }, { made_with_tessera: 'no' }, { name: 'a\u0007b' }, { logo_url: 'https://user:pw@example.com/x.png' }]) {
      const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: authHeaders(me.apiKey), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account/branding' })).statusCode).toBe(401);
  });

  it("the account's pages wear it: archived codes name the owner, a logo replaces the name, the footer follows the setting", async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app, { name: 'Lumen Events' });
    const other = await signUp(t.app, { name: 'Someone Else' });
    const campaign = (await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(me.apiKey), payload: { name: 'W', destination: 'https://example.com/' } })).json();
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${campaign.id}`, headers: authHeaders(me.apiKey) });
    const archived = await t.app.inject({ method: 'GET', url: `/${campaign.short_code}`, headers: HTML });
    expect(archived.statusCode).toBe(410);
    expect(archived.body).toContain('<span>Lumen Events</span>');
    expect(archived.body).toContain('Lumen Events has ended the campaign behind this QR code');
    expect(archived.body).toContain('Made with Tessera');
    expect(archived.body).not.toContain('Someone Else');

    await t.app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: authHeaders(me.apiKey), payload: { logo_url: 'https://cdn.example.com/l.png', made_with_tessera: false } });
    const branded = await t.app.inject({ method: 'GET', url: `/${campaign.short_code}`, headers: HTML });
    expect(branded.body).toContain('<img src="https://cdn.example.com/l.png" alt="Lumen Events">');
    expect(branded.body).not.toContain('Made with Tessera');
    expect(branded.headers['content-security-policy']).toContain("img-src 'self' https:");
    // Another account's setting changes nothing here, and an unknown code wears nobody's branding.
    await t.app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: authHeaders(other.apiKey), payload: { made_with_tessera: true } });
    expect((await t.app.inject({ method: 'GET', url: `/${campaign.short_code}`, headers: HTML })).body).not.toContain('Made with Tessera');
    const unknown = await t.app.inject({ method: 'GET', url: '/Zz9Zz9Zz', headers: HTML });
    expect(unknown.body).not.toContain('class="brand"');
    expect(unknown.body).toContain('Made with Tessera');
  });
});
