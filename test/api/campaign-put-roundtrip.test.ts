// GET a campaign, change a field, PUT the whole body back: the most common REST update. The fields
// Tessera sets are accepted when they equal what GET answered and refused when they differ; fields
// sent back unchanged are no change (no updated_at, no webhook); typos are still refused.
import { afterEach, expect, it } from 'vitest';
import { createTesseraClient, unwrap } from '../../clients/typescript/src/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { injectFetch } from '../helpers/inject-fetch.ts';
import { samplePage } from '../helpers/pages.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';

describeDialects('campaign PUT of a GET body', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const get = (me: Tenant, id: string) => t!.app.inject({ method: 'GET', url: `/api/v1/campaigns/${id}`, headers: me.headers });
  const put = (me: Tenant, id: string, payload: Record<string, unknown>) => t!.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${id}`, headers: me.headers, payload });

  // Every field GET prints, none of them null where it can help: a template, a hosted page (so
  // hosted_page_url), a schedule, a bulk batch_id.
  async function fullCampaign(me: Tenant): Promise<Record<string, any>> {
    const template = await t!.app.inject({ method: 'POST', url: '/api/v1/templates', headers: me.headers, payload: { name: 'Ocean', design_config: { preset: 'ocean' } } });
    expect(template.statusCode, template.body).toBe(201);
    const created = await t!.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: me.headers,
      payload: {
        name: 'Fair',
        slug: 'fair',
        destination: 'https://example.com/old',
        template_id: template.json().id,
        hosted_page: samplePage(),
        active_from: '2026-04-01T08:00:00Z',
        active_until: '2026-05-01T08:00:00.000Z',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    t!.clock.advance(5000);
    const fetched = (await get(me, created.json().id)).json();
    expect(fetched.hosted_page_url).toMatch(/\/p\/.+\/fair$/);
    expect(fetched.template_id).toBe(template.json().id);
    return fetched;
  }

  it('the exact GET body with a changed destination is a 200 that changes the destination, and only it', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    for (const read of [await fullCampaign(me), (await bulkCampaign(me)) as Record<string, any>]) {
      const response = await put(me, read.id, { ...read, destination: 'https://example.com/new' });
      expect(response.statusCode, response.body).toBe(200);
      // A static code encodes its destination, so its public_url follows; the echo of the old one was accepted.
      const publicUrl = read.qr_type === 'static' ? 'https://example.com/new' : read.public_url;
      expect(response.json()).toEqual({ ...read, destination: 'https://example.com/new', public_url: publicUrl, updated_at: new Date(t.clock.now()).toISOString() });
      expect((await get(me, read.id)).json()).toEqual(response.json());
    }
  });

  async function bulkCampaign(me: Tenant): Promise<unknown> {
    const bulk = await t!.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: me.headers, payload: { urls: ['https://example.com/bulk'], qr_type: 'static' } });
    expect(bulk.statusCode, bulk.body).toBe(201);
    const read = (await get(me, bulk.json().data[0].id)).json();
    expect(read.batch_id).toMatch(/^bat_/);
    // A static code's public_url is its destination: the stored one is what an echo must equal.
    expect(read.public_url).toBe('https://example.com/bulk');
    return read;
  }

  it('a changed server-set field is a 400 naming it in words, and nothing is stored', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const read = await fullCampaign(me);
    const refused = await put(me, read.id, { ...read, destination: 'https://example.com/new', short_code: 'Zz9Zz9Z', created_at: '2020-01-01T00:00:00.000Z', batch_id: 'bat_x' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'validation_failed' });
    expect(refused.json().errors).toEqual([
      { field: 'body/short_code', message: 'is set by Tessera and cannot be changed; leave it out or send the value GET answers' },
      { field: 'body/batch_id', message: 'is set by Tessera and cannot be changed; leave it out or send the value GET answers' },
      { field: 'body/created_at', message: 'is set by Tessera and cannot be changed; leave it out or send the value GET answers' },
    ]);
    expect(refused.json().detail).toContain('short_code is set by Tessera and cannot be changed');

    const archiving = await put(me, read.id, { ...read, status: 'archived' });
    expect(archiving.statusCode).toBe(400);
    expect(archiving.json().errors).toEqual([{ field: 'body/status', message: `is set by Tessera and cannot be changed; to archive the campaign, DELETE /api/v1/campaigns/${read.id}` }]);

    // Someone else changed it since: the stale updated_at is refused, and says what to do.
    const stale = { ...read };
    expect((await put(me, read.id, { name: 'Renamed' })).statusCode).toBe(200);
    const current = (await get(me, read.id)).json();
    const late = await put(me, read.id, { ...stale, destination: 'https://example.com/new' });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors).toEqual([
      { field: 'body/updated_at', message: `is set by Tessera and cannot be changed; the campaign was last changed at ${current.updated_at}, so read it again or leave updated_at out` },
    ]);
    expect((await get(me, read.id)).json()).toEqual(current);
    expect(current.destination).toBe('https://example.com/old');
  });

  it('a PUT of the GET body unchanged, or of server-set fields only, changes nothing: no updated_at bump', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const read = await fullCampaign(me);
    t.clock.advance(60_000);
    const same = await put(me, read.id, read);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual(read);
    // Instants compare as instants, the way GET prints them or not.
    const reformatted = { id: read.id, created_at: read.created_at.replace('.000Z', 'Z'), updated_at: read.updated_at, active_from: '2026-04-01T10:00:00+02:00' };
    const echoed = await put(me, read.id, reformatted);
    expect(echoed.statusCode, echoed.body).toBe(200);
    expect((await get(me, read.id)).json()).toEqual(read);
    // Values that differ as sent but not once normalised (spaces around the name or the destination,
    // the template applied again with its design unchanged) change nothing either: updated_at stays.
    const normalised = await put(me, read.id, { ...read, name: `  ${read.name} `, destination: ` ${read.destination}`, template_id: read.template_id });
    expect(normalised.statusCode, normalised.body).toBe(200);
    expect(normalised.json()).toEqual(read);
    const reapplied = await put(me, read.id, { template_id: read.template_id });
    expect(reapplied.json()).toEqual(read);
  });

  it('unknown fields (typos) are still refused, and not-GET extras too', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const read = await fullCampaign(me);
    const typo = await put(me, read.id, { ...read, destinaton: 'https://example.com/new' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().errors).toEqual([{ field: 'body/destinaton', message: 'is not a recognised field' }]);
    const secret = await put(me, read.id, { ...read, secret_key: 'x' });
    expect(secret.statusCode).toBe(400);
    expect(secret.json().errors).toEqual([{ field: 'body/secret_key', message: 'is not a recognised field' }]);
    expect((await get(me, read.id)).json()).toEqual(read);
  });

  it('the typed client sends a GET body back through PUT', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const client = createTesseraClient({ baseUrl: 'http://tessera.test', auth: { apiKey: me.apiKey }, fetch: injectFetch(t.app) });
    const created = await unwrap(client.POST('/api/v1/campaigns', { body: { name: 'Typed', destination: 'https://example.com/a', qr_type: 'dynamic' } }));
    const read = await unwrap(client.GET('/api/v1/campaigns/{id}', { params: { path: { id: created.id } } }));
    const updated = await unwrap(client.PUT('/api/v1/campaigns/{id}', { params: { path: { id: read.id } }, body: { ...read, destination: 'https://example.com/b' } }));
    expect(updated).toMatchObject({ id: read.id, short_code: read.short_code, destination: 'https://example.com/b' });
  });
});
