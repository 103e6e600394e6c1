// Frozen: never import application code here.
// Payments: a merchant's payee profile (one per account, JSON in the validated, normalised form),
// payment requests with their lifecycle, and the bank bookings reconciliation has already
// consumed (their identity is the key, so re-uploading a statement changes nothing).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payment_profiles')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('livemode', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('creditor_reference', 'text', (c) => c.notNull())
    .addColumn('creditor_reference_type', 'text', (c) => c.notNull())
    .addColumn('qr_payload', 'text', (c) => c.notNull())
    .addColumn('qr_ecc', 'text', (c) => c.notNull())
    .addColumn('payee', 'text', (c) => c.notNull())
    .addColumn('received_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('settled_via', 'text')
    .addColumn('settled_note', 'text')
    .addColumn('settled_by', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'bigint')
    .addColumn('failed_at', 'bigint')
    .addColumn('expired_at', 'bigint')
    .addColumn('canceled_at', 'bigint')
    .execute();
  await db.schema.createIndex('payments_list_idx').on('payments').columns(['account_id', 'livemode', 'created_at', 'id']).execute();
  // Reconciliation looks payments up by the structured reference a bank booking carries.
  await db.schema.createIndex('payments_creditor_reference_idx').on('payments').columns(['account_id', 'livemode', 'creditor_reference']).unique().execute();
  await db.schema.createIndex('payments_merchant_reference_idx').on('payments').columns(['account_id', 'livemode', 'reference']).execute();
  // The sweeper's scan: pending payments by due time.
  await db.schema.createIndex('payments_due_idx').on('payments').columns(['status', 'expires_at']).execute();

  await db.schema
    .createTable('payment_bank_entries')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('livemode', 'integer', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_bank_entries_pk', ['account_id', 'livemode', 'entry_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payment_bank_entries').execute();
  await db.schema.dropTable('payments').execute();
  await db.schema.dropTable('payment_profiles').execute();
}
