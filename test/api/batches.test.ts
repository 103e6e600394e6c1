// GET /api/v1/qrs/batches: an account's bulk requests, one row per batch counted by the database,
// newest first and cursor-paginated like every list.
import { afterEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { testKey } from '../helpers/payments.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';

interface Batch {
  batch_id: string;
  qr_type: string;
  codes: number;
  created_at: string;
  livemode: boolean;
  first_name: string;
  first_destination: string;
  name: string | null;
}

describeDialects('bulk batches', (dialect) => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  /** An account with its prd key (live) and a tst key (test). */
  async function liveAndTestKeys() {
    const account = await signUp(t.app);
    const live: Tenant = { accountId: account.accountId, apiKey: account.apiKey, headers: authHeaders(account.apiKey) };
    const tstKey = await testKey(t.app, account);
    const test: Tenant = { accountId: account.accountId, apiKey: tstKey, headers: authHeaders(tstKey) };
    return { account, live, test };
  }

  async function bulk(me: Tenant, body: Record<string, unknown>): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: me.headers, payload: { design_config: {}, ...body } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().batch_id as string;
  }

  /** A bulk request of `count` codes. */
  function urls(count: number, base = 'https://example.com/ticket'): string[] {
    return Array.from({ length: count }, (_, i) => `${base}/${i + 1}`);
  }

  async function list(me: Tenant, query = '', headers = me.headers) {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/qrs/batches${query ? `?${query}` : ''}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { data: Batch[]; next_cursor: string | null };
  }

  /** Every page of the list at `limit`, in order. */
  async function walk(me: Tenant, limit: number, filter = ''): Promise<{ batches: Batch[]; pages: number }> {
    const batches: Batch[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(me, `limit=${limit}${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(limit);
      batches.push(...page.data);
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    return { batches, pages };
  }

  it('one row per bulk request, newest first: its codes counted (archived ones too), type, mode and the first code to know it by', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    expect(await list(me)).toEqual({ data: [], next_cursor: null });

    const gala = await bulk(me, { urls: urls(3), names: ['Gala 2026 – A. Adams', 'B. Brown', ''], qr_type: 'morphing' });
    const galaAt = new Date(t.clock.now()).toISOString();
    t.clock.advance(60_000);
    // Single campaigns belong to no batch and are never listed.
    const single = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'Poster', destination: 'https://example.com/poster' } });
    expect(single.statusCode).toBe(201);
    const menus = await bulk(me, { urls: urls(2, 'https://www.example.org/menu') });
    const menusAt = new Date(t.clock.now()).toISOString();
    t.clock.advance(1);
    const flyers = await bulk(me, { urls: urls(1, 'https://example.net/flyer'), qr_type: 'static' });

    const { data, next_cursor } = await list(me);
    expect(next_cursor).toBeNull();
    expect(data).toEqual([
      {
        batch_id: flyers,
        qr_type: 'static',
        codes: 1,
        created_at: expect.any(String),
        livemode: true,
        first_name: '#1 example.net/flyer/1',
        first_destination: 'https://example.net/flyer/1',
        name: null,
      },
      { batch_id: menus, qr_type: 'dynamic', codes: 2, created_at: menusAt, livemode: true, first_name: '#1 example.org/menu/1', first_destination: 'https://www.example.org/menu/1', name: null },
      { batch_id: gala, qr_type: 'morphing', codes: 3, created_at: galaAt, livemode: true, first_name: 'Gala 2026 – A. Adams', first_destination: 'https://example.com/ticket/1', name: null },
    ]);

    // An archived ticket is still one of the batch's codes.
    const tickets = (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns?batch_id=${gala}`, headers: me.headers })).json().data as Array<{ id: string }>;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${tickets[0]!.id}`, headers: me.headers })).statusCode).toBe(200);
    expect((await list(me, 'qr_type=morphing')).data).toEqual([expect.objectContaining({ batch_id: gala, codes: 3, first_name: 'Gala 2026 – A. Adams' })]);
    expect((await list(me, 'qr_type=dynamic')).data.map((b) => b.batch_id)).toEqual([menus]);

    // The dashboard reads it with its session; nobody reads it signed out.
    const person = await signUp(t.app);
    const owner: Tenant = { accountId: person.accountId, apiKey: person.apiKey, headers: authHeaders(person.apiKey) };
    const own = await bulk(owner, { urls: urls(2), qr_type: 'morphing' });
    expect((await list(owner, '', sessionHeaders(person))).data.map((b) => b.batch_id)).toEqual([own]);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/qrs/batches' });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'api_key_missing']);
  });

  it('pages through every batch once, batches made in the same millisecond included, with the filter too', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const made: Array<{ id: string; at: number }> = [];
    // Three bursts of batches sharing their millisecond, then a few alone.
    for (const burst of [3, 4, 1, 2, 1]) {
      for (let i = 0; i < burst; i++) made.push({ id: await bulk(me, { urls: urls(1 + (made.length % 3)), qr_type: made.length % 2 ? 'morphing' : 'dynamic' }), at: t.clock.now() });
      t.clock.advance(1_000);
    }
    // Newest first; batches of one millisecond in descending batch id (the order of the database's collation, on each dialect).
    const everything = await walk(me, 100);
    expect(everything.pages).toBe(1);
    expect(everything.batches).toHaveLength(made.length);
    expect(new Set(everything.batches.map((b) => b.batch_id))).toEqual(new Set(made.map((m) => m.id)));
    const times = everything.batches.map((b) => Date.parse(b.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const b of everything.batches) expect(b.codes).toBe(1 + (made.findIndex((m) => m.id === b.batch_id) % 3));

    for (const limit of [1, 2, 3, 5]) {
      const walked = await walk(me, limit);
      expect(walked.batches, `limit=${limit}`).toEqual(everything.batches);
      expect(walked.pages).toBe(Math.ceil(made.length / limit));
    }
    const morphing = everything.batches.filter((b) => b.qr_type === 'morphing');
    expect(morphing.length).toBeGreaterThan(2);
    expect((await walk(me, 2, '&qr_type=morphing')).batches).toEqual(morphing);

    // A batch made while paging lands before the cursor: the next page neither repeats nor skips one.
    const first = await list(me, 'limit=4');
    await bulk(me, { urls: urls(1) });
    const rest = await walk(me, 100, `&cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect([...first.data, ...rest.batches]).toEqual(everything.batches);

    for (const query of ['limit=0', 'limit=101', 'cursor=nope', 'qr_type=paper', 'batch_id=x']) {
      const bad = await t.app.inject({ method: 'GET', url: `/api/v1/qrs/batches?${query}`, headers: me.headers });
      expect([bad.statusCode, bad.json().code], query).toEqual([400, 'validation_failed']);
    }
  });

  it("another account's batches are not listed", async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const other = await tenant(t);
    const mine = await bulk(me, { urls: urls(2) });
    t.clock.advance(1);
    const theirs = await bulk(other, { urls: urls(5), qr_type: 'morphing' });
    expect((await list(me)).data.map((b) => [b.batch_id, b.codes])).toEqual([[mine, 2]]);
    expect((await list(other)).data.map((b) => [b.batch_id, b.codes])).toEqual([[theirs, 5]]);
    // Its cursor, even one naming their batch, pages only through mine.
    const page = await list(other, 'limit=1');
    expect(page.next_cursor).toBeNull();
    expect((await list(me, `limit=1&cursor=${Buffer.from(JSON.stringify([t.clock.now() + 1, theirs])).toString('base64url')}`)).data.map((b) => b.batch_id)).toEqual([mine]);
  });

  it('a tst key makes test batches (livemode false) and, as with campaigns, every key of the account lists test and live batches alike', async () => {
    t = await createTestApp(dialect);
    const { account, live, test } = await liveAndTestKeys();
    const liveBatch = await bulk(live, { urls: urls(2), qr_type: 'morphing' });
    t.clock.advance(1);
    const testBatch = await bulk(test, { urls: urls(3), qr_type: 'morphing' });
    const expected = [
      [testBatch, false, 3],
      [liveBatch, true, 2],
    ];
    for (const headers of [live.headers, test.headers, sessionHeaders(account)]) {
      expect((await list(live, '', headers)).data.map((b) => [b.batch_id, b.livemode, b.codes])).toEqual(expected);
    }
    // The campaign list a tst key reads holds the live batch's codes too: hiding the batch would hide nothing.
    const codes = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns?batch_id=${liveBatch}`, headers: test.headers });
    expect(codes.json().data).toHaveLength(2);
  });

  async function rename(me: Tenant, batchId: string, payload: unknown, headers = me.headers) {
    return t.app.inject({ method: 'PATCH', url: `/api/v1/qrs/batches/${batchId}`, headers, payload: payload as Record<string, unknown> });
  }

  async function one(me: Tenant, batchId: string) {
    return t.app.inject({ method: 'GET', url: `/api/v1/qrs/batches/${batchId}`, headers: me.headers });
  }

  it('a batch is named with its request or later, renamed, and unnamed; the list and the batch itself say so', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const fair = await bulk(me, { urls: urls(3), qr_type: 'morphing', batch_name: '  Spring fair, 14 March ' });
    t.clock.advance(1);
    const plain = await bulk(me, { urls: urls(2) });
    expect((await list(me)).data.map((b) => [b.batch_id, b.name])).toEqual([
      [plain, null],
      [fair, 'Spring fair, 14 March'],
    ]);
    const got = await one(me, fair);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toEqual((await list(me)).data[1]);

    const renamed = await rename(me, plain, { name: 'Staff badges' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect([renamed.json().batch_id, renamed.json().name, renamed.json().codes]).toEqual([plain, 'Staff badges', 2]);
    expect((await rename(me, plain, { name: 'Staff badges, day 2' })).json().name).toBe('Staff badges, day 2');
    expect((await one(me, plain)).json().name).toBe('Staff badges, day 2');
    const unnamed = await rename(me, fair, { name: null });
    expect([unnamed.statusCode, unnamed.json().name]).toEqual([200, null]);
    expect((await list(me)).data.map((b) => b.name)).toEqual(['Staff badges, day 2', null]);
    // The codes are untouched: their names stay their own.
    const codes = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns?batch_id=${plain}`, headers: me.headers });
    expect(codes.json().data.map((c: { name: string }) => c.name)).not.toContain('Staff badges, day 2');
  });

  it('refuses a blank, over-long or missing name with a 400 naming the field, and changes nothing', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const batch = await bulk(me, { urls: urls(1), batch_name: 'Gala' });
    for (const payload of [{ name: '   ' }, { name: '' }, { name: 'x'.repeat(201) }, {}, { name: 'Gala', extra: 1 }, { name: 42 }]) {
      const response = await rename(me, batch, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await rename(me, batch, { name: '   ' })).json().errors[0].field).toContain('name');
    expect((await one(me, batch)).json().name).toBe('Gala');
    // A bulk request with a blank name creates nothing.
    const blank = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: me.headers, payload: { design_config: {}, urls: urls(1), batch_name: ' ' } });
    expect(blank.statusCode).toBe(400);
    expect((await list(me)).data).toHaveLength(1);
  });

  it("another account's batch, or none, is a 404 to read or rename, and its name does not change", async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const other = await tenant(t);
    const theirs = await bulk(other, { urls: urls(2), batch_name: 'Their fair' });
    for (const batchId of [theirs, 'bat_unknown']) {
      expect((await one(me, batchId)).statusCode).toBe(404);
      expect((await rename(me, batchId, { name: 'Mine now' })).statusCode).toBe(404);
    }
    expect((await one(other, theirs)).json().name).toBe('Their fair');
  });

  it('a tst key renames the test batches it made, not a live one', async () => {
    t = await createTestApp(dialect);
    const { account, live, test } = await liveAndTestKeys();
    const liveBatch = await bulk(live, { urls: urls(1), batch_name: 'Live fair' });
    const testBatch = await bulk(test, { urls: urls(1) });
    const refused = await rename(test, liveBatch, { name: 'Renamed by a test key' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('tst key');
    expect((await one(live, liveBatch)).json().name).toBe('Live fair');
    expect((await rename(test, testBatch, { name: 'Rehearsal' })).json().name).toBe('Rehearsal');
    // The dashboard (a session) renames either.
    expect((await rename(live, liveBatch, { name: 'Live fair, 2nd day' }, sessionHeaders(account))).json().name).toBe('Live fair, 2nd day');
  });

  async function reentry(me: Tenant, batchId: string, allow?: unknown, headers = me.headers) {
    const url = `/api/v1/qrs/batches/${batchId}/reentry`;
    return allow === undefined ? t.app.inject({ method: 'GET', url, headers }) : t.app.inject({ method: 'PUT', url, headers, payload: { allow_reentry: allow } });
  }

  it("an event's tickets are let back in after an exit all at once, or none; one set alone makes the event mixed", async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const gala = await bulk(me, { urls: urls(3), qr_type: 'morphing' });
    expect((await reentry(me, gala)).json()).toEqual({ batch_id: gala, allow_reentry: false, tickets: 3, allowing: 0 });
    const on = await reentry(me, gala, true);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toEqual({ batch_id: gala, allow_reentry: true, tickets: 3, allowing: 3 });
    // Each ticket says so, as if set one by one.
    const tickets = (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns?batch_id=${gala}`, headers: me.headers })).json().data as Array<{ id: string }>;
    expect(tickets).toHaveLength(3);
    for (const ticket of tickets) expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${ticket.id}/morph`, headers: me.headers })).json().allow_reentry).toBe(true);
    // One ticket set apart: the event is mixed (null), and counted.
    await t.app.inject({ method: 'PATCH', url: `/api/v1/campaigns/${tickets[0]!.id}/morph`, headers: me.headers, payload: { allow_reentry: false } });
    expect((await reentry(me, gala)).json()).toEqual({ batch_id: gala, allow_reentry: null, tickets: 3, allowing: 2 });
    expect((await reentry(me, gala, false)).json()).toEqual({ batch_id: gala, allow_reentry: false, tickets: 3, allowing: 0 });
    // Not a boolean, or nothing: a 400 naming the field, and nothing changes.
    for (const bad of ['yes', null]) {
      const refused = await reentry(me, gala, bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('body/allow_reentry');
    }
    expect((await reentry(me, gala)).json().allowing).toBe(0);
  });

  it('only tickets have a re-entry policy (409); another account, or no batch, is a 404; a tst key sets only its test events', async () => {
    t = await createTestApp(dialect);
    const { live, test } = await liveAndTestKeys();
    const posters = await bulk(live, { urls: urls(2) });
    for (const response of [await reentry(live, posters), await reentry(live, posters, true)]) {
      expect(response.statusCode).toBe(409);
      expect(response.json().detail).toContain('only tickets');
    }
    const liveEvent = await bulk(live, { urls: urls(2), qr_type: 'morphing' });
    const stranger = await tenant(t);
    for (const response of [await reentry(stranger, liveEvent), await reentry(stranger, liveEvent, true), await reentry(live, 'bat_nothing', true)]) expect(response.statusCode).toBe(404);
    expect((await reentry(live, liveEvent)).json().allowing).toBe(0);
    const refused = await reentry(test, liveEvent, true);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('tst key');
    const rehearsal = await bulk(test, { urls: urls(2), qr_type: 'morphing' });
    expect((await reentry(test, rehearsal, true)).json()).toMatchObject({ allow_reentry: true, allowing: 2 });
  });
});
