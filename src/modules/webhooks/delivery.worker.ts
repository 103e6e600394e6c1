// The delivery worker: claims due deliveries under a lease, signs and POSTs each one, and
// records the outcome (attempt log, retry schedule, endpoint health). Runs as a job inside
// `serve` or under `tessera worker`; tests call runDeliveryWorker with a moved clock.
//
// Claim → send → settle are three steps on purpose: nothing is held open during the HTTP call,
// and a worker that dies mid-flight leaves a lease that simply expires, after which another
// worker sends the same event again with the same webhook-id (at-least-once).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../../context.ts';
import { isForeignKeyViolation, toFlag } from '../../db/dialect.ts';
import { statusClass } from '../../http/metrics.ts';
import { newId } from '../../ids.ts';
import { DELIVERY_TIMEOUT_MS, postWebhook, type SendResult } from './http-sender.ts';
import { MAX_ATTEMPTS, nextRetryDelay, parseRetryAfter } from './retry-schedule.ts';
import { webhookHeaders } from './signing.ts';
import { DestinationRefusedError, type Resolver, vetDestination } from './ssrf-guard.ts';
import { claimDueDeliveries, type ClaimedDeliveryRow, insertAttempt, settleDelivery } from './webhook-delivery.repo.ts';
import { findEndpointHealth, setEndpointHealth } from './webhook-endpoint.repo.ts';
import { destinationPolicy } from './webhook-endpoint.service.ts';
import { liveSigningSecrets } from './webhook-secret.service.ts';
import { inTransaction } from '../../db/transaction.ts';
import { toIso } from '../../http/iso.ts';

/** How long a claim protects a delivery by default (TESSERA_WEBHOOK_LEASE_SECONDS); longer than the 15 s send timeout plus bookkeeping. */
export const LEASE_MS = 60_000;
/** An endpoint failing without a single success for this long is disabled. */
export const FAILING_DISABLE_AFTER_MS = 5 * 24 * 60 * 60 * 1000;

/** Deliveries of one endpoint in flight at once, across all workers. */
export const ENDPOINT_CONCURRENCY = 4;

/** Knobs for tests and the CLI. */
export interface WorkerOptions {
  /** Deliveries in flight at once in this run. */
  batchSize?: number;
  /** A run attempts at most batchSize × maxBatches deliveries (it ends early when nothing is due). */
  maxBatches?: number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  resolve?: Resolver;
}

/** A delivery this worker holds the lease on. */
export type ClaimedDelivery = ClaimedDeliveryRow;

/**
 * How long one delivery waits for its receiver: DELIVERY_TIMEOUT_MS, or half the lease when that
 * is shorter. A request still running when its lease ends is sent again by another worker, so a
 * short TESSERA_WEBHOOK_LEASE_SECONDS (5 s was accepted) sent a slow receiver every event twice;
 * now such a receiver times out and is retried like any other failure.
 */
export function deliveryTimeoutMs(leaseMs: number): number {
  return Math.min(DELIVERY_TIMEOUT_MS, Math.floor(leaseMs / 2));
}

/** Claims up to `limit` due deliveries for this worker, under a lease of its own. */
export async function claimDeliveries(ctx: AppContext, limit: number, leaseId: string = randomUUID()): Promise<ClaimedDelivery[]> {
  const now = ctx.clock.now();
  return claimDueDeliveries(ctx.db, ctx.dialect, { now, leaseId, lockedUntil: now + (ctx.config.webhookLeaseMs ?? LEASE_MS), limit, perEndpoint: ENDPOINT_CONCURRENCY });
}

/**
 * Claims and delivers due deliveries until none are due (or the run's budget is spent); returns
 * how many were attempted. `batchSize` deliveries are in flight at once, and a slot that frees
 * claims again at once: a batch that waited for its slowest receiver (up to the 15 s timeout)
 * held every other delivery back with it.
 */
export async function runDeliveryWorker(ctx: AppContext, options: WorkerOptions = {}): Promise<number> {
  const slots = options.batchSize ?? 10;
  const budget = slots * (options.maxBatches ?? 20);
  const inFlight = new Set<Promise<void>>();
  let failure = null as { error: unknown } | null;
  let attempted = 0;
  for (;;) {
    const free = failure ? 0 : Math.min(slots - inFlight.size, budget - attempted);
    if (free > 0) {
      // Each claim its own lease, so a lease names one claim's rows while earlier claims are still in flight.
      for (const delivery of await claimDeliveries(ctx, free)) {
        const sending: Promise<void> = deliverClaimed(ctx, delivery, options)
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => inFlight.delete(sending));
        inFlight.add(sending);
        attempted++;
      }
    }
    // Nothing in flight after a claim means nothing else is due (or another worker holds it).
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  if (failure) throw failure.error;
  return attempted;
}

type Outcome = { success: boolean; statusCode: number | null; error: string | null; body: string | null; retryAfter: string | undefined };

async function attempt(ctx: AppContext, delivery: ClaimedDelivery, now: number, options: WorkerOptions): Promise<Outcome> {
  try {
    const { url, addresses } = await vetDestination(delivery.url, { ...destinationPolicy(ctx.config), resolve: options.resolve });
    const secrets = await liveSigningSecrets(ctx, delivery.account_id, now);
    if (secrets.length === 0) return { success: false, statusCode: null, error: 'the account has no active webhook secret to sign with', body: null, retryAfter: undefined };
    const headers = webhookHeaders(secrets, delivery.event_id, Math.floor(now / 1000), delivery.body);
    const result: SendResult = await postWebhook(url, addresses, headers, delivery.body, deliveryTimeoutMs(ctx.config.webhookLeaseMs ?? LEASE_MS));
    const success = result.statusCode >= 200 && result.statusCode < 300;
    const error = success ? null : result.statusCode >= 300 && result.statusCode < 400 ? `answered ${result.statusCode} (redirects are not followed)` : `answered ${result.statusCode}`;
    return { success, statusCode: result.statusCode, error, body: result.body, retryAfter: result.retryAfter };
  } catch (error) {
    const reason = error instanceof DestinationRefusedError ? `destination refused: URL ${error.reason}` : (error as Error).message || String(error);
    return { success: false, statusCode: null, error: reason.slice(0, 500), body: null, retryAfter: undefined };
  }
}

/** Sends one claimed delivery and records the outcome. */
export async function deliverClaimed(ctx: AppContext, delivery: ClaimedDelivery, options: WorkerOptions = {}): Promise<void> {
  const now = ctx.clock.now();
  const started = performance.now();
  const outcome = await attempt(ctx, delivery, now, options);
  const durationMs = Math.round(performance.now() - started);
  ctx.metrics?.webhookDeliveries.inc({ status_class: statusClass(outcome.statusCode) });
  const gone = outcome.statusCode === 410;
  const delay = outcome.success || gone ? null : nextRetryDelay(delivery.attempts, parseRetryAfter(outcome.retryAfter, now), (options.random ?? Math.random)());
  try {
    await record(ctx, delivery, outcome, { now, durationMs, delay, gone });
  } catch (error) {
    // The endpoint (and with it this delivery) was deleted while the request was in flight.
    if (isForeignKeyViolation(error)) return;
    throw error;
  }
  // Each line names the event and the request that caused it (requestId null: background work).
  const origin = { deliveryId: delivery.id, eventId: delivery.event_id, requestId: delivery.request_id };
  ctx.log.debug({ ...origin, attempt: delivery.attempts, statusCode: outcome.statusCode, durationMs, success: outcome.success }, 'webhook delivery attempted');
  if (!outcome.success && delay === null && !gone) ctx.log.info({ ...origin, attempts: MAX_ATTEMPTS }, 'webhook delivery failed after its last attempt');
}

async function record(ctx: AppContext, delivery: ClaimedDelivery, outcome: Outcome, at: { now: number; durationMs: number; delay: number | null; gone: boolean }): Promise<void> {
  const { now, durationMs, delay, gone } = at;
  await inTransaction(ctx.db, async (trx) => {
    await insertAttempt(trx, {
      id: newId('att'),
      delivery_id: delivery.id,
      attempt: delivery.attempts,
      started_at: now,
      duration_ms: durationMs,
      status_code: outcome.statusCode,
      success: toFlag(outcome.success),
      error: outcome.error,
      response_body: outcome.body,
    });
    const settled = await settleDelivery(trx, delivery.id, delivery.lease_id, {
      status: outcome.success ? 'succeeded' : delay === null ? 'failed' : 'pending',
      next_attempt_at: delay === null ? null : now + delay,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      updated_at: now,
      delivered_at: outcome.success ? now : null,
    });
    if (!settled)
      ctx.log.warn({ deliveryId: delivery.id, eventId: delivery.event_id, requestId: delivery.request_id }, 'webhook delivery lease expired before the attempt finished; another worker may resend it');
    await updateEndpointHealth(trx, delivery.endpoint_id, outcome, gone, now);
  });
}

async function updateEndpointHealth(trx: Parameters<typeof findEndpointHealth>[0], endpointId: string, outcome: Outcome, gone: boolean, now: number): Promise<void> {
  const health = await findEndpointHealth(trx, endpointId);
  if (!health) return;
  if (outcome.success) {
    if (health.failing_since !== null) await setEndpointHealth(trx, endpointId, { failing_since: null });
    return;
  }
  const since = health.failing_since ?? now;
  if (gone) {
    await setEndpointHealth(trx, endpointId, {
      failing_since: since,
      enabled: 0,
      disabled_reason: 'The endpoint answered 410 Gone, so it was disabled. Enable it again once it should receive events.',
      updated_at: now,
    });
  } else if (health.enabled === 1 && now - since >= FAILING_DISABLE_AFTER_MS) {
    const reason = `Every delivery failed since ${toIso(since)} (5 days), so the endpoint was disabled. Fix it and enable it again.`;
    await setEndpointHealth(trx, endpointId, { failing_since: since, enabled: 0, disabled_reason: reason, updated_at: now });
  } else if (health.failing_since === null) {
    await setEndpointHealth(trx, endpointId, { failing_since: now });
  }
}
