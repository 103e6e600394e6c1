// Frozen: never import application code here.
// A key can be limited to checking tickets in: a door scanner holds a key on a device that is lent
// out, dropped and lost, and one that leaks must not be able to change what a printed code points
// to, read form answers or mint other keys. Every existing key keeps the access it had.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo(sql`'all'`).check(sql`scope in ('all', 'checkin')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('scope').execute();
}
