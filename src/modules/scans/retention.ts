// The retention sweeper: raw scans older than TESSERA_SCAN_RETENTION_DAYS go (rollups stay, so
// reports keep their history), and visitor hashes go as soon as they can no longer match.
import type { AppContext } from '../../context.ts';
import { maintainScanPartitions } from '../../db/scan-partitions.ts';
import { deleteUniquesBefore } from './rollup.repo.ts';
import { deleteScansBefore } from './scan.repo.ts';
import { scanIdBoundAt } from './scan-id.ts';
import { utcDayNumber } from './visitor-hash.ts';

const MS_PER_DAY = 86_400_000;
// Small deletes keep each write transaction short (SQLite has one writer; the flush must not wait long).
const DELETE_CHUNK = 5000;
const MAX_CHUNKS_PER_RUN = 200;
/** Per database: the day before which visitor hashes were last deleted. */
const uniquesSweptBefore = new WeakMap<object, number>();

/** What one sweep removed. */
export interface SweepResult {
  scansDeleted: number;
  uniquesDeleted: number;
  /** PostgreSQL: monthly scan partitions made ahead and whole expired months dropped (their rows are not counted in scansDeleted). */
  partitions: { created: string[]; dropped: string[] };
}

/** Keeps scan partitions ahead (PostgreSQL), deletes expired raw scans (whole months, then rows in chunks) and visitor hashes of days before yesterday. */
export async function sweepScanRetention(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): Promise<SweepResult> {
  const now = ctx.clock.now();
  const cutoff = now - ctx.config.scanRetentionDays * MS_PER_DAY;
  // PostgreSQL drops whole expired months first; the row deletes below then only trim the month
  // the cutoff falls in (and the default partition). SQLite has no partitions: rows only.
  const partitions = await maintainScanPartitions(ctx.db, now, cutoff);
  let scansDeleted = 0;
  for (let i = 0; i < MAX_CHUNKS_PER_RUN; i++) {
    const n = await deleteScansBefore(ctx.db, cutoff, scanIdBoundAt(cutoff), DELETE_CHUNK);
    scansDeleted += n;
    if (n < DELETE_CHUNK) break;
  }
  // Today's and yesterday's hashes still dedupe late-flushed events; no new scan can produce an older day's hash.
  // Finding an older day reads the whole table (ADR 0046), so it is done once a day: an older day
  // can reappear only from a backlog held across a day boundary, and the next day's sweep takes it.
  const before = utcDayNumber(now) - 1;
  let uniquesDeleted = 0;
  if (uniquesSweptBefore.get(ctx.db) !== before) {
    uniquesDeleted = await deleteUniquesBefore(ctx.db, before);
    uniquesSweptBefore.set(ctx.db, before);
  }
  return { scansDeleted, uniquesDeleted, partitions };
}
