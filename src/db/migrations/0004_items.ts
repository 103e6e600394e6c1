// Frozen: never import application code here.
// Ephemeral items. The magic itself is never stored: rows are addressed by its SHA-256, content
// is AES-256-GCM ciphertext under a key derived from the magic, the delete token is a hash and
// the password an argon2id PHC string. Archival nulls ciphertext and password hash but keeps
// the metadata and the integrity receipt.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('magic_hash', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('ciphertext', 'text')
    .addColumn('content_hmac', 'text', (c) => c.notNull())
    .addColumn('content_bytes', 'integer', (c) => c.notNull())
    .addColumn('password_protected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_hash', 'text')
    .addColumn('delete_token_hash', 'text', (c) => c.notNull())
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('view_limit', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('finalized_at', 'bigint')
    .addColumn('archived_at', 'bigint')
    .addColumn('password_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_window_start', 'bigint')
    .execute();
  // The sweeper looks for live rows past their expiry.
  await db.schema.createIndex('items_live_expiry_idx').on('items').columns(['archived_at', 'expires_at']).execute();
  await db.schema.createIndex('items_account_idx').on('items').column('account_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('items').execute();
}
