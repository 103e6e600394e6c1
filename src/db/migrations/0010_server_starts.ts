// Frozen: never import application code here.
// Whether a server has ever run against this database, so `tessera account create` can warn
// that a key made in a database no server uses is probably made in the wrong one.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('server_starts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('first_started_at', 'bigint', (c) => c.notNull())
    .addColumn('last_started_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('server_starts').execute();
}
