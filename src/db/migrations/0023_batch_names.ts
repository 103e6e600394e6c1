// Frozen: never import application code here.
// A bulk request can be named ("Spring fair, 14 March"): a ticketing system names the event when it
// creates the tickets, a person renames it in the dashboard. A batch exists only as the batch_id
// its codes share, so the name has a table of its own, with a row only for a named batch; a
// deleted account takes its names with it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('batch_names')
    .addColumn('batch_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('batch_names').execute();
}
