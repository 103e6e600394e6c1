import { afterEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { tenant } from '../helpers/tenants.ts';

describeDialects('templates API', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('saves, lists and deletes templates per account', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const other = await tenant(t);
    const saved = await t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: me.headers, payload: { name: 'Brand', design_config: { color: '#d946ef' } } });
    expect(saved.statusCode).toBe(201);
    const template = saved.json();
    expect(template).toEqual({ id: expect.stringMatching(/^tpl_/), name: 'Brand', design_config: { color: '#d946ef' }, created_at: '2026-03-01T12:00:00.000Z', livemode: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/templates', headers: me.headers })).json()).toEqual({ data: [template], next_cursor: null });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/templates', headers: other.headers })).json().data).toEqual([]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/templates/${template.id}`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/templates/${template.id}`, headers: me.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/templates/${template.id}`, headers: me.headers })).statusCode).toBe(404);
  });

  // Templates have a mode like campaigns: a tst key's are test templates, every other one is live.
  // A leaked test key must not delete the template a live bulk integration names by template_id.
  it('a tst key saves test templates and deletes only those: a live template answers 403 and stays', async () => {
    t = await createTestApp(dialect);
    const a = await signUp(t.app);
    const tst = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: authHeaders(a.apiKey), payload: { env: 'tst' } })).json().data.full_key as string;
    const save = async (headers: Record<string, string>, name: string) => {
      const res = await t!.app.inject({ method: 'POST', url: '/api/v1/templates', headers, payload: { name, design_config: { preset: 'ocean' } } });
      expect(res.statusCode, name).toBe(201);
      return res.json() as { id: string; livemode: boolean };
    };
    const byKey = await save(authHeaders(a.apiKey), 'prd');
    const bySession = await save(sessionHeaders(a), 'session');
    const byTest = await save(authHeaders(tst), 'tst');
    expect([byKey.livemode, bySession.livemode, byTest.livemode]).toEqual([true, true, false]);
    const remove = (id: string, headers: Record<string, string>) => t!.app.inject({ method: 'DELETE', url: `/api/v1/templates/${id}`, headers });
    for (const live of [byKey, bySession]) {
      const refused = await remove(live.id, authHeaders(tst));
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toMatchObject({
        code: 'forbidden',
        detail: `A tst key cannot delete template '${live.id}': it is a live template (saved with a prd key or the dashboard), and tst keys delete only test templates (saved with a tst key). Use a prd key or the dashboard.`,
      });
    }
    // The live templates are still there, and a live campaign can still start from one.
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/templates', headers: authHeaders(tst) })).json().data as { id: string; livemode: boolean }[];
    const modes = (items: { id: string; livemode: boolean }[]) => items.map((x) => [x.id, x.livemode]).sort();
    expect(modes(listed)).toEqual(modes([byKey, bySession, byTest]));
    const campaign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeaders(a.apiKey),
      payload: { name: 'Poster', destination: 'https://example.com/', template_id: byKey.id },
    });
    expect(campaign.statusCode).toBe(201);
    // A missing template is still a 404 for a tst key, not a 403 that would tell it apart.
    expect((await remove('tpl_missing', authHeaders(tst))).statusCode).toBe(404);
    expect((await remove(byTest.id, authHeaders(tst))).statusCode).toBe(204);
    // prd keys and sessions delete both modes.
    const another = await save(authHeaders(tst), 'tst 2');
    expect((await remove(another.id, sessionHeaders(a))).statusCode).toBe(204);
    expect((await remove(bySession.id, authHeaders(a.apiKey))).statusCode).toBe(204);
    expect((await remove(byKey.id, sessionHeaders(a))).statusCode).toBe(204);
  });

  it('rejects a missing or non-object design with a 400', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    for (const payload of [{ name: 'x' }, { name: 'x', design_config: 'red' }, { name: '', design_config: {} }, { name: '   ', design_config: {} }]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: me.headers, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
  });

  it('validates designs with the QR engine: unknown values list the allowed ones, unscannable designs are refused', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const seedDesign = { shapes: 'liquid', eyes: 'circle', color: '#d946ef' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: me.headers, payload: { name: 'Seed', design_config: seedDesign } })).statusCode).toBe(201);
    const bogus = await t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: me.headers, payload: { name: 'x', design_config: { shapes: 'bogus' } } });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().code).toBe('design_invalid');
    expect(bogus.json().errors).toEqual([{ field: 'body/design_config/shapes', message: expect.stringContaining('liquid') }]);
    const invisible = await t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: me.headers, payload: { name: 'x', design_config: { color: '#ffffff' } } });
    expect(invisible.statusCode).toBe(400);
    expect(invisible.json()).toMatchObject({ code: 'design_unscannable', errors: [expect.objectContaining({ field: expect.stringMatching(/^body\/design_config/) })] });
    expect(invisible.json().detail).toMatch(/contrast/);
  });
});
