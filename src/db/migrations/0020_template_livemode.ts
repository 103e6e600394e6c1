// Frozen: never import application code here.
// A template's mode, as campaigns have one (0018): 1 for live templates, 0 for test ones, saved
// with a `sec1-tst-…` key. Test keys may delete test templates only, so a leaked one cannot take
// away the design a live integration (a bulk run naming `template_id`) depends on. Every template
// that exists already was saved before templates had a mode and nothing recorded which key saved
// it: it becomes live (the column's default, which also covers rows written by code that predates
// it).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('templates')
    .addColumn('livemode', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('templates').dropColumn('livemode').execute();
}
