// Webhook endpoints: plain functions taking the database first.
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../../config.ts';
import { lockForAccount } from '../../db/lock.ts';
import type { Database, WebhookEndpointsTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Inserts an endpoint. */
export async function insertEndpoint(db: Db, row: WebhookEndpointsTable): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

/** An endpoint of the account. */
export async function findEndpoint(db: Db, accountId: string, id: string): Promise<WebhookEndpointsTable | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

/** The account's endpoints, oldest first. */
export async function listEndpoints(db: Db, accountId: string): Promise<WebhookEndpointsTable[]> {
  return db.selectFrom('webhook_endpoints').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
}

/** How many endpoints the account has. */
export async function countEndpoints(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Within a transaction: the account's endpoint count, kept true until commit (its creates wait for each other). */
export async function countEndpointsForCreate(trx: Transaction<Database>, dialect: Dialect, accountId: string): Promise<number> {
  await lockForAccount(trx, dialect, 'webhook_endpoints', accountId);
  return countEndpoints(trx, accountId);
}

/** Applies changes to an endpoint of the account. */
export async function updateEndpoint(db: Db, accountId: string, id: string, changes: Partial<Omit<WebhookEndpointsTable, 'id' | 'account_id' | 'created_at'>>): Promise<void> {
  await db.updateTable('webhook_endpoints').set(changes).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Deletes an endpoint (its deliveries and attempts go with it); false when it did not exist. */
export async function deleteEndpoint(db: Db, accountId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoints').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Health bookkeeping after an attempt: clears or starts the failure streak, or disables with a reason. */
export async function setEndpointHealth(
  db: Db,
  id: string,
  changes: Pick<WebhookEndpointsTable, 'failing_since'> & Partial<Pick<WebhookEndpointsTable, 'enabled' | 'disabled_reason' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('webhook_endpoints').set(changes).where('id', '=', id).execute();
}

/** The endpoint's failure streak start and enabled flag (for the worker). */
export async function findEndpointHealth(db: Db, id: string): Promise<Pick<WebhookEndpointsTable, 'failing_since' | 'enabled'> | undefined> {
  return db.selectFrom('webhook_endpoints').select(['failing_since', 'enabled']).where('id', '=', id).executeTakeFirst();
}
