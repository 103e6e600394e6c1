// Frozen: never import application code here.
// Wrong item passwords counted per client as well as per item. With only the item's own counter
// (0004), ten wrong guesses by anyone holding the link locked the recipient out too; now each
// client (its address, hashed) has its own budget and the item's counter is a higher, item-wide
// cap against guessing spread over many addresses. Rows go with their item.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('item_password_clients')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_password_clients_pkey', ['item_id', 'client'])
    .execute();
  // The sweep of ended windows.
  await db.schema.createIndex('item_password_clients_window_idx').on('item_password_clients').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('item_password_clients').execute();
}
