// The "a server has used this database" marker. `tessera serve` records each start once it is
// listening; `tessera account create` reads it to warn when it is about to put an account (and a
// key) into a database no server has ever run against: usually the wrong TESSERA_DATA_DIR or
// DATABASE_URL. It lives in the database itself, so it holds for a SQLite file and a PostgreSQL
// database alike, and travels with a copied file.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

const SERVE = 'serve';

/** Records that a server started now (first start kept, last start updated). */
export async function recordServerStart(db: Kysely<Database>, now: number): Promise<void> {
  await db
    .insertInto('server_starts')
    .values({ id: SERVE, first_started_at: now, last_started_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ last_started_at: eb.ref('excluded.last_started_at') })))
    .execute();
}

/** When servers first and last started against this database, or null when none ever did. */
export async function serverStarts(db: Kysely<Database>): Promise<{ first: number; last: number } | null> {
  const row = await db.selectFrom('server_starts').selectAll().where('id', '=', SERVE).executeTakeFirst();
  return row ? { first: row.first_started_at, last: row.last_started_at } : null;
}
