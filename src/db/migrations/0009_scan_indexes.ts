// Frozen: never import application code here.
// Every index on scans is paid for on each insert, and the redirect path inserts tens of
// thousands of rows a second. No query reads scans by account and time (account reports come
// from the rollups), and retention finds old rows through the time-ordered primary key, so
// these two indexes only cost.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('scans_account_time_idx').execute();
  await db.schema.dropIndex('scans_occurred_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('scans_account_time_idx').on('scans').columns(['account_id', 'occurred_at']).execute();
  await db.schema.createIndex('scans_occurred_idx').on('scans').column('occurred_at').execute();
}
