// Frozen: never import application code here.
// A check value of the master key a database was first used with (an HMAC of a fixed text under
// the key; it does not reveal the key). A start with another key used to come up ready and then
// answer 500 to every read of what the first key encrypted (an item's content, with its view
// spent; ticket and webhook secrets), on one instance of several or after a data directory moved
// to production with a new TESSERA_MASTER_KEY. Now such a start is refused, naming the variable.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('master_key_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_check', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('master_key_checks').execute();
}
