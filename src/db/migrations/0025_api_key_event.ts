// Frozen: never import application code here.
// A check-in key can be kept to one event (a bulk batch of tickets): a door link handed to the
// staff of one concert must not check in, read or export the gates of every other event of the
// account. Batches have no table of their own (a batch is the codes sharing a batch_id), so the
// column names one without a foreign key; only check-in keys may name one.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('batch_id', 'text', (c) => c.check(sql`batch_id is null or scope = 'checkin'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('batch_id').execute();
}
