// What the gate is told beyond ok / not ok: a ticket outside its campaign's schedule is refused
// as the phone scan of the same code is, and a second scan says when and where the ticket got in.
import { createHash, createHmac } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { type CheckinAnswer as Answer, createTicket, createTicketBatch, liveTicketUrl, postCheckin, scanTicket, type TicketCode as Created } from '../helpers/checkins.ts';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { testKey } from '../helpers/payments.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';

const HOUR = 3_600_000;

describeDialects('check-in at the gate', (dialect) => {
  let t: TestApp;
  let me: Tenant;
  afterEach(async () => {
    await t.close();
  });

  async function start(): Promise<void> {
    t = await createTestApp(dialect);
    me = await tenant(t);
  }

  const ticket = (payload: Record<string, unknown> = {}) => createTicket(t, me, payload);
  const live = (code: Created) => liveTicketUrl(t, code);
  const scan = (body: Record<string, unknown>) => scanTicket(t, me, body);

  function signedRender(code: Created) {
    const at = String(t.clock.now());
    return t.app.inject({ method: 'GET', url: `/api/render/${code.short_code}.svg?t=${at}&sig=${createHmac('sha256', code.secret_key!).update(at).digest('hex')}` });
  }

  const iso = (ms: number) => new Date(ms).toISOString();

  it('refuses a ticket before its start and from its end, as the phone scan of the same code does, and stores the refusal', async () => {
    await start();
    const opens = t.clock.now() + HOUR;
    const early = await ticket({ active_from: iso(opens) });
    const payload = live(early);
    expect((await t.app.inject({ method: 'GET', url: payload.replace('http://tessera.test', '') })).json().code).toBe('code_not_yet_active');
    const before = await scan({ payload, scanner_id: 'gate-A' });
    expect([before.result, before.reason, before.campaign_id]).toEqual(['invalid', 'not_yet_active', early.id]);
    // The gate can tell them when to come back; the log keeps it.
    expect(before.opens_at).toBe(iso(opens));
    const logged = await t.app.inject({ method: 'GET', url: `/api/v1/checkins?campaign_id=${early.id}`, headers: me.headers });
    expect(logged.json().data[0].opens_at).toBe(iso(opens));

    const over = await ticket({ name: 'Attendee 0043', active_until: iso(t.clock.now() + HOUR) });
    t.clock.advance(HOUR);
    const ended = live(over);
    expect((await t.app.inject({ method: 'GET', url: ended.replace('http://tessera.test', '') })).json().code).toBe('code_ended');
    const after = await scan({ payload: ended });
    expect([after.result, after.reason, after.opens_at]).toEqual(['expired', 'ended', null]);
    // An exit is refused too: from its end the ticket is no ticket, whichever way it goes.
    expect((await scan({ payload: ended, type: 'exit' })).reason).toBe('ended');
    // The schedule is judged before the token: a stale screenshot of an ended ticket says ended.
    t.clock.advance(2 * 30_000);
    expect((await scan({ payload: ended })).reason).toBe('ended');

    // Once its window opened the early ticket gets in: the refusal before spent nothing.
    expect(t.clock.now()).toBeGreaterThan(opens);
    const admitted = await scan({ payload: live(early) });
    expect([admitted.result, admitted.opens_at]).toEqual(['ok', null]);

    const log = (await t.app.inject({ method: 'GET', url: `/api/v1/checkins?campaign_id=${over.id}`, headers: me.headers })).json() as { data: Answer[] };
    expect(log.data.map((a) => `${a.result}/${a.reason}`)).toEqual(['expired/ended', 'expired/ended', 'expired/ended']);
    const state = await t.database.handle.db.selectFrom('ticket_state').selectAll().where('campaign_id', '=', over.id).executeTakeFirst();
    expect(state).toBeUndefined();
  });

  it('a signed render from the end of the schedule shows EXPIRED (reason ended), not a live code; before the start it stays live', async () => {
    await start();
    const early = await ticket({ active_from: iso(t.clock.now() + HOUR) });
    const before = await signedRender(early);
    expect([before.statusCode, before.headers['x-tessera-render']]).toEqual([200, 'live']);

    const over = await ticket({ name: 'Attendee 0043', active_until: iso(t.clock.now() + HOUR) });
    expect((await signedRender(over)).headers['x-tessera-render']).toBe('live');
    t.clock.advance(HOUR);
    const after = await signedRender(over);
    expect([after.statusCode, after.headers['x-tessera-render'], after.headers['x-tessera-render-reason'], after.headers['cache-control']]).toEqual([200, 'expired', 'ended', 'no-store']);
    expect(after.body).toContain('EXPIRED');
    // A bad signature is still answered as one: the schedule is told only to signed requests.
    const unsigned = await t.app.inject({ method: 'GET', url: `/api/render/${over.short_code}.svg` });
    expect(unsigned.headers['x-tessera-render-reason']).toBe('missing');
  });

  it('already_redeemed says when and at which gate the ticket was admitted', async () => {
    await start();
    const code = await ticket();
    const first = await scan({ payload: live(code), scanner_id: 'gate-A' });
    expect([first.result, first.admission]).toEqual(['ok', null]);
    t.clock.advance(40_000);
    const second = await scan({ payload: live(code), scanner_id: 'gate-B' });
    expect([second.result, second.reason]).toEqual(['already_redeemed', 'already_used']);
    expect(second.admission).toEqual({ checkin_id: first.checkin_id, scanner_id: 'gate-A', created_at: first.created_at });
    // The log keeps the answer as given.
    const log = (await t.app.inject({ method: 'GET', url: `/api/v1/checkins?campaign_id=${code.id}`, headers: me.headers })).json() as { data: Answer[] };
    expect(log.data[0]!.admission).toEqual(second.admission);
    expect(log.data[1]!.admission).toBeNull();
    // Answers stored before the field existed are listed with none.
    const db = t.database.handle.db;
    const stored = await db.selectFrom('checkins').select('response').where('id', '=', second.checkin_id).executeTakeFirstOrThrow();
    const { admission: _dropped, ...older } = JSON.parse(stored.response) as Record<string, unknown>;
    await db
      .updateTable('checkins')
      .set({ response: JSON.stringify(older) })
      .where('id', '=', second.checkin_id)
      .execute();
    const relisted = await t.app.inject({ method: 'GET', url: `/api/v1/checkins?campaign_id=${code.id}`, headers: me.headers });
    expect([relisted.statusCode, (relisted.json() as { data: Answer[] }).data[0]!.admission]).toEqual([200, null]);

    // With re-entry, a ticket already inside points at the entry it is inside on, not an earlier one.
    const again = await ticket({ name: 'Attendee 0043' });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/campaigns/${again.id}/morph`, headers: me.headers, payload: { allow_reentry: true } });
    await scan({ payload: live(again), scanner_id: 'gate-A' });
    await scan({ payload: live(again), type: 'exit', scanner_id: 'gate-A' });
    t.clock.advance(1_000);
    const back = await scan({ payload: live(again) });
    const inside = await scan({ payload: live(again), scanner_id: 'gate-B' });
    expect([inside.result, inside.reason]).toEqual(['already_redeemed', 'already_inside']);
    expect(inside.admission).toEqual({ checkin_id: back.checkin_id, scanner_id: null, created_at: back.created_at });
    // Other refusals name no admission.
    expect((await scan({ payload: live(again), type: 'exit' })).admission).toBeNull();
    expect((await scan({ payload: live(again), type: 'exit' })).admission).toBeNull();
  });

  it('a gate kept to one event refuses every other ticket unspent, and a batch the account lacks is a 404', async () => {
    await start();
    const tonight = await createTicketBatch(t, me, 2);
    const tomorrow = await createTicketBatch(t, me, 1);
    const single = await ticket();
    const door = { batch_id: tonight.batch_id, scanner_id: 'door-1' };

    const wrong = await scan({ payload: live(tomorrow.data[0]!), ...door });
    expect([wrong.result, wrong.reason, wrong.batch_id, wrong.ticket?.short_code]).toEqual(['invalid', 'other_event', tonight.batch_id, tomorrow.data[0]!.short_code]);
    expect((await scan({ payload: live(single), ...door })).reason).toBe('other_event');
    const stranger = await scan({ payload: 'https://elsewhere.example/x', ...door });
    expect([stranger.reason, stranger.batch_id, stranger.ticket]).toEqual(['not_a_ticket_url', tonight.batch_id, null]);
    // One of the account's codes that is no ticket at all (a flyer) is not a ticket for another
    // event: "it still works at its own event" would send its holder off to look for one.
    const flyer = (await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'Flyer', destination: 'https://example.com/' } })).json() as Created;
    const notTicket = await scan({ payload: `http://tessera.test/${flyer.short_code}`, ...door });
    expect([notTicket.result, notTicket.reason, notTicket.batch_id]).toEqual(['invalid', 'not_a_ticket', tonight.batch_id]);
    expect((await scan({ payload: live(tonight.data[0]!), ...door })).reason).toBe('admitted');
    // What this door refused counts toward its event, not toward the other event or nowhere.
    const refusedHere = await t.app.inject({ method: 'GET', url: `/api/v1/checkins/summary?batch_id=${tonight.batch_id}`, headers: me.headers });
    expect(refusedHere.json().checkins).toMatchObject({ total: 5, admissions: 1, refusals: 4 });
    expect(refusedHere.json().tickets).toMatchObject({ total: 2, admitted: 1 });
    const elsewhereSummary = await t.app.inject({ method: 'GET', url: `/api/v1/checkins/summary?batch_id=${tomorrow.batch_id}`, headers: me.headers });
    expect(elsewhereSummary.json().checkins.total).toBe(0);
    // Refused at the wrong door, both still get in at their own.
    expect((await scan({ payload: live(tomorrow.data[0]!), batch_id: tomorrow.batch_id })).reason).toBe('admitted');
    expect((await scan({ payload: live(single) })).reason).toBe('admitted');

    // A misconfigured gate hears so at once and records nothing; another account's batch is unknown too.
    const before = (
      await t.database.handle.db
        .selectFrom('checkins')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const unknown = await postCheckin(t, me, { payload: live(tonight.data[1]!), batch_id: 'bat_unknown' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'not_found']);
    expect((await postCheckin(t, me, { payload: 'not a ticket', batch_id: 'bat_unknown' })).statusCode).toBe(404);
    const other = await tenant(t);
    const theirs = await createTicketBatch(t, other, 1);
    expect((await postCheckin(t, me, { payload: live(tonight.data[1]!), batch_id: theirs.batch_id })).statusCode).toBe(404);
    const after = (
      await t.database.handle.db
        .selectFrom('checkins')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(Number(after)).toBe(Number(before));

    // The event is part of what a nonce stands for: the same nonce at another door is another request.
    const payload = live(tonight.data[1]!);
    expect((await scan({ payload, ...door, nonce: 'scan-1' })).reason).toBe('admitted');
    const replay = await postCheckin(t, me, { payload, ...door, nonce: 'scan-1' });
    expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.json().reason]).toEqual([200, 'true', 'admitted']);
    const elsewhere = await postCheckin(t, me, { payload, scanner_id: 'door-1', batch_id: tomorrow.batch_id, nonce: 'scan-1' });
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([422, 'idempotency_key_reused']);
  });

  it("a tst key may not keep its gate to a live event: its refusals would land in the live event's record", async () => {
    await start();
    const account = await signUp(t.app);
    const prd: Tenant = { accountId: account.accountId, apiKey: account.apiKey, headers: authHeaders(account.apiKey) };
    const tstKey = await testKey(t.app, account);
    const tst: Tenant = { accountId: account.accountId, apiKey: tstKey, headers: authHeaders(tstKey) };
    const gala = await createTicketBatch(t, prd, 1);
    const rehearsal = await createTicketBatch(t, tst, 1);
    const count = async () =>
      Number(
        (
          await t.database.handle.db
            .selectFrom('checkins')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    for (const payload of ['hello', live(rehearsal.data[0]!)]) {
      const refused = await postCheckin(t, tst, { payload, batch_id: gala.batch_id, scanner_id: 'rehearsal' });
      expect([refused.statusCode, refused.json().code]).toEqual([403, 'forbidden']);
    }
    expect(await count()).toBe(0);
    // At its own test event it works as any gate does.
    expect((await scanTicket(t, tst, { payload: 'hello', batch_id: rehearsal.batch_id })).reason).toBe('not_a_ticket_url');
    expect((await scanTicket(t, tst, { payload: live(rehearsal.data[0]!), batch_id: rehearsal.batch_id })).reason).toBe('admitted');
    // A live key at the live event, as before.
    expect((await scanTicket(t, prd, { payload: live(gala.data[0]!), batch_id: gala.batch_id })).reason).toBe('admitted');
  });

  it('a nonce stored before gates named their event still replays: the request hash of a request without batch_id is unchanged', async () => {
    await start();
    const code = await ticket();
    const payload = live(code);
    const first = await scan({ payload, scanner_id: 'gate-A', nonce: 'before-upgrade' });
    const stored = await t.database.handle.db.selectFrom('checkins').select('request_hash').where('id', '=', first.checkin_id).executeTakeFirstOrThrow();
    // The formula releases before this one stored: sha256 of [payload, type, scanner_id].
    expect(stored.request_hash).toBe(
      createHash('sha256')
        .update(JSON.stringify([payload, 'entry', 'gate-A']))
        .digest('hex'),
    );
    const again = await postCheckin(t, me, { payload, scanner_id: 'gate-A', nonce: 'before-upgrade' });
    expect([again.statusCode, again.headers['idempotent-replayed'], again.json().checkin_id]).toEqual([200, 'true', first.checkin_id]);
  });
});
