// GET /api/v1/checkins/export.csv: every check-in of an event (a bulk batch) or of one ticket as
// RFC 4180 CSV, oldest first, streamed page by page; the same rows the log lists, as a file.
import { afterEach, expect, it } from 'vitest';
import type { CheckinsTable } from '../../src/db/schema.ts';
import { CHECKIN_EXPORT_PAGE } from '../../src/modules/checkins/checkin-export.service.ts';
import { authHeaders, sessionHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { type CheckinAnswer, createTicketBatch, expectScopeRefusals, listAllCheckins, liveTicketUrl, scanTicket, type TicketCode } from '../helpers/checkins.ts';
import { parseCsv } from '../helpers/csv.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { testKey } from '../helpers/payments.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';

const HEADER = ['created_at', 'result', 'reason', 'type', 'scanner_id', 'ticket_short_code', 'ticket_name', 'ticket_destination', 'campaign_id', 'checkin_id', 'local_time', 'utc_offset'];

/** A log row as the export writes it, before a spreadsheet guard: the expected cells. */
function asCells(r: CheckinAnswer): string[] {
  const guard = (text: string | null | undefined) => (text && /^[=+\-@\t\r]/.test(text) ? `'${text}` : (text ?? ''));
  // Without tz, local_time is UTC: the instant to the second, as a spreadsheet reads a date.
  const utc = `${r.created_at.slice(0, 10)} ${r.created_at.slice(11, 19)}`;
  return [
    r.created_at,
    r.result,
    r.reason,
    r.type,
    guard(r.scanner_id),
    r.ticket?.short_code ?? '',
    guard(r.ticket?.name),
    guard(r.ticket?.destination),
    r.campaign_id ?? '',
    r.checkin_id,
    utc,
    'UTC+00:00',
  ];
}

describeDialects('check-in export', (dialect) => {
  let t: TestApp;
  let me: Tenant;
  afterEach(async () => {
    await t.close();
  });

  async function start(): Promise<void> {
    t = await createTestApp(dialect);
    me = await tenant(t);
  }

  function exportCsv(query: string, headers = me.headers) {
    return t.app.inject({ method: 'GET', url: `/api/v1/checkins/export.csv?${query}`, headers });
  }

  /** A batch of morphing tickets with these names (an event's guest list). */
  async function event(names: string[]): Promise<{ batch_id: string; data: TicketCode[] }> {
    const urls = names.map((_, i) => `https://example.com/ticket/${i + 1}`);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: me.headers, payload: { urls, names, qr_type: 'morphing', design_config: {} } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { batch_id: string; data: TicketCode[] };
  }

  it("writes an event's check-ins oldest first, the log's rows, with commas, quotes, line breaks and formulas kept as text", async () => {
    await start();
    const names = ['Adams, Ann', 'Bob "The Builder" Brown', 'Line one\nLine two', '=HYPERLINK("http://evil.example","click")', '+31 guest', '@admin'];
    const { batch_id, data: codes } = await event(names);
    const scan = (code: TicketCode, extra: Record<string, unknown> = {}) => scanTicket(t, me, { payload: liveTicketUrl(t, code), ...extra });
    for (const [i, code] of codes.entries()) {
      await scan(code, { scanner_id: i % 2 ? 'gate,B' : '=cmd|calc' });
      t.clock.advance(i % 3 ? 1_000 : 0);
    }
    // Refusals and exits are rows too; so is a scan without a scanner id.
    expect((await scan(codes[0]!, { scanner_id: 'gate A' })).reason).toBe('already_used');
    expect((await scan(codes[1]!, { type: 'exit' })).reason).toBe('left');
    // Neither another event's ticket nor a code of no account belongs to this export.
    const other = await createTicketBatch(t, me, 1);
    await scan(other.data[0]!);
    await scanTicket(t, me, { payload: 'http://tessera.test/ZZZZZZZ?k=AAAAAAAAAAAAAAAA' });

    const response = await exportCsv(`batch_id=${batch_id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="checkins-${batch_id}.csv"`);
    expect(response.headers['cache-control']).toBe('no-store');
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual(HEADER);
    const log = (await listAllCheckins(t, me, `batch_id=${batch_id}`)).reverse();
    expect(log).toHaveLength(names.length + 2);
    expect(rows.slice(1)).toEqual(log.map(asCells));
    const times = rows.slice(1).map((r) => r[0]!);
    expect([...times].sort()).toEqual(times);

    // As written: RFC 4180 quoting, and formula-like text made inert with a leading '.
    expect(response.body).toContain(',"Adams, Ann",');
    expect(response.body).toContain(',"Bob ""The Builder"" Brown",');
    expect(response.body).toContain(',"Line one\nLine two",');
    expect(response.body).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",`);
    expect(response.body).toContain(',"\'+31 guest",');
    expect(response.body).toContain(',"\'@admin",');
    expect(response.body).toContain(',"\'=cmd|calc",');
    expect(response.body).toContain(',"gate,B",');
    expect(rows.slice(1).map((r) => r[6])).toContain('Line one\nLine two');
    expect(rows.find((r) => r[2] === 'already_used')).toEqual(asCells(log.find((r) => r.reason === 'already_used')!));

    // One ticket by campaign_id, with a key or the dashboard's session.
    const person = await signUp(t.app);
    const owner: Tenant = { accountId: person.accountId, apiKey: person.apiKey, headers: authHeaders(person.apiKey) };
    const own = await createTicketBatch(t, owner, 2);
    const admitted = await scanTicket(t, owner, { payload: liveTicketUrl(t, own.data[1]!), scanner_id: 'door' });
    await scanTicket(t, owner, { payload: liveTicketUrl(t, own.data[0]!), scanner_id: 'door' });
    const ticket = await exportCsv(`campaign_id=${own.data[1]!.id}`, sessionHeaders(person));
    expect(ticket.statusCode, ticket.body).toBe(200);
    expect(ticket.headers['content-disposition']).toBe(`attachment; filename="checkins-${own.data[1]!.id}.csv"`);
    expect(parseCsv(ticket.body)).toEqual([HEADER, asCells(admitted)]);
    expect(parseCsv((await exportCsv(`campaign_id=${own.data[1]!.id}`, owner.headers)).body)).toHaveLength(2);
  });

  it('an event without check-ins is the header alone', async () => {
    await start();
    const { batch_id, data } = await createTicketBatch(t, me, 3);
    for (const query of [`batch_id=${batch_id}`, `campaign_id=${data[0]!.id}`]) {
      const response = await exportCsv(query);
      expect([response.statusCode, response.body], query).toEqual([200, `${HEADER.join(',')}\r\n`]);
    }
  });

  it('writes local_time in the tz asked for, across a DST change, and refuses an unknown zone before any row', async () => {
    await start();
    const { batch_id, data } = await createTicketBatch(t, me, 2);
    // 00:30 UTC on 29 March 2026 is 01:30 in Berlin (CET); from 01:00 UTC it is CEST, two hours ahead.
    t.clock.set('2026-03-29T00:30:00Z');
    await scanTicket(t, me, { payload: liveTicketUrl(t, data[0]!) });
    t.clock.set('2026-03-29T01:30:05Z');
    await scanTicket(t, me, { payload: liveTicketUrl(t, data[1]!) });
    const berlin = await exportCsv(`batch_id=${batch_id}&tz=Europe/Berlin`);
    expect(berlin.statusCode, berlin.body).toBe(200);
    const rows = parseCsv(berlin.body);
    const at = (name: string) => rows[0]!.indexOf(name);
    expect(rows.slice(1).map((r) => [r[at('created_at')], r[at('local_time')], r[at('utc_offset')]])).toEqual([
      ['2026-03-29T00:30:00.000Z', '2026-03-29 01:30:00', 'UTC+01:00'],
      ['2026-03-29T01:30:05.000Z', '2026-03-29 03:30:05', 'UTC+02:00'],
    ]);
    // Half-hour zones and zones west of Greenwich.
    const india = parseCsv((await exportCsv(`batch_id=${batch_id}&tz=Asia/Kolkata`)).body);
    expect(india[1]!.slice(-2)).toEqual(['2026-03-29 06:00:00', 'UTC+05:30']);
    const newYork = parseCsv((await exportCsv(`batch_id=${batch_id}&tz=America/New_York`)).body);
    expect(newYork[1]!.slice(-2)).toEqual(['2026-03-28 20:30:00', 'UTC-04:00']);
    for (const tz of ['Mars/Olympus', 'Europe/Berlin%00', 'x'.repeat(65)]) {
      const refused = await exportCsv(`batch_id=${batch_id}&tz=${tz}`);
      expect(refused.statusCode, tz).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('400 without a filter or with both; 404 for another account’s or an unknown batch or ticket; 401 signed out; a tst key reads it as it reads the log', async () => {
    await start();
    await expectScopeRefusals(t, me, (query, headers) => exportCsv(query, headers));
    const { batch_id, data } = await createTicketBatch(t, me, 2);
    const code = data[0]!;
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/checkins/export.csv?batch_id=${batch_id}` });
    expect(anonymous.statusCode).toBe(401);

    // GET /api/v1/checkins lists a live event's check-ins to a tst key; its file is no different.
    await scanTicket(t, me, { payload: liveTicketUrl(t, code), scanner_id: 'gate-A' });
    const account = await signUp(t.app);
    const prd: Tenant = { accountId: account.accountId, apiKey: account.apiKey, headers: authHeaders(account.apiKey) };
    const tstKey = await testKey(t.app, account);
    const tst: Tenant = { accountId: account.accountId, apiKey: tstKey, headers: authHeaders(tstKey) };
    const live = await createTicketBatch(t, prd, 1);
    await scanTicket(t, prd, { payload: liveTicketUrl(t, live.data[0]!) });
    expect(await listAllCheckins(t, tst, `batch_id=${live.batch_id}`)).toHaveLength(1);
    const byTestKey = await exportCsv(`batch_id=${live.batch_id}`, tst.headers);
    expect([byTestKey.statusCode, parseCsv(byTestKey.body).length]).toEqual([200, 2]);
  });

  it('pages through an event larger than one query, in order across page boundaries that split a millisecond, and nothing else', async () => {
    await start();
    const { batch_id, data } = await createTicketBatch(t, me, 2);
    const [a, b] = data as [TicketCode, TicketCode];
    const neighbour = await createTicketBatch(t, me, 1);
    const stranger = await tenant(t);
    const theirs = await createTicketBatch(t, stranger, 1);
    // Written straight to the log: 2 pages and a bit, seven check-ins to each millisecond so both
    // page boundaries fall inside one; ids that sort alike under every collation.
    const total = 2 * CHECKIN_EXPORT_PAGE + 5;
    const opened = t.clock.now();
    const row = (i: number, code: TicketCode, batchId: string, accountId: string, prefix = 'chk_export'): CheckinsTable => {
      const id = `${prefix}${String(i).padStart(6, '0')}`;
      const createdAt = opened + Math.floor(i / 7);
      const ticket = { shortCode: code.short_code, destination: 'https://example.com/ticket', name: `Guest ${i}` };
      const answer = { id, result: 'already_redeemed', reason: 'already_used', type: 'entry', campaignId: code.id, batchId, scannerId: `gate-${i % 4}`, ticket, admission: null, createdAt };
      return {
        id,
        account_id: accountId,
        campaign_id: code.id,
        batch_id: batchId,
        type: 'entry',
        result: 'already_redeemed',
        scanner_id: answer.scannerId,
        nonce: null,
        request_hash: 'x',
        response: JSON.stringify(answer),
        created_at: createdAt,
      };
    };
    const rows: CheckinsTable[] = [];
    for (let i = 0; i < total; i++) {
      rows.push(row(i, i % 2 ? a : b, batch_id, me.accountId));
      // Others' check-ins in the same milliseconds: another event of the account, another account.
      if (i % 50 === 0) rows.push(row(i, neighbour.data[0]!, neighbour.batch_id, me.accountId, 'chk_neighb'));
      if (i % 50 === 25) rows.push(row(i, theirs.data[0]!, theirs.batch_id, stranger.accountId, 'chk_strang'));
    }
    for (let i = 0; i < rows.length; i += 500)
      await t.database.handle.db
        .insertInto('checkins')
        .values(rows.slice(i, i + 500))
        .execute();

    const response = await exportCsv(`batch_id=${batch_id}`);
    expect(response.statusCode).toBe(200);
    const [header, ...lines] = parseCsv(response.body);
    expect(header).toEqual(HEADER);
    expect(lines.map((r) => r[9])).toEqual(Array.from({ length: total }, (_, i) => `chk_export${String(i).padStart(6, '0')}`));
    const boundary = new Date(opened + Math.floor(CHECKIN_EXPORT_PAGE / 7)).toISOString();
    expect(lines[CHECKIN_EXPORT_PAGE]).toEqual([
      boundary,
      'already_redeemed',
      'already_used',
      'entry',
      `gate-${CHECKIN_EXPORT_PAGE % 4}`,
      b.short_code,
      `Guest ${CHECKIN_EXPORT_PAGE}`,
      'https://example.com/ticket',
      b.id,
      `chk_export${String(CHECKIN_EXPORT_PAGE).padStart(6, '0')}`,
      `${boundary.slice(0, 10)} ${boundary.slice(11, 19)}`,
      'UTC+00:00',
    ]);
    // One ticket's file is its half of the same rows.
    const one = parseCsv((await exportCsv(`campaign_id=${a.id}`)).body).slice(1);
    expect(one.map((r) => r[9])).toEqual(lines.filter((r) => r[8] === a.id).map((r) => r[9]));
    expect(one).toHaveLength(Math.floor(total / 2));
  });
});
