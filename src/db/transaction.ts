// The one way code outside repos and src/db groups repository calls atomically: services call this
// instead of `db.transaction()`, so Kysely stays in repos and src/db (test/architecture.test.ts
// enforces it) and transaction behaviour (retries, isolation) has one place to change.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Runs `work` in a database transaction: everything it writes commits together or not at all. */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
