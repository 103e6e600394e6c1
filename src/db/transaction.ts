// One way for services to group repository calls atomically without touching Kysely themselves.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Runs `work` in a database transaction: everything it writes commits together or not at all. */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
