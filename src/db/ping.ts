import { sql, type Kysely } from 'kysely';

/** Runs a trivial query; throws when the database does not answer. */
export async function pingDatabase(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}
