// Frozen: never import application code here.
// A campaign's mode, as payments have one (0012): 1 for live campaigns, 0 for test ones, made with
// a `sec1-tst-…` key. Test keys may change test campaigns only, so a leaked one cannot redirect,
// archive or reconfigure printed codes. Every campaign that exists already was made before test
// campaigns existed, and printed codes must stay out of a test key's reach: they become live
// (the column's default, which also covers rows written by code that predates it).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('campaigns')
    .addColumn('livemode', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').dropColumn('livemode').execute();
}
