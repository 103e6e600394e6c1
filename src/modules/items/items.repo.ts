// Item rows: plain functions taking the database first. Every state change is one conditional
// UPDATE, so concurrent requests on any number of instances cannot overspend views or guesses.
import { type Kysely, sql } from 'kysely';
import type { Database, ItemsTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** Inserts a new item row. */
export async function insertItem(db: Db, row: ItemsTable): Promise<void> {
  await db.insertInto('items').values(row).execute();
}

/** Live anonymous items (not archived): how many, and their content's bytes. */
export async function anonymousItemsHeld(db: Db): Promise<{ items: number; bytes: number }> {
  const row = await db
    .selectFrom('items')
    .select((eb) => [eb.fn.countAll<number | string>().as('items'), eb.fn.coalesce(eb.fn.sum<number | string>('content_bytes'), sql<number>`0`).as('bytes')])
    .where('account_id', 'is', null)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { items: Number(row.items), bytes: Number(row.bytes) };
}

/** Finds an item by the hash of its magic. */
export async function findItemByMagicHash(db: Db, magicHash: string): Promise<ItemsTable | undefined> {
  return db.selectFrom('items').selectAll().where('magic_hash', '=', magicHash).executeTakeFirst();
}

/** A password limit: at most `max` wrong passwords counted in a fixed window of `windowMs`. */
export interface PasswordLimit {
  windowMs: number;
  max: number;
}

/**
 * The item-wide limit: its windows start at `windowMs` and double for every `max` wrong passwords
 * the item has answered over its life, up to `longestWindowMs`, so a long-lived item answers a
 * bounded number of guesses however patiently they are spread.
 */
export interface ItemPasswordLimit extends PasswordLimit {
  longestWindowMs: number;
}

const ms = (value: number) => sql<number>`cast(${value} as bigint)`;

// The length of the item's current window, fixed when it opened.
const currentWindowMs = (limit: PasswordLimit) => sql<number>`coalesce(password_window_ms, ${ms(limit.windowMs)})`;

// The length a window opening now gets, from the wrong passwords answered before it.
function nextWindowMs(limit: ItemPasswordLimit) {
  let length = ms(limit.windowMs);
  for (let doubled = limit.windowMs * 2, failures = limit.max; doubled <= limit.longestWindowMs; doubled *= 2, failures += limit.max) {
    length = sql<number>`case when password_failures >= ${failures} then ${ms(doubled)} else ${length} end`;
  }
  return length;
}

// True while the item's window is over (or never opened): its counted wrong passwords no longer apply.
function windowOver(now: number, limit: PasswordLimit) {
  return sql<boolean>`(password_window_start is null or password_window_start <= ${ms(now)} - ${currentWindowMs(limit)})`;
}

/**
 * Spends one view, atomically: the row changes only while it is live, unexpired, under its limit
 * and not locked by wrong passwords (so a right password verified during a burst of wrong ones is
 * accepted only while the limit still holds), and the new count comes back from the same
 * statement. Undefined when nothing was spent.
 */
export async function consumeView(db: Db, magicHash: string, now: number, limit: PasswordLimit): Promise<ItemsTable | undefined> {
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
    .where((eb) => eb.or([windowOver(now, limit), eb('password_attempts', '<', limit.max)]))
    .returningAll()
    .executeTakeFirst();
}

/**
 * Counts one wrong password in the item's fixed window, in one conditional UPDATE; when the last
 * window is over it opens a new one, as long as the item's failures so far make it. False when
 * `max` are already counted: that guess must get no answer. Only wrong passwords are counted, and
 * each is counted before it is answered, so however many guesses run in parallel on however many
 * instances, at most `max` are answered per window.
 */
export async function countWrongPassword(db: Db, id: string, now: number, limit: ItemPasswordLimit): Promise<boolean> {
  const over = windowOver(now, limit);
  const result = await db
    .updateTable('items')
    .set({
      password_attempts: sql<number>`case when ${over} then 1 else password_attempts + 1 end`,
      password_window_start: sql<number>`case when ${over} then ${ms(now)} else password_window_start end`,
      // Every SET expression reads the row as it was, so the new window's length counts the failures before this one.
      password_window_ms: sql<number>`case when ${over} then ${nextWindowMs(limit)} else password_window_ms end`,
      password_failures: sql<number>`password_failures + 1`,
    })
    .where('id', '=', id)
    .where((eb) => eb.or([over, eb('password_attempts', '<', limit.max)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes an item row; true when it existed. */
export async function deleteItemById(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('items').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** An item the sweeper just archived (what `item.finalized` reports). */
export interface ArchivedItemRow {
  id: string;
  account_id: string | null;
  view_count: number;
  view_limit: number | null;
  expires_at: number;
  finalized_at: number | null;
}

/**
 * Archives up to `limit` finalized items (expired or at their view limit): purges ciphertext
 * and password hash, keeps metadata and receipt. Returns the rows it archived.
 */
export async function archiveFinalizedItems(db: Db, now: number, limit: number): Promise<ArchivedItemRow[]> {
  const due = db
    .selectFrom('items')
    .select('id')
    .where('archived_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb.and([eb('view_limit', 'is not', null), eb('view_count', '>=', eb.ref('view_limit'))])]))
    .limit(limit);
  return db
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
    .returning(['id', 'account_id', 'view_count', 'view_limit', 'expires_at', 'finalized_at'])
    .execute();
}
