// Rollups, unique sightings and the raw-scan reads analytics needs. Reports read scan_rollups
// only; the raw scans table is read for the CSV export and trimmed by the retention sweeper.
import type { Kysely } from 'kysely';
import { appendNewRows, appendOrAdd } from '../../db/append.ts';
import type { Database, ScanRollupsTable, ScanUniquesTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

const UNIQUE_COLUMNS = ['account_id', 'campaign_id', 'day', 'visitor_hash'] as const satisfies ReadonlyArray<keyof ScanUniquesTable>;
const ROLLUP_KEY = ['account_id', 'campaign_id', 'dimension', 'bucket', 'value', 'is_bot'] as const satisfies ReadonlyArray<keyof ScanRollupsTable>;
const ROLLUP_COLUMNS = [...ROLLUP_KEY, 'scans', 'uniques'] as const satisfies ReadonlyArray<keyof ScanRollupsTable>;

// Both run on every scan flush: precompiled multi-row statements (appendRows), not the builder.

/** Inserts sightings that are new; returns the ones actually inserted (a row already there is skipped). */
export async function insertNewUniques(db: Db, rows: ScanUniquesTable[]): Promise<ScanUniquesTable[]> {
  const inserted = await appendNewRows(
    db,
    'scan_uniques',
    UNIQUE_COLUMNS,
    UNIQUE_COLUMNS,
    rows.map((r) => [r.account_id, r.campaign_id, r.day, r.visitor_hash]),
  );
  return inserted.map((r) => ({ account_id: String(r.account_id), campaign_id: String(r.campaign_id), day: Number(r.day), visitor_hash: String(r.visitor_hash) }));
}

/** Adds counts to rollup rows, creating them when missing (ON CONFLICT … DO UPDATE on both dialects). */
export async function upsertRollups(db: Db, rows: ScanRollupsTable[]): Promise<void> {
  await appendOrAdd(
    db,
    'scan_rollups',
    ROLLUP_COLUMNS,
    ROLLUP_KEY,
    ['scans', 'uniques'],
    rows.map((r) => [r.account_id, r.campaign_id, r.dimension, r.bucket, r.value, r.is_bot, r.scans, r.uniques]),
  );
}

/** Which rollup rows a report reads. */
export interface RollupScope {
  accountId: string;
  /** '' for account-wide rows. */
  campaignId: string;
  includeBots: boolean;
  /** Inclusive bucket range; omitted means all time. */
  fromBucket?: number;
  toBucket?: number;
}

function scoped(db: Db, scope: RollupScope, dimension: ScanRollupsTable['dimension']) {
  let query = db
    .selectFrom('scan_rollups')
    .where('account_id', '=', scope.accountId)
    .where('campaign_id', '=', scope.campaignId)
    .where('dimension', '=', dimension);
  if (scope.fromBucket !== undefined) query = query.where('bucket', '>=', scope.fromBucket);
  if (scope.toBucket !== undefined) query = query.where('bucket', '<=', scope.toBucket);
  if (!scope.includeBots) query = query.where('is_bot', '=', 0);
  return query;
}

/** Scans and uniques per bucket of the 15-minute (`total`), hourly (`hour`) or per-day (`day`) rows that have any, oldest first. */
export async function totalsByBucket(db: Db, scope: RollupScope, dimension: 'total' | 'hour' | 'day'): Promise<Array<{ bucket: number; scans: number; uniques: number }>> {
  const rows = await scoped(db, scope, dimension)
    .select((eb) => ['bucket', eb.fn.sum<number | string>('scans').as('scans'), eb.fn.sum<number | string>('uniques').as('uniques')])
    .groupBy('bucket')
    .orderBy('bucket')
    .execute();
  return rows.map((r) => ({ bucket: Number(r.bucket), scans: Number(r.scans), uniques: Number(r.uniques) }));
}

/** Scans and uniques over the scope's whole range, from the `total` or the per-day (`day`) rows. */
export async function grandTotal(db: Db, scope: RollupScope, dimension: 'total' | 'day'): Promise<{ scans: number; uniques: number }> {
  const row = await scoped(db, scope, dimension)
    .select((eb) => [eb.fn.sum<number | string | null>('scans').as('scans'), eb.fn.sum<number | string | null>('uniques').as('uniques')])
    .executeTakeFirst();
  return { scans: Number(row?.scans ?? 0), uniques: Number(row?.uniques ?? 0) };
}

/** Scans per value of a dimension over the scope's range. */
export async function totalsByValue(db: Db, scope: RollupScope, dimension: ScanRollupsTable['dimension']): Promise<Array<{ value: string; scans: number }>> {
  const rows = await scoped(db, scope, dimension)
    .select((eb) => ['value', eb.fn.sum<number | string>('scans').as('scans')])
    .groupBy('value')
    .execute();
  return rows.map((r) => ({ value: r.value, scans: Number(r.scans) }));
}

/** Raw scans of a campaign in a time range, oldest first, one keyset page at a time. */
export async function scanPage(
  db: Db,
  filter: { accountId: string; campaignId: string; fromMs: number; toMs: number; includeBots: boolean },
  after: { occurredAt: number; id: string } | null,
  limit: number,
) {
  let query = db
    .selectFrom('scans')
    .select(['id', 'occurred_at', 'kind', 'is_bot', 'os', 'browser', 'device_type', 'country', 'referrer', 'referrer_host', 'user_agent', 'ip'])
    .where('campaign_id', '=', filter.campaignId)
    .where('account_id', '=', filter.accountId)
    .where('occurred_at', '>=', filter.fromMs)
    .where('occurred_at', '<', filter.toMs);
  if (!filter.includeBots) query = query.where('is_bot', '=', 0);
  if (after) query = query.where((eb) => eb.or([eb('occurred_at', '>', after.occurredAt), eb.and([eb('occurred_at', '=', after.occurredAt), eb('id', '>', after.id)])]));
  return query.orderBy('occurred_at').orderBy('id').limit(limit).execute();
}

/** Deletes up to `limit` raw scans older than `cutoffMs`, found through the time-ordered primary key below `idBound`; returns how many went. */
export async function deleteScansBefore(db: Db, cutoffMs: number, idBound: string, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('scans')
    .where('id', 'in', (eb) => eb.selectFrom('scans').select('id').where('id', '<', idBound).where('occurred_at', '<', cutoffMs).orderBy('id').limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes unique sightings of days before `day` (their hashes can never match again). */
export async function deleteUniquesBefore(db: Db, day: number): Promise<number> {
  const result = await db.deleteFrom('scan_uniques').where('day', '<', day).executeTakeFirst();
  return Number(result.numDeletedRows);
}
