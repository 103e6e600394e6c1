// Background jobs of the webhooks module: the delivery worker and the rotation-window sweeper.
import type { Job } from '../../jobs/runner.ts';
import { runDeliveryWorker } from './delivery.worker.ts';
import { pruneDeliveryLog } from './webhook-delivery.service.ts';
import { expireRotatedSecrets } from './webhook-secret.service.ts';

/** Delivers due webhooks every second. */
export const webhookDeliveryJob: Job = { name: 'webhook-delivery', intervalMs: 1000, run: (ctx) => runDeliveryWorker(ctx) };

/** Marks secrets whose 24 h rotation window closed as disabled (signing already ignores them by time). */
export const webhookSecretExpiryJob: Job = { name: 'webhook-secret-expiry', intervalMs: 60_000, run: (ctx) => expireRotatedSecrets(ctx) };

/** Deletes delivery logs older than 30 days, hourly. */
export const webhookLogRetentionJob: Job = { name: 'webhook-log-retention', intervalMs: 3_600_000, run: (ctx) => pruneDeliveryLog(ctx) };

/** The webhooks module's jobs (src/modules/jobs.ts lists every module's). */
export const webhooksJobs: Job[] = [webhookDeliveryJob, webhookSecretExpiryJob, webhookLogRetentionJob];
