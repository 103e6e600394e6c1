// THE way any module emits a webhook event. Call it with the transaction that makes the change,
// so the event exists if and only if the change committed (transactional outbox); the worker
// delivers it afterwards, at least once, to every enabled endpoint subscribed to its type.
// Unlike services, these functions take the caller's `db` (usually its transaction) first, as a
// repository does, not a ctx: they write inside other modules' transactions.
//
//   await db.transaction().execute(async (trx) => {
//     await insertCampaign(trx, row);
//     await emitEvent(trx, { accountId, type: 'campaign.created', data: { campaign }, occurredAt: clock.now() });
//   });
import type { Kysely, Transaction } from 'kysely';
import type { Database, WebhookDeliveriesTable } from '../../db/schema.ts';
import { currentRequestId } from '../../http/request-context.ts';
import { newId } from '../../ids.ts';
import { eventTypeInfo, isSubscribed, PING_EVENT_TYPE } from './event-types.ts';
import { insertEventWithDeliveries, listEnabledSubscriptions, listEnabledSubscriptionsOf } from './webhook-delivery.repo.ts';
import { toIso } from '../../http/iso.ts';
import { inTransaction } from '../../db/transaction.ts';

/** An event to emit. */
export interface EmitEventInput {
  accountId: string;
  /** A type from the catalogue in event-types.ts (an unknown type throws: add it there first). */
  type: string;
  /** The event's `data` object; serialised once, so every retry sends identical bytes. */
  data: Record<string, unknown>;
  /** When the change happened, epoch ms (from ctx.clock). Deliveries are due from then. */
  occurredAt: number;
}

/** What was written: the event id (the `webhook-id` receivers see) and how many endpoints it is bound for. */
export interface EmittedEvent {
  eventId: string;
  deliveries: number;
}

/**
 * Writes an event to the outbox and one delivery row per enabled endpoint subscribed to its type,
 * inside the caller's transaction (or directly on `db`). Never performs network I/O. An event no
 * endpoint will receive is not stored (`deliveries: 0`), so unsubscribed high-volume types cost
 * one indexed lookup.
 */
export async function emitEvent(db: Kysely<Database> | Transaction<Database>, input: EmitEventInput): Promise<EmittedEvent> {
  return (await emitEvents(db, [input]))[0]!;
}

/**
 * emitEvent for many events at once (e.g. `scan.created` at a scan-buffer flush): one endpoint
 * lookup per account instead of one per event. Same transaction rule; returns one result per input.
 */
export async function emitEvents(db: Kysely<Database> | Transaction<Database>, inputs: readonly EmitEventInput[]): Promise<EmittedEvent[]> {
  // The endpoints read are held until the deliveries referencing them are written: one transaction.
  if (!db.isTransaction) return inTransaction(db, (trx) => emitEvents(trx, inputs));
  const subscriptions = new Map<string, Array<{ id: string; types: string[] }>>();
  const results: EmittedEvent[] = [];
  for (const input of inputs) {
    if (!eventTypeInfo(input.type)) throw new Error(`emitEvent: unknown webhook event type '${input.type}'; add it to EVENT_TYPES in event-types.ts`);
    let endpoints = subscriptions.get(input.accountId);
    if (!endpoints) {
      endpoints = (await listEnabledSubscriptions(db, input.accountId)).map((e) => ({ id: e.id, types: JSON.parse(e.event_types) as string[] }));
      subscriptions.set(input.accountId, endpoints);
    }
    const { eventId, deliveries } = await writeEvent(
      db,
      input,
      endpoints.filter((e) => isSubscribed(e.types, input.type)).map((e) => e.id),
    );
    results.push({ eventId, deliveries });
  }
  return results;
}

/**
 * Which of `accountIds` have an enabled endpoint that receives `type`. High-volume events
 * (scan.created) ask first, so a flush builds no event at all when nobody listens.
 */
export async function accountsListeningTo(db: Kysely<Database> | Transaction<Database>, accountIds: readonly string[], type: string): Promise<Set<string>> {
  const rows = await listEnabledSubscriptionsOf(db, accountIds);
  return new Set(rows.filter((row) => isSubscribed(JSON.parse(row.event_types) as string[], type)).map((row) => row.account_id));
}

/** Queues a `ping` to one endpoint (the "send test event" button). */
export async function emitPing(db: Kysely<Database> | Transaction<Database>, accountId: string, endpointId: string, occurredAt: number): Promise<{ eventId: string; deliveryId: string }> {
  const { eventId, deliveryIds } = await writeEvent(db, { accountId, type: PING_EVENT_TYPE, data: { message: 'Test event from Tessera' }, occurredAt }, [endpointId]);
  return { eventId, deliveryId: deliveryIds[0]! };
}

async function writeEvent(db: Kysely<Database> | Transaction<Database>, input: EmitEventInput, endpointIds: string[]): Promise<EmittedEvent & { deliveryIds: string[] }> {
  const eventId = newId('msg');
  const deliveries: WebhookDeliveriesTable[] = endpointIds.map((endpointId) => ({
    id: newId('dlv'),
    event_id: eventId,
    endpoint_id: endpointId,
    account_id: input.accountId,
    status: 'pending',
    attempts: 0,
    next_attempt_at: input.occurredAt,
    lease_id: null,
    locked_until: null,
    last_status_code: null,
    last_error: null,
    created_at: input.occurredAt,
    updated_at: input.occurredAt,
    delivered_at: null,
  }));
  if (deliveries.length === 0) return { eventId, deliveries: 0, deliveryIds: [] };
  // Serialised only once someone will receive it (most events of most accounts go nowhere). Standard Webhooks payload shape: type, timestamp, data.
  const body = JSON.stringify({ type: input.type, timestamp: toIso(input.occurredAt), data: input.data });
  const event = { id: eventId, account_id: input.accountId, type: input.type, body, occurred_at: input.occurredAt, request_id: currentRequestId() };
  await insertEventWithDeliveries(db, event, deliveries);
  return { eventId, deliveries: deliveries.length, deliveryIds: deliveries.map((d) => d.id) };
}
