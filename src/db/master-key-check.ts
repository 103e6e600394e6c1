// The master key's check value kept in the database itself, so it travels with a copied SQLite
// file and holds for every instance on one PostgreSQL database (migration 0021).
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

const MASTER = 'master';

/** The check value recorded for this database: `check` when none was (it is recorded now). */
export async function recordedKeyCheck(db: Kysely<Database>, check: string, now: number): Promise<string> {
  await db
    .insertInto('master_key_checks')
    .values({ id: MASTER, key_check: check, recorded_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db.selectFrom('master_key_checks').select('key_check').where('id', '=', MASTER).executeTakeFirstOrThrow();
  return row.key_check;
}

/**
 * Whether this database was used with a master key before: it recorded one's check value, or (a
 * copy from before migration 0021, which recorded none) it holds accounts or items, whose secrets
 * and contents a key encrypted.
 */
export async function usedWithAMasterKey(db: Kysely<Database>): Promise<boolean> {
  if (await db.selectFrom('master_key_checks').select('id').where('id', '=', MASTER).executeTakeFirst()) return true;
  if (await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst()) return true;
  return (await db.selectFrom('items').select('id').limit(1).executeTakeFirst()) !== undefined;
}
