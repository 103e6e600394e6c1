// Frozen: never import application code here.
// The item-wide limit on wrong passwords was 50 per 15-minute window for the item's whole life:
// up to 144,000 guesses at a 30-day item, enough for a PIN or a short word spread over many
// addresses. From now each window is longer than the last once the item has taken more wrong
// passwords, so the guesses an item answers over its life are bounded. `password_failures`
// counts every wrong password the item answered; `password_window_ms` is the length of the
// current window, fixed when it opened (null: the base length, for rows written before this).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('items')
    .addColumn('password_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('items').addColumn('password_window_ms', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('items').dropColumn('password_window_ms').execute();
  await db.schema.alterTable('items').dropColumn('password_failures').execute();
}
