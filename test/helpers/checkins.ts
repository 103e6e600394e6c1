// Morphing tickets for check-in tests: create them (one, or a bulk batch: an event), read the URL
// their live image shows right now, scan it at a gate and read the log back whole.
import { expect } from 'vitest';
import { liveUrl } from '../../src/modules/morph/morph.service.ts';
import type { TestApp } from './app.ts';
import { type Tenant, tenant } from './tenants.ts';

/** A created morphing code, as the creation response names it. */
export interface TicketCode {
  id: string;
  short_code: string;
  secret_key?: string;
  batch_id: string | null;
}

/** A check-in answer (and a row of the log). */
export interface CheckinAnswer {
  result: string;
  reason: string;
  checkin_id: string;
  type: string;
  campaign_id: string | null;
  batch_id: string | null;
  scanner_id: string | null;
  ticket: { short_code: string; destination: string; name: string } | null;
  admission: { checkin_id: string; scanner_id: string | null; created_at: string } | null;
  opens_at: string | null;
  reentry: boolean | null;
  created_at: string;
}

/** Creates one morphing ticket (201). */
export async function createTicket(t: TestApp, me: Tenant, payload: Record<string, unknown> = {}): Promise<TicketCode> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/campaigns',
    headers: me.headers,
    payload: { name: 'Attendee 0042', destination: 'https://example.com/ticket/42', qr_type: 'morphing', ...payload },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as TicketCode;
}

/** Creates `count` morphing tickets in one bulk request: an event's batch. */
export async function createTicketBatch(t: TestApp, me: Tenant, count: number): Promise<{ batch_id: string; data: TicketCode[] }> {
  const urls = Array.from({ length: count }, (_, i) => `https://example.com/ticket/${i + 1}`);
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: me.headers, payload: { urls, qr_type: 'morphing', design_config: {} } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { batch_id: string; data: TicketCode[] };
}

/** What a gate scanner reads from the code's live image at the test clock's now. */
export function liveTicketUrl(t: TestApp, code: Pick<TicketCode, 'id' | 'short_code'>, version = 1): string {
  return liveUrl(t.app.ctx, { id: code.id, accountId: '', shortCode: code.short_code }, version, t.clock.now());
}

/** POST /api/v1/checkins as `me`, whatever it answers. */
export function postCheckin(t: TestApp, me: Tenant, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/checkins', headers: me.headers, payload: body });
}

/** A check-in that must be answered (200), and its answer. */
export async function scanTicket(t: TestApp, me: Tenant, body: Record<string, unknown>): Promise<CheckinAnswer> {
  const response = await postCheckin(t, me, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as CheckinAnswer;
}

/** Every row of `GET /api/v1/checkins?{query}`, page after page. */
export async function listAllCheckins(t: TestApp, me: Tenant, query: string): Promise<CheckinAnswer[]> {
  const rows: CheckinAnswer[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/checkins?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await t.app.inject({ method: 'GET', url, headers: me.headers });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { data: CheckinAnswer[]; next_cursor: string | null };
    rows.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return rows;
}

type Inject = Awaited<ReturnType<TestApp['app']['inject']>>;

/**
 * The refusals every event-or-ticket read shares (the summary, the export): 400 without exactly
 * one of `batch_id` and `campaign_id` (or with another filter), 404 naming a batch or ticket that
 * is another account's or unknown. `read` asks for `?{query}` with `headers`.
 */
export async function expectScopeRefusals(t: TestApp, me: Tenant, read: (query: string, headers: Record<string, string>) => Promise<Inject>): Promise<void> {
  const { batch_id, data } = await createTicketBatch(t, me, 2);
  const code = data[0]!;
  for (const [query, field] of [
    ['', 'querystring/batch_id'],
    ['batch_id=', 'querystring/batch_id'],
    [`batch_id=${batch_id}&campaign_id=${code.id}`, 'querystring/campaign_id'],
  ] as const) {
    const response = await read(query, me.headers);
    expect([response.statusCode, response.json().code, response.json().errors?.[0]?.field], query).toEqual([400, 'validation_failed', field]);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  }
  expect((await read(`batch_id=${batch_id}&scanner_id=gate-A`, me.headers)).statusCode).toBe(400);
  const other = await tenant(t);
  for (const [query, headers, named] of [
    [`batch_id=${batch_id}`, other.headers, `Batch '${batch_id}'`],
    [`campaign_id=${code.id}`, other.headers, `Campaign '${code.id}'`],
    ['batch_id=bat_nope', me.headers, "Batch 'bat_nope'"],
    ['campaign_id=cmp_nope', me.headers, "Campaign 'cmp_nope'"],
  ] as const) {
    const missing = await read(query, headers);
    expect([missing.statusCode, missing.json().code, missing.json().detail], query).toEqual([404, 'not_found', expect.stringContaining(named)]);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  }
}
