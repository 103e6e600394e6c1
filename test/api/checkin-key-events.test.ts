// Check-in keys kept to one event (`batch_id`, ADR 0041): a door link for one concert checks in,
// reads and exports that concert only, whatever the request names, and lists no other event.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTicket, createTicketBatch, liveTicketUrl, postCheckin } from '../helpers/checkins.ts';
import { describeDialects } from '../helpers/dialects.ts';
import type { Tenant } from '../helpers/tenants.ts';

describeDialects('check-in keys kept to one event', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  let full: Tenant;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    a = await signUp(t.app);
    full = { accountId: a.accountId, apiKey: a.apiKey, headers: authHeaders(a.apiKey) };
  });
  afterEach(async () => t.close());

  const createKey = (headers: Record<string, string>, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers, payload });

  async function eventKey(batchId: string, env: 'prd' | 'tst' = 'prd'): Promise<Tenant & { id: string }> {
    const created = await createKey(sessionHeaders(a), { env, scope: 'checkin', batch_id: batchId, name: 'Main stage door' });
    expect(created.statusCode, created.body).toBe(201);
    const { api_key, full_key } = created.json().data;
    expect(api_key).toMatchObject({ scope: 'checkin', batch_id: batchId });
    return { id: api_key.id, accountId: a.accountId, apiKey: full_key, headers: authHeaders(full_key) };
  }

  it('checks in its own event and refuses the tickets of another, named or not', async () => {
    const concert = await createTicketBatch(t, full, 2);
    const fair = await createTicketBatch(t, full, 1);
    const door = await eventKey(concert.batch_id);

    // No batch_id sent: the key's event is the gate's.
    const admitted = await postCheckin(t, door, { payload: liveTicketUrl(t, concert.data[0]!), type: 'entry', scanner_id: 'north' });
    expect(admitted.json()).toMatchObject({ result: 'ok', reason: 'admitted', batch_id: concert.batch_id });
    const otherTicket = await postCheckin(t, door, { payload: liveTicketUrl(t, fair.data[0]!), type: 'entry', scanner_id: 'north' });
    expect(otherTicket.json()).toMatchObject({ result: 'invalid', reason: 'other_event', batch_id: concert.batch_id });
    // The fair's ticket was not spent at the concert's door.
    const atFair = await postCheckin(t, full, { payload: liveTicketUrl(t, fair.data[0]!), type: 'entry', batch_id: fair.batch_id });
    expect(atFair.json().reason).toBe('admitted');

    const named = await postCheckin(t, door, { payload: liveTicketUrl(t, fair.data[0]!), type: 'entry', batch_id: fair.batch_id });
    expect([named.statusCode, named.json().code]).toEqual([403, 'api_key_scope']);
    expect(named.json().detail).toContain(`kept to event '${concert.batch_id}'`);
    const same = await postCheckin(t, door, { payload: liveTicketUrl(t, concert.data[1]!), type: 'entry', batch_id: concert.batch_id });
    expect(same.json().reason).toBe('admitted');

    // A single ticket (no batch) is another event's too.
    const single = await createTicket(t, full);
    const lone = await postCheckin(t, door, { payload: liveTicketUrl(t, single), type: 'entry' });
    expect(lone.json()).toMatchObject({ result: 'invalid', reason: 'other_event' });
  });

  it("learns nothing of another event's tickets from their short links: no name, no destination, in the answer, the log or the export", async () => {
    const concert = await createTicketBatch(t, full, 1);
    const fair = await createTicketBatch(t, full, 1);
    const flyer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: full.headers,
      payload: { name: 'Sponsor deal (internal)', destination: 'https://example.com/secret-offer' },
    });
    expect(flyer.statusCode, flyer.body).toBe(201);
    const door = await eventKey(concert.batch_id);
    // A printed short link, no token needed: an exit spends nothing, so it could be tried at will.
    for (const shortCode of [fair.data[0]!.short_code, flyer.json().short_code as string]) {
      const probe = await postCheckin(t, door, { payload: `${t.app.ctx.config.publicUrl}/${shortCode}`, type: 'exit' });
      expect(probe.json()).toMatchObject({ result: 'invalid', reason: 'other_event', ticket: null });
    }
    const log = await t.app.inject({ method: 'GET', url: '/api/v1/checkins', headers: door.headers });
    expect(log.json().data.map((c: { ticket: unknown }) => c.ticket)).toEqual([null, null]);
    const csv = (await t.app.inject({ method: 'GET', url: '/api/v1/checkins/export.csv', headers: door.headers })).body;
    expect(csv).not.toContain('example.com');
    expect(csv).not.toContain('Sponsor deal');
    // Its own event's tickets are named as ever.
    const own = await postCheckin(t, door, { payload: liveTicketUrl(t, concert.data[0]!), type: 'entry' });
    expect(own.json().ticket).toMatchObject({ short_code: concert.data[0]!.short_code });
  });

  it("reads one of its tickets as its own gates saw it: that ticket's scans at another event's gates stay out of the figures and the export", async () => {
    const concert = await createTicketBatch(t, full, 1);
    const fair = await createTicketBatch(t, full, 1);
    const ticket = concert.data[0]!;
    // Held up at the fair's door by mistake (gate name and time are the fair's business), then admitted at the concert.
    const astray = await postCheckin(t, full, { payload: liveTicketUrl(t, ticket), type: 'entry', batch_id: fair.batch_id, scanner_id: 'fair-east' });
    expect(astray.json().reason).toBe('other_event');
    const door = await eventKey(concert.batch_id);
    await postCheckin(t, door, { payload: liveTicketUrl(t, ticket), type: 'entry', scanner_id: 'north' });
    const read = (url: string) => t.app.inject({ method: 'GET', url, headers: door.headers });
    const summary = (await read(`/api/v1/checkins/summary?campaign_id=${ticket.id}`)).json();
    expect(summary.checkins).toMatchObject({ total: 1, admissions: 1, refusals: 0 });
    expect(summary.scanners.map((s: { scanner_id: string }) => s.scanner_id)).toEqual(['north']);
    const csv = (await read(`/api/v1/checkins/export.csv?campaign_id=${ticket.id}`)).body;
    expect(csv.trim().split(/\r?\n/)).toHaveLength(2);
    expect(csv).not.toContain('fair-east');
    // The account itself still sees both.
    const all = await t.app.inject({ method: 'GET', url: `/api/v1/checkins/summary?campaign_id=${ticket.id}`, headers: full.headers });
    expect(all.json().checkins.total).toBe(2);
  });

  it("a test key kept to a test event is told a live ticket is another event's, without its campaign, and writes nothing to the live ticket's record", async () => {
    const concert = await createTicketBatch(t, full, 1);
    const testKey = (await createKey(sessionHeaders(a), { env: 'tst', name: 'Rehearsal' })).json().data.full_key as string;
    const rehearsal = await createTicketBatch(t, { accountId: a.accountId, apiKey: testKey, headers: authHeaders(testKey) }, 1);
    const door = await eventKey(rehearsal.batch_id, 'tst');
    const scanned = await postCheckin(t, door, { payload: liveTicketUrl(t, concert.data[0]!), type: 'entry' });
    expect(scanned.statusCode, scanned.body).toBe(200);
    expect(scanned.json()).toMatchObject({ result: 'invalid', reason: 'other_event', campaign_id: null, ticket: null, batch_id: rehearsal.batch_id });
    expect(scanned.body).not.toContain(concert.data[0]!.id);
    // The live ticket's own record shows nothing of the rehearsal's door, and it still gets in.
    const liveLog = await t.app.inject({ method: 'GET', url: `/api/v1/checkins?campaign_id=${concert.data[0]!.id}`, headers: full.headers });
    expect(liveLog.json().data).toEqual([]);
    expect((await postCheckin(t, full, { payload: liveTicketUrl(t, concert.data[0]!), type: 'entry' })).json().reason).toBe('admitted');
    // A test key kept to no event is still refused outright, as before.
    const loose = await postCheckin(t, { accountId: a.accountId, apiKey: testKey, headers: authHeaders(testKey) }, { payload: liveTicketUrl(t, concert.data[0]!), type: 'entry' });
    expect(loose.statusCode).toBe(403);
  });

  it('reads, sums up and exports its own event only, and lists no other', async () => {
    const concert = await createTicketBatch(t, full, 2);
    const fair = await createTicketBatch(t, full, 1);
    await postCheckin(t, full, { payload: liveTicketUrl(t, fair.data[0]!), type: 'entry', batch_id: fair.batch_id });
    const door = await eventKey(concert.batch_id);
    await postCheckin(t, door, { payload: liveTicketUrl(t, concert.data[0]!), type: 'entry' });
    const read = (url: string) => t.app.inject({ method: 'GET', url, headers: door.headers });

    // The log: the event's, whether it is named or not; another event is a 403.
    const log = await read('/api/v1/checkins');
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().data.map((c: { batch_id: string }) => c.batch_id)).toEqual([concert.batch_id]);
    expect((await read(`/api/v1/checkins?batch_id=${concert.batch_id}`)).json().data).toHaveLength(1);
    expect((await read(`/api/v1/checkins?campaign_id=${fair.data[0]!.id}`)).json().data).toEqual([]);
    const otherLog = await read(`/api/v1/checkins?batch_id=${fair.batch_id}`);
    expect([otherLog.statusCode, otherLog.json().code]).toEqual([403, 'api_key_scope']);

    // Figures and export: the event by default, one of its tickets, never another event or ticket.
    const summary = await read('/api/v1/checkins/summary');
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toMatchObject({ batch_id: concert.batch_id, tickets: { total: 2, admitted: 1 } });
    const ticket = await read(`/api/v1/checkins/summary?campaign_id=${concert.data[0]!.id}`);
    expect(ticket.json()).toMatchObject({ campaign_id: concert.data[0]!.id, tickets: { total: 1, admitted: 1 } });
    for (const url of [`/api/v1/checkins/summary?batch_id=${fair.batch_id}`, `/api/v1/checkins/summary?campaign_id=${fair.data[0]!.id}`, `/api/v1/checkins/export.csv?batch_id=${fair.batch_id}`]) {
      const refused = await read(url);
      expect([refused.statusCode, refused.json().code], url).toEqual([403, 'api_key_scope']);
    }
    const csv = await read('/api/v1/checkins/export.csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toContain(concert.batch_id);
    expect(csv.body.trim().split(/\r?\n/)).toHaveLength(2);

    // Events: its own, alone.
    expect((await read('/api/v1/qrs/batches')).json().data.map((b: { batch_id: string }) => b.batch_id)).toEqual([concert.batch_id]);
    expect((await read(`/api/v1/qrs/batches/${concert.batch_id}`)).statusCode).toBe(200);
    const otherEvent = await read(`/api/v1/qrs/batches/${fair.batch_id}`);
    expect([otherEvent.statusCode, otherEvent.json().code]).toEqual([403, 'api_key_scope']);
    expect((await read('/api/v1/auth/me')).json()).toMatchObject({ scope: 'checkin', batch_id: concert.batch_id });
    // Sessions and keys that are not kept to one event still see everything.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: full.headers })).json().batch_id).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/checkins', headers: full.headers })).json().data).toHaveLength(2);
  });

  it('is refused at creation unless it is a check-in key for an event of the account it could check in', async () => {
    const concert = await createTicketBatch(t, full, 1);
    const refuse = async (payload: Record<string, unknown>, status: number, code: string) => {
      const response = await createKey(sessionHeaders(a), payload);
      expect([response.statusCode, response.json().code], response.body).toEqual([status, code]);
      return response.json();
    };
    const notCheckin = await refuse({ env: 'prd', batch_id: concert.batch_id }, 400, 'validation_failed');
    expect(notCheckin.errors).toEqual([expect.objectContaining({ field: 'body/batch_id' })]);
    expect(notCheckin.detail).toContain('scope "checkin"');
    await refuse({ env: 'prd', scope: 'all', batch_id: concert.batch_id }, 400, 'validation_failed');
    await refuse({ env: 'prd', scope: 'checkin', batch_id: 'bat_nothing' }, 404, 'not_found');
    await refuse({ env: 'prd', scope: 'checkin', batch_id: '' }, 400, 'validation_failed');
    // A batch of flyers holds no tickets.
    const flyers = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: full.headers, payload: { urls: ['https://example.com/a'], design_config: {} } });
    await refuse({ env: 'prd', scope: 'checkin', batch_id: flyers.json().batch_id }, 404, 'not_found');
    // Another account's event reads as unknown.
    const b = await signUp(t.app, { email: 'b@example.com', slug: 'bee' });
    const theirs = await createTicketBatch(t, { accountId: b.accountId, apiKey: b.apiKey, headers: authHeaders(b.apiKey) }, 1);
    await refuse({ env: 'prd', scope: 'checkin', batch_id: theirs.batch_id }, 404, 'not_found');
    // A tst key could not admit a live event's tickets.
    const live = await refuse({ env: 'tst', scope: 'checkin', batch_id: concert.batch_id }, 400, 'validation_failed');
    expect(live.detail).toContain('live event');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/merchant/api-keys', headers: full.headers })).json().data.api_keys).toHaveLength(1);
    // The database holds the rule too: only a check-in key names an event.
    await expect(t.database.handle.db.updateTable('api_keys').set({ batch_id: concert.batch_id }).where('account_id', '=', a.accountId).execute()).rejects.toThrow();
  });

  it('keeps its event when regenerated, and shows it in the key list', async () => {
    const concert = await createTicketBatch(t, full, 1);
    const door = await eventKey(concert.batch_id);
    const kid = door.apiKey.split('-')[2]; // sec1-{env}-{kid}-{secret}-{checksum}
    const regenerated = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', headers: sessionHeaders(a), payload: { kid } });
    expect(regenerated.statusCode, regenerated.body).toBe(201);
    expect(regenerated.json().data.api_key).toMatchObject({ scope: 'checkin', batch_id: concert.batch_id });
    const successor = authHeaders(regenerated.json().data.full_key);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: successor })).json().batch_id).toBe(concert.batch_id);
    const keys = (await t.app.inject({ method: 'GET', url: '/api/v1/merchant/api-keys', headers: full.headers })).json().data.api_keys as Array<{ scope: string; batch_id: string | null }>;
    expect(keys.map((k) => [k.scope, k.batch_id]).sort()).toEqual([
      ['all', null],
      ['checkin', concert.batch_id],
      ['checkin', concert.batch_id],
    ]);
  });
});
