// Claiming rows for a worker without two workers taking the same one. On PostgreSQL the
// candidate SELECT takes row locks and skips rows another transaction holds (FOR UPDATE SKIP
// LOCKED), so concurrent workers partition the work. SQLite has no row locks: its transactions
// are serialised by the database lock, and Tessera runs a single claimer per SQLite file.
import { type Kysely, PostgresAdapter, type SelectQueryBuilder } from 'kysely';
import type { Dialect } from '../config.ts';

/** Adds `FOR UPDATE SKIP LOCKED` on PostgreSQL; unchanged on SQLite. Use inside a transaction. */
export function lockSkippingLocked<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, dialect: Dialect): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/**
 * Adds `FOR KEY SHARE` on PostgreSQL: until the transaction ends, the rows read cannot be deleted,
 * so rows it writes next may reference them (a concurrent DELETE waits, or has committed and the
 * row is not read). Unchanged on SQLite, whose writers the database lock serialises. Use inside a
 * transaction.
 */
export function lockAgainstDeletion<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, db: Kysely<any>): SelectQueryBuilder<DB, TB, O> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? query.forKeyShare() : query;
}
