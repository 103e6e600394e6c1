// The delivery log an account sees, and manual re-sends.
import type { AppContext } from '../../context.ts';
import { fromFlag } from '../../db/dialect.ts';
import { AppError, notFound } from '../../errors.ts';
import { deleteSettledEventsBefore, findDelivery, listAttempts, listDeliveries, requeueDelivery } from './webhook-delivery.repo.ts';
import { findEndpoint } from './webhook-endpoint.repo.ts';
import type { DeliveryRetried, WebhookDelivery } from './webhooks.schemas.ts';
import { toIso } from '../../http/iso.ts';

/** How long settled events, deliveries and their attempt logs are kept. */
export const DELIVERY_LOG_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Deliveries to an endpoint of the account, newest first, each with its attempts. */
export async function listEndpointDeliveries(ctx: Pick<AppContext, 'db'>, accountId: string, endpointId: string, limit: number): Promise<WebhookDelivery[]> {
  if (!(await findEndpoint(ctx.db, accountId, endpointId))) throw notFound(`Webhook endpoint ${endpointId}`);
  const rows = await listDeliveries(ctx.db, endpointId, limit);
  const attempts = await listAttempts(
    ctx.db,
    rows.map((r) => r.id),
  );
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
      .map((a) => ({
        attempt: a.attempt,
        at: toIso(a.started_at),
        status_code: a.status_code,
        success: fromFlag(a.success),
        latency_ms: a.duration_ms,
        error: a.error,
        response_body: a.response_body,
      })),
  }));
}

/** Makes a delivery due now again (same webhook-id); 409 while a worker is sending it or its endpoint is disabled. */
export async function retryDelivery(ctx: Pick<AppContext, 'db' | 'clock'>, accountId: string, id: string): Promise<DeliveryRetried> {
  const delivery = await findDelivery(ctx.db, accountId, id);
  if (!delivery) throw notFound(`Webhook delivery ${id}`);
  const endpoint = await findEndpoint(ctx.db, accountId, delivery.endpoint_id);
  if (!endpoint || !fromFlag(endpoint.enabled)) throw new AppError('conflict', 'The endpoint of this delivery is paused; resume it (enabled: true) first, then send the delivery again.');
  const now = ctx.clock.now();
  if (!(await requeueDelivery(ctx.db, id, now))) throw new AppError('conflict', 'This delivery is being sent right now; check its attempts in a few seconds.');
  return { id, status: 'pending', next_attempt_at: toIso(now) };
}

/** Deletes delivery logs past retention (never an event with a pending delivery); returns how many events. */
export async function pruneDeliveryLog(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  return deleteSettledEventsBefore(ctx.db, ctx.clock.now() - DELIVERY_LOG_RETENTION_MS);
}
