// The delivery log an account sees, and manual re-sends.
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import { fromFlag } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { deleteSettledEventsBefore, findDelivery, listAttempts, listDeliveries, requeueDelivery } from './webhook-delivery.repo.ts';
import { findEndpoint } from './webhook-endpoint.repo.ts';
import { toIso } from '../../http/iso.ts';

/** One logged attempt. */
export interface DeliveryAttempt {
  attempt: number;
  at: string;
  status_code: number | null;
  success: boolean;
  latency_ms: number;
  error: string | null;
  /** First 1 KiB of the response body. */
  response_body: string | null;
}

/** A delivery of one event to one endpoint. */
export interface Delivery {
  id: string;
  /** The `webhook-id` header value, the same on every attempt. */
  event_id: string;
  event_type: string;
  endpoint_id: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  attempt_log: DeliveryAttempt[];
}

/** How long settled events, deliveries and their attempt logs are kept. */
export const DELIVERY_LOG_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Deliveries to an endpoint of the account, newest first, each with its attempts. */
export async function listEndpointDeliveries(db: Kysely<Database>, accountId: string, endpointId: string, limit: number): Promise<Delivery[]> {
  if (!(await findEndpoint(db, accountId, endpointId))) throw notFound(`Webhook endpoint ${endpointId}`);
  const rows = await listDeliveries(db, endpointId, limit);
  const attempts = await listAttempts(db, rows.map((r) => r.id));
  return rows.map((row) => ({
    id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    endpoint_id: row.endpoint_id,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === 'pending' ? toIso(row.next_attempt_at) : null,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    created_at: toIso(row.created_at),
    delivered_at: toIso(row.delivered_at),
    attempt_log: attempts
      .filter((a) => a.delivery_id === row.id)
      .map((a) => ({ attempt: a.attempt, at: toIso(a.started_at), status_code: a.status_code, success: fromFlag(a.success), latency_ms: a.duration_ms, error: a.error, response_body: a.response_body })),
  }));
}

/** Makes a delivery due now again (same webhook-id); 409 while a worker is sending it or its endpoint is disabled. */
export async function retryDelivery(db: Kysely<Database>, clock: Clock, accountId: string, id: string): Promise<{ id: string; status: 'pending'; next_attempt_at: string }> {
  const delivery = await findDelivery(db, accountId, id);
  if (!delivery) throw notFound(`Webhook delivery ${id}`);
  const endpoint = await findEndpoint(db, accountId, delivery.endpoint_id);
  if (!endpoint || !fromFlag(endpoint.enabled)) throw new AppError('conflict', 'The endpoint of this delivery is disabled; enable it before retrying.');
  const now = clock.now();
  if (!(await requeueDelivery(db, id, now))) throw new AppError('conflict', 'This delivery is being sent right now; check its attempts in a few seconds.');
  return { id, status: 'pending', next_attempt_at: toIso(now) };
}

/** Deletes delivery logs past retention (never an event with a pending delivery); returns how many events. */
export async function pruneDeliveryLog(db: Kysely<Database>, clock: Clock): Promise<number> {
  return deleteSettledEventsBefore(db, clock.now() - DELIVERY_LOG_RETENTION_MS);
}
