// Raw scan rows: appended in batches by the flush, pruned by the retention sweep. The CSV export
// reads them through the analytics module.
import type { Kysely } from 'kysely';
import { appendColumnsSharing } from '../../db/append.ts';
import type { Database, ScansTable } from '../../db/schema.ts';

/** The columns scans of one profile (same campaign, visitor, agent, referrer, quarter hour) share. */
export type StoredProfile = Omit<ScansTable, 'id' | 'occurred_at'>;

/** A flushed batch as stored: per scan its id, time and profile; the profiles once. */
export interface StoredScans {
  ids: readonly string[];
  times: ArrayLike<number>;
  profileOf: ArrayLike<number>;
  profiles: readonly StoredProfile[];
}

const OWN_COLUMNS = ['id', 'occurred_at'] as const satisfies ReadonlyArray<keyof ScansTable>;
const PROFILE_COLUMNS = ['account_id', 'campaign_id', 'user_agent', 'referrer', 'ip', 'country', 'kind', 'is_bot', 'os', 'browser', 'device_type', 'referrer_host'] as const satisfies ReadonlyArray<
  keyof StoredProfile
>;

/** Appends a batch of scan rows, atomically (each profile's values are bound once; see appendRowsSharing). */
export async function insertScans(db: Kysely<Database>, scans: StoredScans): Promise<void> {
  const shared = scans.profiles.map((p) => PROFILE_COLUMNS.map((column) => p[column]));
  await appendColumnsSharing(db, 'scans', OWN_COLUMNS, PROFILE_COLUMNS, [scans.ids, scans.times], scans.profileOf, shared);
}

/**
 * Which of `campaignIds` still exist: a flush drops the scans of a campaign deleted since (the
 * rows' foreign key). Asked here, not of the campaigns module, so the SQLite writer thread loads
 * the scan write path and nothing else.
 */
export async function liveCampaignIds(db: Kysely<Database>, campaignIds: readonly string[]): Promise<Set<string>> {
  if (campaignIds.length === 0) return new Set();
  const rows = await db.selectFrom('campaigns').select('id').where('id', 'in', campaignIds).execute();
  return new Set(rows.map((row) => row.id));
}

/** Which of `ids` are stored already (a retried batch whose earlier write committed). */
export async function existingScanIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // Chunks keep the statement under every driver's bound-parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('scans')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/** The row of the `i`th scan of a stored batch. */
export function storedRow(scans: StoredScans, i: number): ScansTable {
  return { id: scans.ids[i]!, occurred_at: scans.times[i]!, ...scans.profiles[scans.profileOf[i]!]! };
}

/** Deletes up to `limit` raw scans older than `cutoffMs`, found through the time-ordered primary key below `idBound`; returns how many went. */
export async function deleteScansBefore(db: Kysely<Database>, cutoffMs: number, idBound: string, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('scans')
    // Repeating the time bound lets PostgreSQL's partitioned scans skip every month after the cutoff.
    .where('occurred_at', '<', cutoffMs)
    .where('id', 'in', (eb) => eb.selectFrom('scans').select('id').where('id', '<', idBound).where('occurred_at', '<', cutoffMs).orderBy('id').limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
