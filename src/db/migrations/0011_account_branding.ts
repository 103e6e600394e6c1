// Frozen: never import application code here.
// How an account appears on the public pages strangers see (item pages, code error pages,
// hosted pages): a logo and whether the "Made with Tessera" footer shows. One row per account
// that changed the defaults; no row means no logo and the footer shown.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_branding')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('logo_url', 'text')
    .addColumn('logo_alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('made_with_tessera', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_branding').execute();
}
