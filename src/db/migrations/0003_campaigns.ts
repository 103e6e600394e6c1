// Frozen: never import application code here.
// Templates, campaigns (every QR code, single or bulk-created), scans and idempotency keys.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('design_config', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('templates_account_idx').on('templates').columns(['account_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text')
    .addColumn('qr_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('short_code', 'text', (c) => c.notNull())
    .addColumn('design_config', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('archived_at', 'bigint')
    .execute();
  await db.schema.createIndex('campaigns_short_code_uq').on('campaigns').column('short_code').unique().execute();
  // NULL slugs are distinct on both dialects, so only set slugs must be unique.
  await db.schema.createIndex('campaigns_account_slug_uq').on('campaigns').columns(['account_id', 'slug']).unique().execute();
  await db.schema.createIndex('campaigns_account_created_idx').on('campaigns').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('campaigns_batch_idx').on('campaigns').column('batch_id').execute();

  await db.schema
    .createTable('scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('referrer', 'text')
    .addColumn('ip', 'text')
    .addColumn('country', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo(sql`'scan'`))
    .execute();
  await db.schema.createIndex('scans_account_time_idx').on('scans').columns(['account_id', 'occurred_at']).execute();
  await db.schema.createIndex('scans_campaign_time_idx').on('scans').columns(['campaign_id', 'occurred_at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response_body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['account_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.dropTable('scans').execute();
  await db.schema.dropTable('campaigns').execute();
  await db.schema.dropTable('templates').execute();
}
