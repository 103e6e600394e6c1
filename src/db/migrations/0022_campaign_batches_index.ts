// Frozen: never import application code here.
// The list of an account's bulk requests (GET /api/v1/qrs/batches) groups campaigns by batch,
// newest first. Through campaigns_account_created_idx the database had to read and sort every
// code of the account before the first group could be returned (about 190 ms a page on SQLite for
// 200 batches of 500 codes); this index holds the codes in (created_at, batch_id) order, so a page
// is read in order and stops after its batches (about 6 ms), and with `id` in it the count and the
// first code of each batch come from the index alone. Single campaigns have no batch and are left
// out, so creating them costs nothing more.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('campaigns_account_batch_idx')
    .on('campaigns')
    .columns(['account_id', 'created_at', 'batch_id', 'id'])
    .where(sql.ref('batch_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('campaigns_account_batch_idx').execute();
}
