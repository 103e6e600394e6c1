// Rollups and unique sightings as the scan flush writes them, and the sweep of sightings that can
// no longer match. Reports read these tables through the analytics module.
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

/** Deletes unique sightings of days before `day` (their hashes can never match again). */
export async function deleteUniquesBefore(db: Db, day: number): Promise<number> {
  // No index leads with the day (ADR 0046), so both statements read the whole table. The probe is
  // a read: on SQLite a DELETE takes the write lock for its whole scan even when it finds nothing,
  // and the hourly sweep finds something only once a day; the flush would wait behind it.
  const older = await db.selectFrom('scan_uniques').select('day').where('day', '<', day).limit(1).executeTakeFirst();
  if (older === undefined) return 0;
  const result = await db.deleteFrom('scan_uniques').where('day', '<', day).executeTakeFirst();
  return Number(result.numDeletedRows);
}
