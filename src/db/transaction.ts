// The one way code outside repos and src/db groups repository calls atomically: services call this
// instead of `db.transaction()`, so Kysely stays in repos and src/db (test/architecture.test.ts
// enforces it) and transaction behaviour (retries, isolation) has one place to change.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Attempts of a transaction whose snapshot went stale (SQLite only; see below). */
const SNAPSHOT_ATTEMPTS = 5;

// On SQLite a transaction reads from a snapshot; when another connection (the scan writer thread,
// another process) commits after that read, the transaction's first write fails at once with
// SQLITE_BUSY_SNAPSHOT: busy_timeout cannot help, as waiting would not make the snapshot current.
// Everything the attempt wrote is rolled back, so it is run again from the start. PostgreSQL
// never raises it.
function staleSnapshot(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY_SNAPSHOT';
}

/**
 * Runs `work` in a database transaction: everything it writes commits together or not at all.
 * `work` may run more than once (a stale SQLite snapshot), so it must do nothing but database work.
 */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= SNAPSHOT_ATTEMPTS || !staleSnapshot(error)) throw error;
    }
  }
}
