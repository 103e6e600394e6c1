import { afterEach, expect, it } from 'vitest';
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
    expect(template).toEqual({ id: expect.stringMatching(/^tpl_/), name: 'Brand', design_config: { color: '#d946ef' }, created_at: '2026-03-01T12:00:00.000Z' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/templates', headers: me.headers })).json()).toEqual({ data: [template], next_cursor: null });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/templates', headers: other.headers })).json().data).toEqual([]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/templates/${template.id}`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/templates/${template.id}`, headers: me.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/templates/${template.id}`, headers: me.headers })).statusCode).toBe(404);
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
    expect(bogus.json().errors).toEqual([{ field: '/design_config/shapes', message: expect.stringContaining('liquid') }]);
    const invisible = await t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: me.headers, payload: { name: 'x', design_config: { color: '#ffffff' } } });
    expect(invisible.statusCode).toBe(400);
    expect(invisible.json()).toMatchObject({ code: 'validation_failed', reason: 'design_unscannable' });
    expect(invisible.json().detail).toMatch(/contrast/);
  });
});
