// Serialising transactions that decide from what a table holds ("create only while none exists"):
// without it, two PostgreSQL transactions under READ COMMITTED both see the table empty and both
// write. Kept here because it is the one dialect difference such a decision has.
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../config.ts';
import type { Database } from './schema.ts';

/**
 * Within a transaction: waits until no other transaction can write `table`, and holds that until
 * commit, so what this transaction reads of it stays true. PostgreSQL takes SHARE ROW EXCLUSIVE
 * (conflicts with itself and with writers, not with readers); SQLite needs nothing, as its
 * transactions on a connection already run one at a time.
 */
export async function lockTableAgainstWriters(trx: Kysely<Database>, dialect: Dialect, table: keyof Database): Promise<void> {
  if (dialect === 'postgres') await sql`lock table ${sql.table(table)} in share row exclusive mode`.execute(trx);
}

/**
 * Within a transaction: waits until no other transaction holds the lock on `purpose` for this
 * account, and holds it until commit, so a count read under it ("fewer than 50 endpoints") stays
 * true until the row it allows is written. Other accounts never wait. PostgreSQL takes a
 * transaction-scoped advisory lock (named per schema, as test runs share a database); SQLite
 * needs nothing, for the reason above.
 */
export async function lockForAccount(trx: Kysely<Database>, dialect: Dialect, purpose: string, accountId: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(current_schema() || ${`.${purpose}:${accountId}`}))`.execute(trx);
}
