// Frozen: never import application code here.
// Scan analytics: classified columns on raw scans, rollups per account/campaign/dimension/time bucket,
// and the per-day visitor hashes that make unique counts possible without storing IPs.
import { type Kysely, SqliteAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Classification is computed at flush time and stored, so exports and re-aggregation never re-parse.
  await db.schema.alterTable('scans').addColumn('is_bot', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('scans').addColumn('os', 'text').execute();
  await db.schema.alterTable('scans').addColumn('browser', 'text').execute();
  await db.schema.alterTable('scans').addColumn('device_type', 'text').execute();
  await db.schema.alterTable('scans').addColumn('referrer_host', 'text').execute();
  // The retention sweeper deletes by age across all accounts.
  await db.schema.createIndex('scans_occurred_idx').on('scans').column('occurred_at').execute();

  // On SQLite both tables are WITHOUT ROWID: the rows live in primary-key order, so a report's
  // range read and a flush's upsert touch one B-tree instead of an index plus the table.
  const clustered = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('scan_rollups')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // '' = every campaign of the account (account-wide reports read one set of rows).
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    // floor(occurred_at / 900000): 15-minute UTC buckets (hour- or day-aligned for coarser dimensions).
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('is_bot', 'integer', (c) => c.notNull())
    .addColumn('scans', 'integer', (c) => c.notNull())
    .addColumn('uniques', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_rollups_pk', ['account_id', 'campaign_id', 'dimension', 'bucket', 'value', 'is_bot'])
    .$call((b) => (clustered ? b.modifyEnd(sql`without rowid`) : b))
    .execute();

  await db.schema
    .createTable('scan_uniques')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    // UTC day number: the visitor hash key rotates with it.
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('visitor_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_uniques_pk', ['account_id', 'campaign_id', 'day', 'visitor_hash'])
    .$call((b) => (clustered ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  await db.schema.createIndex('scan_uniques_day_idx').on('scan_uniques').column('day').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scan_uniques').execute();
  await db.schema.dropTable('scan_rollups').execute();
  await db.schema.dropIndex('scans_occurred_idx').execute();
  for (const column of ['referrer_host', 'device_type', 'browser', 'os', 'is_bot']) await db.schema.alterTable('scans').dropColumn(column).execute();
}
