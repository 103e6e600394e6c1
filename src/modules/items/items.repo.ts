// Item rows: plain functions taking the database first. Every state change is one conditional
// UPDATE, so concurrent requests on any number of instances cannot overspend views or guesses.
import { type Kysely, sql } from 'kysely';
import type { Database, ItemsTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** Inserts a new item row. */
export async function insertItem(db: Db, row: ItemsTable): Promise<void> {
  await db.insertInto('items').values(row).execute();
}

/** Finds an item by the hash of its magic. */
export async function findItemByMagicHash(db: Db, magicHash: string): Promise<ItemsTable | undefined> {
  return db.selectFrom('items').selectAll().where('magic_hash', '=', magicHash).executeTakeFirst();
}

/**
 * Spends one view, atomically: the row changes only while it is live, unexpired and under its
 * limit, and the new count comes back from the same statement. Undefined when nothing was spent.
 */
export async function consumeView(db: Db, magicHash: string, now: number): Promise<ItemsTable | undefined> {
  return db
    .updateTable('items')
    .set({
      view_count: sql<number>`view_count + 1`,
      finalized_at: sql<number | null>`case when view_limit is not null and view_count + 1 >= view_limit then cast(${now} as bigint) else null end`,
    })
    .where('magic_hash', '=', magicHash)
    .where('archived_at', 'is', null)
    .where('expires_at', '>', now)
    .where((eb) => eb.or([eb('view_limit', 'is', null), eb('view_count', '<', eb.ref('view_limit'))]))
    .returningAll()
    .executeTakeFirst();
}

/**
 * Reserves one password check in the item's fixed window (opening a new window when the last
 * one is over). False when `max` checks are already counted in the current window. Reserving
 * before verifying means a burst of parallel guesses cannot slip past the limit.
 */
export async function reservePasswordAttempt(db: Db, id: string, now: number, windowMs: number, max: number): Promise<boolean> {
  const windowOver = sql<boolean>`(password_window_start is null or password_window_start <= cast(${now - windowMs} as bigint))`;
  const result = await db
    .updateTable('items')
    .set({
      password_attempts: sql<number>`case when ${windowOver} then 1 else password_attempts + 1 end`,
      password_window_start: sql<number>`case when ${windowOver} then cast(${now} as bigint) else password_window_start end`,
    })
    .where('id', '=', id)
    .where((eb) => eb.or([sql<boolean>`${windowOver}`, eb('password_attempts', '<', max)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives back a reservation after the password proved right: only wrong guesses count. */
export async function releasePasswordAttempt(db: Db, id: string): Promise<void> {
  await db
    .updateTable('items')
    .set({ password_attempts: sql<number>`password_attempts - 1` })
    .where('id', '=', id)
    .where('password_attempts', '>', 0)
    .execute();
}

/** Deletes an item row; true when it existed. */
export async function deleteItemById(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('items').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * Archives up to `limit` finalized items (expired or at their view limit): purges ciphertext
 * and password hash, keeps metadata and receipt. Returns how many rows it archived.
 */
export async function archiveFinalizedItems(db: Db, now: number, limit: number): Promise<number> {
  const due = db
    .selectFrom('items')
    .select('id')
    .where('archived_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb.and([eb('view_limit', 'is not', null), eb('view_count', '>=', eb.ref('view_limit'))])]))
    .limit(limit);
  const result = await db
    .updateTable('items')
    .set({
      ciphertext: null,
      password_hash: null,
      archived_at: now,
      finalized_at: sql<number>`coalesce(finalized_at, expires_at)`,
      password_attempts: 0,
      password_window_start: null,
    })
    .where('id', 'in', due)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
