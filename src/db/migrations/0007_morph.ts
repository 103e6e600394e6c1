// Frozen: never import application code here.
// Morphing codes: per-code secret version and re-entry policy, gate state per ticket, check-ins.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('morph_codes')
    .addColumn('campaign_id', 'text', (c) => c.primaryKey().references('campaigns.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('secret_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('allow_reentry', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ticket_state')
    .addColumn('campaign_id', 'text', (c) => c.primaryKey().references('campaigns.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('inside', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('entries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('exits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('campaign_id', 'text', (c) => c.references('campaigns.id').onDelete('cascade'))
    .addColumn('batch_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('scanner_id', 'text')
    .addColumn('nonce', 'text')
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // NULL nonces are distinct on both dialects: only given nonces must be unique.
  await db.schema.createIndex('checkins_account_nonce_uq').on('checkins').columns(['account_id', 'nonce']).unique().execute();
  await db.schema.createIndex('checkins_campaign_idx').on('checkins').columns(['campaign_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('checkins_batch_idx').on('checkins').columns(['batch_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('checkins_account_idx').on('checkins').columns(['account_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('checkins').execute();
  await db.schema.dropTable('ticket_state').execute();
  await db.schema.dropTable('morph_codes').execute();
}
