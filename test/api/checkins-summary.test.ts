// GET /api/v1/checkins/summary: an event's figures at the gates, counted by the database, equal
// to what counting the raw log gives.
import { afterEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { type CheckinAnswer, createTicket, createTicketBatch, expectScopeRefusals, listAllCheckins, liveTicketUrl, scanTicket } from '../helpers/checkins.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';

interface Summary {
  campaign_id: string | null;
  batch_id: string | null;
  tickets: { total: number; archived: number; admitted: number; inside: number };
  checkins: {
    total: number;
    admissions: number;
    exits: number;
    refusals: number;
    by_result: Record<string, number>;
    refusal_reasons: { reason: string; result: string; count: number }[];
    first_at: string | null;
    last_at: string | null;
  };
  scanners: { scanner_id: string | null; checkins: number; admissions: number; exits: number; refusals: number; first_at: string; last_at: string }[];
  scanners_truncated: boolean;
}

const STEP = 30_000;

/** The summary's check-in figures, counted by hand from the log's rows. */
function countLog(rows: CheckinAnswer[]) {
  const isAdmission = (r: CheckinAnswer) => r.result === 'ok' && r.type === 'entry';
  const isExit = (r: CheckinAnswer) => r.result === 'ok' && r.type === 'exit';
  const tally = (keys: string[]) => Object.fromEntries([...new Set(keys)].map((k) => [k, keys.filter((x) => x === k).length]));
  const refused = rows.filter((r) => r.result !== 'ok');
  const times = rows.map((r) => r.created_at).sort();
  const scanners = [...new Set(rows.map((r) => r.scanner_id))].map((id) => {
    const mine = rows.filter((r) => r.scanner_id === id);
    const at = mine.map((r) => r.created_at).sort();
    return {
      scanner_id: id,
      checkins: mine.length,
      admissions: mine.filter(isAdmission).length,
      exits: mine.filter(isExit).length,
      refusals: mine.length - mine.filter(isAdmission).length - mine.filter(isExit).length,
      first_at: at[0],
      last_at: at.at(-1),
    };
  });
  return {
    total: rows.length,
    admissions: rows.filter(isAdmission).length,
    exits: rows.filter(isExit).length,
    refusals: refused.length,
    by_result: tally(rows.map((r) => r.result)),
    refusal_reasons: tally(refused.map((r) => `${r.result}/${r.reason}`)),
    first_at: times[0] ?? null,
    last_at: times.at(-1) ?? null,
    admitted: new Set(rows.filter(isAdmission).map((r) => r.campaign_id)).size,
    scanners,
  };
}

describeDialects('check-in summary', (dialect) => {
  let t: TestApp;
  let me: Tenant;
  afterEach(async () => {
    await t.close();
  });

  async function start(): Promise<void> {
    t = await createTestApp(dialect);
    me = await tenant(t);
  }

  async function summary(query: string, headers = me.headers) {
    return t.app.inject({ method: 'GET', url: `/api/v1/checkins/summary?${query}`, headers });
  }

  async function summaryOk(query: string): Promise<Summary> {
    const response = await summary(query);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    return response.json() as Summary;
  }

  it("sums up an event's batch: tickets admitted and inside, results, refusal reasons, gates; equal to the log counted by hand", async () => {
    await start();
    const { batch_id, data: codes } = await createTicketBatch(t, me, 5);
    const [a, b, c, d, unused] = codes as [(typeof codes)[0], (typeof codes)[0], (typeof codes)[0], (typeof codes)[0], (typeof codes)[0]];
    const scan = (body: Record<string, unknown>) => scanTicket(t, me, body);

    // Before the doors open: five tickets, nobody in, no check-ins, no gates.
    expect(await summaryOk(`batch_id=${batch_id}`)).toEqual({
      campaign_id: null,
      batch_id,
      tickets: { total: 5, archived: 0, admitted: 0, inside: 0 },
      checkins: { total: 0, admissions: 0, exits: 0, refusals: 0, by_result: { ok: 0, already_redeemed: 0, expired: 0, invalid: 0, revoked: 0 }, refusal_reasons: [], first_at: null, last_at: null },
      scanners: [],
      scanners_truncated: false,
    });

    const opened = t.clock.now();
    expect((await scan({ payload: liveTicketUrl(t, a), scanner_id: 'gate-A' })).reason).toBe('admitted');
    t.clock.advance(1_000);
    expect((await scan({ payload: liveTicketUrl(t, b), scanner_id: 'gate-A' })).reason).toBe('admitted');
    const screenshot = liveTicketUrl(t, c);
    t.clock.advance(2_000);
    expect((await scan({ payload: liveTicketUrl(t, c), scanner_id: 'gate-B' })).reason).toBe('admitted');
    // The same ticket at the other gate: a re-scan, or a passed-on ticket.
    expect((await scan({ payload: liveTicketUrl(t, a), scanner_id: 'gate-B' })).reason).toBe('already_used');
    // A screenshot two steps old.
    t.clock.advance(2 * STEP);
    expect((await scan({ payload: screenshot, scanner_id: 'gate-B' })).reason).toBe('token_stale');
    // b goes out; d tries to go out without having come in; d then enters without a scanner id.
    t.clock.advance(5_000);
    expect((await scan({ payload: liveTicketUrl(t, b), type: 'exit', scanner_id: 'gate-A' })).reason).toBe('left');
    expect((await scan({ payload: liveTicketUrl(t, d), type: 'exit', scanner_id: 'gate-A' })).reason).toBe('not_inside');
    t.clock.advance(1_000);
    expect((await scan({ payload: liveTicketUrl(t, d) })).reason).toBe('admitted');
    const closed = t.clock.now();
    // Neither another batch's ticket nor an unknown code counts in this batch.
    await scan({ payload: liveTicketUrl(t, await createTicket(t, me)), scanner_id: 'gate-A' });
    await scan({ payload: 'http://tessera.test/ZZZZZZZ?k=AAAAAAAAAAAAAAAA', scanner_id: 'gate-A' });
    void unused;

    const got = await summaryOk(`batch_id=${batch_id}`);
    expect(got).toEqual({
      campaign_id: null,
      batch_id,
      tickets: { total: 5, archived: 0, admitted: 4, inside: 3 },
      checkins: {
        total: 8,
        admissions: 4,
        exits: 1,
        refusals: 3,
        by_result: { ok: 5, already_redeemed: 1, expired: 1, invalid: 1, revoked: 0 },
        refusal_reasons: [
          { reason: 'already_used', result: 'already_redeemed', count: 1 },
          { reason: 'not_inside', result: 'invalid', count: 1 },
          { reason: 'token_stale', result: 'expired', count: 1 },
        ],
        first_at: new Date(opened).toISOString(),
        last_at: new Date(closed).toISOString(),
      },
      scanners: [
        { scanner_id: 'gate-A', checkins: 4, admissions: 2, exits: 1, refusals: 1, first_at: new Date(opened).toISOString(), last_at: expect.any(String) },
        { scanner_id: 'gate-B', checkins: 3, admissions: 1, exits: 0, refusals: 2, first_at: expect.any(String), last_at: expect.any(String) },
        { scanner_id: null, checkins: 1, admissions: 1, exits: 0, refusals: 0, first_at: new Date(closed).toISOString(), last_at: new Date(closed).toISOString() },
      ],
      scanners_truncated: false,
    });

    // The same figures from the raw log, paged and counted by hand.
    const log = countLog(await listAllCheckins(t, me, `batch_id=${batch_id}`));
    expect(got.checkins).toEqual({
      total: log.total,
      admissions: log.admissions,
      exits: log.exits,
      refusals: log.refusals,
      by_result: { ok: 0, already_redeemed: 0, expired: 0, invalid: 0, revoked: 0, ...log.by_result },
      refusal_reasons: expect.any(Array),
      first_at: log.first_at,
      last_at: log.last_at,
    });
    expect(Object.fromEntries(got.checkins.refusal_reasons.map((r) => [`${r.result}/${r.reason}`, r.count]))).toEqual(log.refusal_reasons);
    expect(got.tickets.admitted).toBe(log.admitted);
    expect(got.tickets.inside).toBe(log.admissions - log.exits);
    expect([...got.scanners].sort((x, y) => String(x.scanner_id).localeCompare(String(y.scanner_id)))).toEqual(
      [...log.scanners].sort((x, y) => String(x.scanner_id).localeCompare(String(y.scanner_id))),
    );

    // The log narrows to one gate, result and direction (filters combine), as the summary counts them.
    const gateB = await listAllCheckins(t, me, `batch_id=${batch_id}&scanner_id=gate-B`);
    expect([gateB.length, gateB.every((r) => r.scanner_id === 'gate-B')]).toEqual([3, true]);
    const collisions = await listAllCheckins(t, me, `batch_id=${batch_id}&scanner_id=gate-B&result=already_redeemed`);
    expect(collisions.map((r) => [r.reason, r.campaign_id, r.admission?.scanner_id])).toEqual([['already_used', a.id, 'gate-A']]);
    expect((await listAllCheckins(t, me, `batch_id=${batch_id}&type=exit`)).map((r) => r.reason).sort()).toEqual(['left', 'not_inside']);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/checkins?batch_id=${batch_id}&result=maybe`, headers: me.headers })).statusCode).toBe(400);

    // An archived ticket is still the batch's, counted as archived; its scan is a revoked refusal.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${unused.id}`, headers: me.headers })).statusCode).toBe(200);
    expect((await scan({ payload: liveTicketUrl(t, unused), scanner_id: 'gate-B' })).result).toBe('revoked');
    const later = await summaryOk(`batch_id=${batch_id}`);
    expect(later.tickets).toEqual({ total: 5, archived: 1, admitted: 4, inside: 3 });
    expect(later.checkins.by_result.revoked).toBe(1);
    expect(later.checkins.refusal_reasons).toContainEqual({ reason: 'campaign_archived', result: 'revoked', count: 1 });
  });

  it("sums up one ticket by campaign_id, with a key or the dashboard's session", async () => {
    await start();
    const account = await signUp(t.app);
    const owner: Tenant = { accountId: account.accountId, apiKey: account.apiKey, headers: authHeaders(account.apiKey) };
    const code = await createTicket(t, owner);
    await scanTicket(t, owner, { payload: liveTicketUrl(t, code), scanner_id: 'gate-A' });
    t.clock.advance(1_000);
    await scanTicket(t, owner, { payload: liveTicketUrl(t, code), scanner_id: 'gate-A' });
    for (const headers of [owner.headers, sessionHeaders(account)]) {
      const response = await summary(`campaign_id=${code.id}`, headers);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        campaign_id: code.id,
        batch_id: null,
        tickets: { total: 1, archived: 0, admitted: 1, inside: 1 },
        checkins: { total: 2, admissions: 1, refusals: 1, refusal_reasons: [{ reason: 'already_used', result: 'already_redeemed', count: 1 }] },
        scanners: [{ scanner_id: 'gate-A', checkins: 2, admissions: 1, exits: 0, refusals: 1 }],
      });
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/checkins/summary?campaign_id=${code.id}` })).statusCode).toBe(401);
  });

  it('400 without a filter or with both; 404 for another account’s or an unknown batch or ticket', async () => {
    await start();
    await expectScopeRefusals(t, me, summary);
  });

  it('lists at most 200 scanners, busiest first, and says when it left some out', async () => {
    await start();
    const { batch_id, data } = await createTicketBatch(t, me, 1);
    const code = data[0]!;
    await scanTicket(t, me, { payload: liveTicketUrl(t, code), scanner_id: 'gate-busy' });
    // Each further scan names a new scanner: a misconfigured app sending one id per scan.
    for (let i = 0; i < 200; i++) await scanTicket(t, me, { payload: liveTicketUrl(t, code), scanner_id: `device-${String(i).padStart(3, '0')}` });
    await scanTicket(t, me, { payload: liveTicketUrl(t, code), scanner_id: 'gate-busy' });
    const got = await summaryOk(`batch_id=${batch_id}`);
    expect(got.scanners).toHaveLength(200);
    expect(got.scanners_truncated).toBe(true);
    expect(got.scanners[0]).toMatchObject({ scanner_id: 'gate-busy', checkins: 2, admissions: 1, refusals: 1 });
    // Ties in name order; the last named one is left out, and still counted in the totals.
    expect(got.scanners[1]!.scanner_id).toBe('device-000');
    expect(got.scanners.at(-1)!.scanner_id).toBe('device-198');
    expect(got.checkins).toMatchObject({ total: 202, admissions: 1, refusals: 201 });
  });
});
