// The figures of the check-in summary, each counted by the database: an event's log can hold
// 100,000 check-ins, and only a few grouped rows per query come back. The statements run one after
// another, not in one snapshot: a check-in stored between them can make two figures differ by it.
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { jsonTextMember } from '../../db/json.ts';
import type { CheckinsTable, Database } from '../../db/schema.ts';

/** One ticket (`campaign`) or every code of a bulk batch (`batch`). */
export interface SummaryScope {
  kind: 'campaign' | 'batch';
  id: string;
  /** Only check-ins answered at this event's gates (a check-in key kept to one event reads no other). */
  atEvent?: string;
}

/** The scope's tickets and their gate state. */
export interface TicketCounts {
  total: number;
  archived: number;
  admitted: number;
  inside: number;
}

/** Check-ins of one result and direction; `reason` only for refusals (it lives in the stored answer). */
export interface CheckinGroup {
  result: CheckinsTable['result'];
  type: CheckinsTable['type'];
  reason: string | null;
  count: number;
  firstAt: number;
  lastAt: number;
}

/** What one `scanner_id` (null: sent without one) recorded. */
export interface ScannerCounts {
  scannerId: string | null;
  checkins: number;
  admissions: number;
  exits: number;
  refusals: number;
  firstAt: number;
  lastAt: number;
}

const count = (value: unknown): number => Number(value ?? 0);

/**
 * The scope's morphing codes: how many, how many are archived, admitted at least once and inside
 * now. Read from campaigns with ticket_state because the state table has no batch column; only a
 * ticket that moved through a gate has a state row.
 */
export async function countTickets(db: Kysely<Database>, accountId: string, scope: SummaryScope): Promise<TicketCounts> {
  let query = db
    .selectFrom('campaigns')
    .leftJoin('ticket_state', 'ticket_state.campaign_id', 'campaigns.id')
    .where('campaigns.account_id', '=', accountId)
    .where('campaigns.qr_type', '=', 'morphing')
    .select((eb) => [
      eb.fn.countAll().as('total'),
      eb.fn.sum(eb.case().when('campaigns.status', '=', 'archived').then(1).else(0).end()).as('archived'),
      eb.fn.sum(eb.case().when('ticket_state.entries', '>', 0).then(1).else(0).end()).as('admitted'),
      eb.fn.sum(eb.fn.coalesce('ticket_state.inside', eb.lit(0))).as('inside'),
    ]);
  query = query.where(scope.kind === 'batch' ? 'campaigns.batch_id' : 'campaigns.id', '=', scope.id);
  const row = await query.executeTakeFirstOrThrow();
  return { total: count(row.total), archived: count(row.archived), admitted: count(row.admitted), inside: count(row.inside) };
}

/** The account's check-ins of one ticket or batch, as the summary counts them and the export lists them. */
export function inScope(db: Kysely<Database>, accountId: string, scope: SummaryScope) {
  // The account test stays (tenant isolation does not lean on batch ids being unguessable), but
  // written so no index serves it: without statistics SQLite otherwise walks the account's index,
  // every check-in of every event, instead of the batch's or ticket's.
  const query = db.selectFrom('checkins').where(sql<string>`${sql.ref('account_id')} || ''`, '=', accountId);
  const scoped = query.where(scope.kind === 'batch' ? 'batch_id' : 'campaign_id', '=', scope.id);
  return scope.atEvent ? scoped.where('batch_id', '=', scope.atEvent) : scoped;
}

const isAdmission = (eb: ExpressionBuilder<Database, 'checkins'>) => eb.and([eb('result', '=', 'ok'), eb('type', '=', 'entry')]);
const isExit = (eb: ExpressionBuilder<Database, 'checkins'>) => eb.and([eb('result', '=', 'ok'), eb('type', '=', 'exit')]);

/**
 * Check-ins grouped by result, direction and (for refusals) reason: at most a few dozen rows. An
 * `ok` needs no reason read, its direction says it (`admitted` or `left`); skipping the JSON of the
 * admissions keeps the bulk of the log from being parsed.
 */
export async function groupCheckins(db: Kysely<Database>, accountId: string, scope: SummaryScope): Promise<CheckinGroup[]> {
  const rows = await inScope(db, accountId, scope)
    .select((eb) => [
      'result',
      'type',
      eb
        .case()
        .when('result', '=', 'ok')
        .then(eb.lit(null))
        .else(jsonTextMember(db, eb.ref('response'), 'reason'))
        .end()
        .as('reason'),
      eb.fn.countAll().as('count'),
      eb.fn.min('created_at').as('first_at'),
      eb.fn.max('created_at').as('last_at'),
    ])
    .groupBy(['result', 'type', 'reason'])
    .execute();
  return rows.map((r) => ({ result: r.result, type: r.type, reason: r.reason, count: count(r.count), firstAt: count(r.first_at), lastAt: count(r.last_at) }));
}

/**
 * Counts per `scanner_id`, busiest first, at most `limit`: a scanner may send any id, and one that
 * sends a new id per scan must not turn the summary into the log.
 */
export async function countByScanner(db: Kysely<Database>, accountId: string, scope: SummaryScope, limit: number): Promise<ScannerCounts[]> {
  const rows = await inScope(db, accountId, scope)
    .select((eb) => [
      'scanner_id',
      eb.fn.countAll().as('checkin_count'),
      eb.fn.sum(eb.case().when(isAdmission(eb)).then(1).else(0).end()).as('admissions'),
      eb.fn.sum(eb.case().when(isExit(eb)).then(1).else(0).end()).as('exits'),
      eb.fn.sum(eb.case().when('result', '<>', 'ok').then(1).else(0).end()).as('refusals'),
      eb.fn.min('created_at').as('first_at'),
      eb.fn.max('created_at').as('last_at'),
    ])
    .groupBy('scanner_id')
    // Ties in a stable order on both dialects (they sort NULL differently): named scanners by name, then the unnamed.
    .orderBy('checkin_count', 'desc')
    .orderBy((eb) => eb.case().when('scanner_id', 'is', null).then(1).else(0).end())
    .orderBy('scanner_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    scannerId: r.scanner_id,
    checkins: count(r.checkin_count),
    admissions: count(r.admissions),
    exits: count(r.exits),
    refusals: count(r.refusals),
    firstAt: count(r.first_at),
    lastAt: count(r.last_at),
  }));
}
