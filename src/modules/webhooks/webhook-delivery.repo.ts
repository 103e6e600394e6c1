// The outbox and its deliveries: inserting events, claiming due deliveries under a lease,
// recording attempts. Plain functions taking the database first.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../../config.ts';
import { lockAgainstDeletion, lockSkippingLocked } from '../../db/claim.ts';
import type { Database, WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEventsTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts an outbox event and its delivery rows, together: inside the caller's transaction, or in
 * one of its own (a delivery refused by its endpoint's foreign key must not leave the event behind).
 */
export async function insertEventWithDeliveries(db: Db, event: WebhookEventsTable, deliveries: WebhookDeliveriesTable[]): Promise<void> {
  const write = async (trx: Db) => {
    await trx.insertInto('webhook_events').values(event).execute();
    await trx.insertInto('webhook_deliveries').values(deliveries).execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

/**
 * Enabled endpoints of an account with their subscriptions (JSON text), held against deletion
 * until the caller's transaction ends: its delivery rows reference them, and an endpoint deleted
 * in between failed the whole write on PostgreSQL's foreign key.
 */
export async function listEnabledSubscriptions(db: Db, accountId: string): Promise<Array<{ id: string; event_types: string }>> {
  return lockAgainstDeletion(db.selectFrom('webhook_endpoints').select(['id', 'event_types']).where('account_id', '=', accountId).where('enabled', '=', 1), db).execute();
}

/** The enabled endpoints of several accounts, with their subscriptions. */
export async function listEnabledSubscriptionsOf(db: Db, accountIds: readonly string[]): Promise<Array<{ account_id: string; event_types: string }>> {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom('webhook_endpoints')
    .select(['account_id', 'event_types'])
    .where('account_id', 'in', [...accountIds])
    .where('enabled', '=', 1)
    .execute();
}

/** Due deliveries a claim looks at, oldest first (ADR 0047). */
export const CLAIM_WINDOW = 2000;

/** A claimed delivery with what sending it needs. */
export interface ClaimedDeliveryRow {
  id: string;
  event_id: string;
  endpoint_id: string;
  account_id: string;
  attempts: number;
  lease_id: string;
  body: string;
  url: string;
  /** The request that caused the event, for the delivery's log lines. */
  request_id: string | null;
}

/**
 * Takes a lease on up to `limit` due deliveries (pending, due, unleased or lease expired, endpoint
 * enabled) and counts the attempt. Returns the claimed rows. A lease that expires because its
 * worker died makes the delivery due again: at-least-once delivery.
 *
 * Oldest first, but at most `perEndpoint` of one endpoint in flight at once, counting the leases
 * other claims hold: one account's backlog (a bulk of 1,000 codes is 1,000 events) or a receiver
 * that answers slowly would otherwise fill every claim, and every other account's events would
 * wait behind it. Within each endpoint, rows under a live lease rank first, so the ranks left
 * over are what the endpoint may still take. Only the oldest CLAIM_WINDOW due deliveries are
 * ranked, so an endpoint's event can still wait behind more than that many due deliveries of
 * endpoints at their limit.
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  dialect: Dialect,
  claim: { now: number; leaseId: string; lockedUntil: number; limit: number; perEndpoint: number },
): Promise<ClaimedDeliveryRow[]> {
  const { now, leaseId, lockedUntil, limit, perEndpoint } = claim;
  const taken = await inTransaction(db, async (trx): Promise<string[]> => {
    // Ranked among the oldest CLAIM_WINDOW due deliveries only (read in order from the due index):
    // ranking every due row cost ~120 ms a claim at 100,000 of them, on SQLite on the event loop.
    const oldest = trx.selectFrom('webhook_deliveries').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').limit(CLAIM_WINDOW);
    const ranked = trx
      .selectFrom('webhook_deliveries as d')
      .select(['d.id', 'd.next_attempt_at', 'd.locked_until'])
      .select(sql<number>`row_number() over (partition by d.endpoint_id order by case when d.locked_until > ${now} then 0 else 1 end, d.next_attempt_at, d.id)`.as('place'))
      .where('d.id', 'in', oldest)
      .where('d.endpoint_id', 'in', trx.selectFrom('webhook_endpoints').select('id').where('enabled', '=', 1))
      .as('r');
    const chosen = await trx
      .selectFrom(ranked)
      .select('r.id')
      .where('r.place', '<=', perEndpoint)
      .where((eb) => eb.or([eb('r.locked_until', 'is', null), eb('r.locked_until', '<=', now)]))
      .orderBy('r.next_attempt_at')
      .orderBy('r.id')
      .limit(limit)
      .execute();
    if (chosen.length === 0) return [];
    // PostgreSQL locks the chosen rows and skips those a concurrent claimer took (a window
    // function and FOR UPDATE cannot share one query level).
    const free = trx
      .selectFrom('webhook_deliveries')
      .select('id')
      .where(
        'id',
        'in',
        chosen.map((r) => r.id),
      )
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]));
    const ids = (await lockSkippingLocked(free, dialect).execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    // The lease conditions are repeated so a claimer without row locks never steals a live lease.
    await trx
      .updateTable('webhook_deliveries')
      .set({ lease_id: leaseId, locked_until: lockedUntil, attempts: sql<number>`attempts + 1`, updated_at: now })
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .execute();
    return ids;
  });
  if (taken.length === 0) return [];
  // Read back by id (no index leads with lease_id: by lease alone this read every pending row,
  // ~20 ms a claim at 100,000); the lease still says which of them this claim won.
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .innerJoin('webhook_endpoints as p', 'p.id', 'd.endpoint_id')
    .select(['d.id', 'd.event_id', 'd.endpoint_id', 'd.account_id', 'd.attempts', 'e.body', 'e.request_id', 'p.url'])
    .where('d.id', 'in', taken)
    .where('d.lease_id', '=', leaseId)
    .where('d.status', '=', 'pending')
    .execute();
  return rows.map((r) => ({ ...r, lease_id: leaseId }));
}

/** Inserts one attempt log row. */
export async function insertAttempt(db: Db, row: WebhookAttemptsTable): Promise<void> {
  await db.insertInto('webhook_attempts').values(row).execute();
}

/** Updates a delivery after an attempt, only while `leaseId` still holds it; false when the lease was lost. */
export async function settleDelivery(
  db: Db,
  id: string,
  leaseId: string,
  changes: Pick<WebhookDeliveriesTable, 'status' | 'next_attempt_at' | 'last_status_code' | 'last_error' | 'updated_at' | 'delivered_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ ...changes, lease_id: null, locked_until: null })
    .where('id', '=', id)
    .where('lease_id', '=', leaseId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A delivery of the account, with its event type. */
export async function findDelivery(db: Db, accountId: string, id: string): Promise<(WebhookDeliveriesTable & { event_type: string }) | undefined> {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.type as event_type')
    .where('d.account_id', '=', accountId)
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** Deliveries to an endpoint, newest first, with their event type. */
export async function listDeliveries(db: Db, endpointId: string, limit: number): Promise<Array<WebhookDeliveriesTable & { event_type: string }>> {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.type as event_type')
    .where('d.endpoint_id', '=', endpointId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

/** Attempts of the given deliveries, oldest first. */
export async function listAttempts(db: Db, deliveryIds: string[]): Promise<WebhookAttemptsTable[]> {
  if (deliveryIds.length === 0) return [];
  return db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('delivery_id').orderBy('attempt').execute();
}

/** Makes a delivery due now again (manual retry); false when a worker currently holds it. */
export async function requeueDelivery(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now, updated_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes events older than `cutoff` with no pending delivery (their deliveries and attempts go with them); returns how many. */
export async function deleteSettledEventsBefore(db: Db, cutoff: number): Promise<number> {
  const result = await db
    .deleteFrom('webhook_events')
    .where('occurred_at', '<', cutoff)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('webhook_deliveries as d').select('d.id').whereRef('d.event_id', '=', 'webhook_events.id').where('d.status', '=', 'pending'))))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deliveries still to be made (pending, whatever their schedule) and the creation time of the oldest. */
export async function pendingDeliveryBacklog(db: Kysely<Database>): Promise<{ pending: number; oldestCreatedAt: number | null }> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return { pending: Number(row.n), oldestCreatedAt: row.oldest === null ? null : Number(row.oldest) };
}
