// Wrong item passwords per client (migration 0017): like the item's own counter, one statement
// counts a guess only while the client is under its limit (or its window is over), so parallel
// guesses on any number of instances get at most `max` answers per client and window.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PasswordLimit } from './items.repo.ts';

type Db = Kysely<Database>;

/** When the client's window with `max` wrong passwords ends, or null while it may still guess. */
export async function clientLockedUntil(db: Db, itemId: string, client: string, now: number, limit: PasswordLimit): Promise<number | null> {
  const row = await db.selectFrom('item_password_clients').select(['window_start', 'attempts']).where('item_id', '=', itemId).where('client', '=', client).executeTakeFirst();
  if (!row || row.attempts < limit.max) return null;
  const end = Number(row.window_start) + limit.windowMs;
  return end > now ? end : null;
}

/** Counts one wrong password of `client` and returns how many its window now holds; null when `max` were already counted (that guess gets no answer). */
export async function countClientWrongPassword(db: Db, itemId: string, client: string, now: number, limit: PasswordLimit): Promise<number | null> {
  const over = sql<boolean>`item_password_clients.window_start <= cast(${now - limit.windowMs} as bigint)`;
  const counted = await db
    .insertInto('item_password_clients')
    .values({ item_id: itemId, client, window_start: now, attempts: 1 })
    .onConflict((oc) =>
      oc
        .columns(['item_id', 'client'])
        .doUpdateSet({
          attempts: sql<number>`case when ${over} then 1 else item_password_clients.attempts + 1 end`,
          window_start: sql<number>`case when ${over} then cast(${now} as bigint) else item_password_clients.window_start end`,
        })
        .where((eb) => eb.or([over, eb('item_password_clients.attempts', '<', limit.max)])),
    )
    .returning('attempts')
    .executeTakeFirst();
  return counted === undefined ? null : Number(counted.attempts);
}

/** Deletes counters whose window ended before `before` (they no longer limit anything); returns how many. */
export async function deleteEndedClientWindows(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('item_password_clients').where('window_start', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
