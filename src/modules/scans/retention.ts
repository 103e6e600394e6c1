// The retention sweeper: raw scans older than TESSERA_SCAN_RETENTION_DAYS go (rollups stay, so
// reports keep their history), and visitor hashes go as soon as they can no longer match.
import type { AppContext } from '../../context.ts';
import { deleteUniquesBefore } from './rollup.repo.ts';
import { deleteScansBefore } from './scan.repo.ts';
import { scanIdBoundAt } from './scan-id.ts';
import { utcDayNumber } from './visitor-hash.ts';

const MS_PER_DAY = 86_400_000;
// Small deletes keep each write transaction short (SQLite has one writer; the flush must not wait long).
const DELETE_CHUNK = 5000;
const MAX_CHUNKS_PER_RUN = 200;

/** What one sweep removed. */
export interface SweepResult {
  scansDeleted: number;
  uniquesDeleted: number;
}

/** Deletes expired raw scans (in chunks) and visitor hashes of days before yesterday. */
export async function sweepScanRetention(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): Promise<SweepResult> {
  const now = ctx.clock.now();
  const cutoff = now - ctx.config.scanRetentionDays * MS_PER_DAY;
  let scansDeleted = 0;
  for (let i = 0; i < MAX_CHUNKS_PER_RUN; i++) {
    const n = await deleteScansBefore(ctx.db, cutoff, scanIdBoundAt(cutoff), DELETE_CHUNK);
    scansDeleted += n;
    if (n < DELETE_CHUNK) break;
  }
  // Today's and yesterday's hashes still dedupe late-flushed events; no new scan can produce an older day's hash.
  const uniquesDeleted = await deleteUniquesBefore(ctx.db, utcDayNumber(now) - 1);
  return { scansDeleted, uniquesDeleted };
}
