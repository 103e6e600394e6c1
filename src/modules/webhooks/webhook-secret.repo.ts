// Webhook signing secrets: plain functions taking the database first.
import type { Kysely, Transaction } from 'kysely';
import type { Database, WebhookSecretsTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Inserts a secret row. */
export async function insertSecret(db: Db, row: WebhookSecretsTable): Promise<void> {
  await db.insertInto('webhook_secrets').values(row).execute();
}

/** The account's active secret, if any. */
export async function findActiveSecret(db: Db, accountId: string): Promise<WebhookSecretsTable | undefined> {
  return db.selectFrom('webhook_secrets').selectAll().where('account_id', '=', accountId).where('status', '=', 'active').executeTakeFirst();
}

/** Secrets that sign at `now`: the active one and every rotating one whose window is open; active first, then newest first. */
export async function findLiveSecrets(db: Db, accountId: string, now: number): Promise<WebhookSecretsTable[]> {
  const rows = await db
    .selectFrom('webhook_secrets')
    .selectAll()
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('status', '=', 'active'), eb.and([eb('status', '=', 'rotating'), eb('expires_at', '>', now)])]))
    .execute();
  return rows.sort((a, b) => (a.status === b.status ? b.created_at - a.created_at : a.status === 'active' ? -1 : 1));
}

/** Every secret of the account, newest first. */
export async function listSecrets(db: Db, accountId: string): Promise<WebhookSecretsTable[]> {
  return db.selectFrom('webhook_secrets').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/**
 * Closes the account's open rotation windows past the newest `keep` (oldest first) at `now`: their
 * expiry becomes now, so a secret never reads disabled with an expiry still ahead.
 */
export async function closeOldestWindows(db: Db, accountId: string, now: number, keep: number): Promise<void> {
  const open = await db
    .selectFrom('webhook_secrets')
    .select('id')
    .where('account_id', '=', accountId)
    .where('status', '=', 'rotating')
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .orderBy('id')
    .execute();
  const closing = open.slice(keep).map((row) => row.id);
  if (closing.length === 0) return;
  await db.updateTable('webhook_secrets').set({ status: 'disabled', disabled_at: now, expires_at: now }).where('id', 'in', closing).execute();
}

/** Shortens every open rotation window of the account to end by `until` (at `now` or before: closed now). */
export async function capOpenWindows(db: Db, accountId: string, now: number, until: number): Promise<void> {
  await db
    .updateTable('webhook_secrets')
    .set(until <= now ? { status: 'disabled', disabled_at: now, expires_at: now } : { expires_at: until })
    .where('account_id', '=', accountId)
    .where('status', '=', 'rotating')
    .where('expires_at', '>', Math.max(until, now))
    .execute();
}

/** Moves the active secret `id` into its rotation window; false when it was no longer active. */
export async function markRotating(db: Db, id: string, expiresAt: number): Promise<boolean> {
  const result = await db.updateTable('webhook_secrets').set({ status: 'rotating', expires_at: expiresAt }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks rotating secrets whose window has closed as disabled; returns how many. */
export async function disableExpiredSecrets(db: Db, now: number): Promise<number> {
  const result = await db.updateTable('webhook_secrets').set({ status: 'disabled', disabled_at: now }).where('status', '=', 'rotating').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
