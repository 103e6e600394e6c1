// The reads analytics reports need: scan_rollups for every figure, the raw scans table for the CSV
// export. Nothing here writes; the scans module writes and prunes both tables.
import type { Kysely } from 'kysely';
import type { Database, ScanRollupsTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

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
  let query = db.selectFrom('scan_rollups').where('account_id', '=', scope.accountId).where('campaign_id', '=', scope.campaignId).where('dimension', '=', dimension);
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
