// Remembered responses per (account, Idempotency-Key).
import type { Kysely } from 'kysely';
import type { Database, IdempotencyKeysTable } from '../../db/schema.ts';

/** The remembered row, or undefined. */
export async function findIdempotencyKey(db: Kysely<Database>, accountId: string, key: string): Promise<IdempotencyKeysTable | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('account_id', '=', accountId).where('key', '=', key).executeTakeFirst();
}

/** Claims a key (status_code 0 = in progress); throws a unique violation when it is taken. */
export async function claimIdempotencyKey(db: Kysely<Database>, row: IdempotencyKeysTable): Promise<void> {
  await db.insertInto('idempotency_keys').values(row).execute();
}

/** Stores the final response of a claimed key. */
export async function completeIdempotencyKey(db: Kysely<Database>, accountId: string, key: string, statusCode: number, responseBody: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ status_code: statusCode, response_body: responseBody }).where('account_id', '=', accountId).where('key', '=', key).execute();
}

/** Forgets one key (its request failed, or its claim was abandoned). */
export async function releaseIdempotencyKey(db: Kysely<Database>, accountId: string, key: string, createdAt?: number): Promise<void> {
  let query = db.deleteFrom('idempotency_keys').where('account_id', '=', accountId).where('key', '=', key);
  if (createdAt !== undefined) query = query.where('created_at', '=', createdAt);
  await query.execute();
}

/** Deletes keys created before `before`; returns how many went. */
export async function deleteIdempotencyKeysBefore(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
