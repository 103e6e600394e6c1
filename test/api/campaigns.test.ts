import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { sessionHeaders, signUp } from '../helpers/accounts.ts';
import { tenant } from '../helpers/tenants.ts';

describeDialects('campaigns API', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function create(headers: Record<string, string>, payload: Record<string, unknown>) {
    return t!.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload });
  }

  it('creates a dynamic campaign with the documented fields', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const response = await create(me.headers, { name: 'Spring', slug: 'spring', destination: 'https://Example.com/Landing?x=1', design_config: { color: '#d946ef' } });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      name: 'Spring',
      slug: 'spring',
      qr_type: 'dynamic',
      status: 'active',
      destination: 'https://example.com/Landing?x=1',
      design_config: { color: '#d946ef' },
      template_id: null,
      created_at: '2026-03-01T12:00:00.000Z',
      updated_at: '2026-03-01T12:00:00.000Z',
    });
    expect(body.id).toMatch(/^cmp_/);
    expect(body.short_code).toMatch(/^[23456789A-HJ-NP-Za-km-z]{7}$/);
    expect(body.public_url).toBe(`http://tessera.test/${body.short_code}`);
    expect(body.svg_url).toBe(`http://tessera.test/api/render/${body.short_code}.svg`);
    expect(body.png_url).toBe(`http://tessera.test/api/render/${body.short_code}.png`);
    expect(response.headers.location).toBe(`/api/v1/campaigns/${body.id}`);
    const fetched = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${body.id}`, headers: me.headers });
    expect(fetched.json()).toEqual(body);
  });

  it('a static campaign encodes its destination: public_url is the destination', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const body = (await create(me.headers, { name: 'Static', qr_type: 'static', destination: 'https://example.com/menu' })).json();
    expect(body.public_url).toBe('https://example.com/menu');
  });

  it('rejects unsafe or relative destinations with a 400 naming the field', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    for (const destination of ['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', '/relative']) {
      const response = await create(me.headers, { name: 'Bad', destination });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body/destination' }] });
    }
    // A blank name and an unsafe link are told at once, not one per round trip (UX audit 4).
    const both = await create(me.headers, { name: '', destination: 'javascript:alert(1)' });
    expect(both.json().errors).toEqual([
      { field: 'body/name', message: 'must not be empty' },
      { field: 'body/destination', message: 'must be a web link starting with https:// or http://' },
    ]);
    const badType = await create(me.headers, { name: 'Bad', destination: 'https://example.com', qr_type: 'holographic' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().errors[0].message).toMatch(/static, dynamic, morphing/);
  });

  it('a blank name, a malformed slug and an empty update are 400s that say what to change in words', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const errorsOf = (response: { statusCode: number; json(): any }) => {
      expect(response.statusCode).toBe(400);
      return response.json().errors as { field: string; message: string }[];
    };
    for (const name of ['   ', '\t\n ']) expect(errorsOf(await create(me.headers, { name, destination: 'https://example.com/' }))).toEqual([{ field: 'body/name', message: 'must not be blank' }]);
    expect(errorsOf(await create(me.headers, { name: '', destination: 'https://example.com/' }))).toEqual([{ field: 'body/name', message: 'must not be empty' }]);
    expect(errorsOf(await create(me.headers, { name: 'Menu', slug: 'Spring Menu!', destination: 'https://example.com/' }))).toEqual([
      { field: 'body/slug', message: 'must be 1–64 lowercase letters, digits and hyphens, not starting or ending with a hyphen' },
    ]);
    const made = (await create(me.headers, { name: ' Menu ', destination: 'https://example.com/' })).json();
    const put = (payload: unknown) => t!.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${made.id}`, headers: me.headers, payload: payload as Record<string, unknown> });
    expect(errorsOf(await put({ name: ' \t ' }))).toEqual([{ field: 'body/name', message: 'must not be blank' }]);
    expect(errorsOf(await put({}))).toEqual([{ field: 'body', message: 'must name at least one field to change' }]);
    // Nothing changed by the refusals; a name with spaces around it is kept trimmed.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${made.id}`, headers: me.headers })).json().name).toBe('Menu');
  });

  it('works with a dashboard session (cookie + CSRF) as well as an API key', async () => {
    t = await createTestApp(dialect);
    const account = await signUp(t.app);
    const created = await create(sessionHeaders(account), { name: 'From the dashboard', destination: 'https://example.com' });
    expect(created.statusCode).toBe(201);
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: { 'x-api-key': account.apiKey } });
    expect(listed.json().data.map((c: { id: string }) => c.id)).toEqual([created.json().id]);
    const noCsrf = await create({ cookie: account.cookie }, { name: 'x', destination: 'https://example.com' });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('requires credentials', async () => {
    t = await createTestApp(dialect);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/campaigns' })).statusCode).toBe(401);
    expect((await create({}, { name: 'x', destination: 'https://example.com' })).statusCode).toBe(401);
  });

  it('slugs are unique within an account only', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const other = await tenant(t);
    expect((await create(me.headers, { name: 'A', slug: 'launch', destination: 'https://example.com' })).statusCode).toBe(201);
    const dup = await create(me.headers, { name: 'B', slug: 'launch', destination: 'https://example.com' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([{ field: 'body/slug', message: 'is taken' }]);
    expect((await create(other.headers, { name: 'C', slug: 'launch', destination: 'https://example.com' })).statusCode).toBe(201);
    // An archived campaign keeps its slug, and the refusal says so (its links must not lead elsewhere).
    const old = await create(me.headers, { name: 'Spring', slug: 'spring', destination: 'https://example.com' });
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${old.json().id}`, headers: me.headers });
    const kept = await create(me.headers, { name: 'Spring again', slug: 'spring', destination: 'https://example.com' });
    expect(kept.statusCode).toBe(409);
    expect(kept.json().errors).toEqual([{ field: 'body/slug', message: 'is kept by an archived campaign' }]);
    expect(kept.json().detail).toContain(`archived campaign ${old.json().id}`);
  });

  it("another account's campaign is a 404 on GET, PUT and DELETE, and absent from its list", async () => {
    t = await createTestApp(dialect);
    const owner = await tenant(t);
    const stranger = await tenant(t);
    const campaign = (await create(owner.headers, { name: 'Mine', destination: 'https://example.com' })).json();
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const response = await t.app.inject({
        method,
        url: `/api/v1/campaigns/${campaign.id}`,
        headers: stranger.headers,
        ...(method === 'PUT' ? { payload: { destination: 'https://evil.example' } } : {}),
      });
      expect(response.statusCode, method).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: stranger.headers });
    expect(list.json().data).toEqual([]);
    const still = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}`, headers: owner.headers });
    expect(still.json().destination).toBe('https://example.com/');
  });

  it('PUT changes destination and design; qr_type cannot change; archived campaigns are read-only', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const campaign = (await create(me.headers, { name: 'Mine', destination: 'https://example.com/old' })).json();
    t.clock.advance(5000);
    const updated = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/campaigns/${campaign.id}`,
      headers: me.headers,
      payload: { destination: 'https://example.com/new', design_config: { color: '#000000' } },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      destination: 'https://example.com/new',
      design_config: { color: '#000000' },
      short_code: campaign.short_code,
      updated_at: '2026-03-01T12:00:05.000Z',
      created_at: campaign.created_at,
    });
    const typeChange = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}`, headers: me.headers, payload: { qr_type: 'static' } });
    expect(typeChange.statusCode).toBe(400);
    const bad = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}`, headers: me.headers, payload: { destination: 'javascript:alert(1)' } });
    expect(bad.statusCode).toBe(400);
    const archived = await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${campaign.id}`, headers: me.headers });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().status).toBe('archived');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${campaign.id}`, headers: me.headers })).statusCode).toBe(200);
    const late = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}`, headers: me.headers, payload: { name: 'again' } });
    expect(late.statusCode).toBe(409);
  });

  it('uses a template of the account, and 404s for another account’s template', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const other = await tenant(t);
    const template = (await t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: other.headers, payload: { name: 'Theirs', design_config: { color: '#112233' } } })).json();
    const mine = (await t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: me.headers, payload: { name: 'Mine', design_config: { color: '#445566' } } })).json();
    const theirs = await create(me.headers, { name: 'X', destination: 'https://example.com', template_id: template.id });
    expect(theirs.statusCode).toBe(404);
    // The same answer as for an id that never existed, naming the field a form should point at.
    const never = await create(me.headers, { name: 'X', destination: 'https://example.com', template_id: 'tpl_missing' });
    for (const res of [theirs, never]) expect(res.json()).toMatchObject({ code: 'not_found', errors: [{ field: 'body/template_id', message: 'names no template of this account' }] });
    expect(theirs.json().detail.replace(template.id, 'ID')).toBe(never.json().detail.replace('tpl_missing', 'ID'));
    const ok = await create(me.headers, { name: 'Y', destination: 'https://example.com', template_id: mine.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ template_id: mine.id, design_config: { color: '#445566' } });
    const both = await create(me.headers, { name: 'Z', destination: 'https://example.com', template_id: mine.id, design_config: {} });
    expect(both.statusCode).toBe(400);
    const detached = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${ok.json().id}`, headers: me.headers, payload: { template_id: null } });
    expect(detached.json()).toMatchObject({ template_id: null, design_config: { color: '#445566' } });
  });

  it('lists newest first with a cursor, filtered by status and type', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      ids.push((await create(me.headers, { name: `c${i}`, destination: `https://example.com/${i}`, qr_type: i % 2 ? 'static' : 'dynamic' })).json().id);
    }
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${ids[0]}`, headers: me.headers });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { statusCode: number; json(): any } = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: me.headers });
      expect(page.statusCode).toBe(200);
      const body: { data: Array<{ id: string }>; next_cursor: string | null } = page.json();
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((c: { id: string }) => c.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const active = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns?status=active', headers: me.headers })).json();
    expect(active.data.map((c: { id: string }) => c.id)).toEqual([ids[4], ids[3], ids[2], ids[1]]);
    const statics = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns?qr_type=static', headers: me.headers })).json();
    expect(statics.data.map((c: { id: string }) => c.id)).toEqual([ids[3], ids[1]]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/campaigns?cursor=garbage', headers: me.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/campaigns?limit=101', headers: me.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/campaigns?status=deleted', headers: me.headers })).statusCode).toBe(400);
  });
});
