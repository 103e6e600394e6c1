// Claiming rows for a worker without two workers taking the same one. On PostgreSQL the
// candidate SELECT takes row locks and skips rows another transaction holds (FOR UPDATE SKIP
// LOCKED), so concurrent workers partition the work. SQLite has no row locks: its transactions
// are serialised by the database lock, and Tessera runs a single claimer per SQLite file.
import type { SelectQueryBuilder } from 'kysely';
import type { Dialect } from '../config.ts';

/** Adds `FOR UPDATE SKIP LOCKED` on PostgreSQL; unchanged on SQLite. Use inside a transaction. */
export function lockSkippingLocked<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, dialect: Dialect): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}
