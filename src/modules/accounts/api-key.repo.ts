// API key rows: plain functions taking the database first.
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../../config.ts';
import { type KeysetPosition, newestFirst } from '../../db/keyset.ts';
import { lockForAccount } from '../../db/lock.ts';
import type { ApiKeysTable, CampaignsTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Stores a new key row. */
export async function insertApiKey(db: Db, row: ApiKeysTable): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

/** The key with this kid (one indexed lookup on the hot path). */
export async function findApiKeyByKid(db: Db, kid: string): Promise<ApiKeysTable | undefined> {
  return db.selectFrom('api_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
}

/** A key of this account by id. */
export async function findApiKeyById(db: Db, accountId: string, id: string): Promise<ApiKeysTable | undefined> {
  return db.selectFrom('api_keys').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

/** A key of this account by kid. */
export async function findAccountApiKeyByKid(db: Db, accountId: string, kid: string): Promise<ApiKeysTable | undefined> {
  return db.selectFrom('api_keys').selectAll().where('account_id', '=', accountId).where('kid', '=', kid).executeTakeFirst();
}

/** The account's newest active key of an env. */
export async function findNewestActiveKey(db: Db, accountId: string, env: ApiKeysTable['env']): Promise<ApiKeysTable | undefined> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('env', '=', env)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** How many of the account's keys still work at `now`: not revoked and not expired. */
export async function countWorkingKeys(db: Db, accountId: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('status', '!=', 'revoked')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Within a transaction: the account's working keys, a count kept true until commit (its creates wait for each other). */
export async function countWorkingKeysForCreate(trx: Transaction<Database>, dialect: Dialect, accountId: string, now: number): Promise<number> {
  await lockForAccount(trx, dialect, 'api_keys', accountId);
  return countWorkingKeys(trx, accountId, now);
}

/** One page of the account's keys, newest first, after the (created_at, id) cursor. */
export async function listApiKeys(db: Db, accountId: string, limit: number, after?: KeysetPosition): Promise<ApiKeysTable[]> {
  return newestFirst(db.selectFrom('api_keys').selectAll().where('account_id', '=', accountId), limit, after).execute();
}

/** Revokes a key unless already revoked; true when this call changed it. */
export async function markRevoked(db: Db, accountId: string, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ status: 'revoked', revoked_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('status', '!=', 'revoked')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Retires an active key in favour of `replacedBy`: revoked now, or rotating until `expiresAt`. True when it was still active. */
export async function markReplaced(db: Db, id: string, replacedBy: string, now: number, rotatingUntil: number | null): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set(rotatingUntil === null ? { status: 'revoked', revoked_at: now, replaced_by: replacedBy } : { status: 'rotating', expires_at: rotatingUntil, replaced_by: replacedBy })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records use, at most once per interval (the WHERE keeps it to one write a minute per key). */
export async function touchApiKey(db: Db, id: string, now: number, olderThan: number): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', olderThan)]))
    .execute();
}

/**
 * The type and mode of a batch's codes, as the batch list reads them (from its newest code), or
 * undefined when the account has no code in it: what a check-in key may be kept to. Read here, not
 * through the campaigns module, which depends on this one (through pages): no module cycle.
 */
export async function findKeyEvent(db: Db, accountId: string, batchId: string): Promise<Pick<CampaignsTable, 'qr_type' | 'livemode'> | undefined> {
  return db.selectFrom('campaigns').select(['qr_type', 'livemode']).where('account_id', '=', accountId).where('batch_id', '=', batchId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}
