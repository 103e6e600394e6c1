// Background jobs of the webhooks module: the delivery worker and the rotation-window sweeper.
// Each job loads its code when it first runs: code that only emits events through this module's
// entry (the SQLite scan writer thread) then loads the outbox, not the delivery worker.
import type { Job } from '../../jobs/runner.ts';

/** Delivers due webhooks every second. */
export const webhookDeliveryJob: Job = { name: 'webhook-delivery', intervalMs: 1000, run: async (ctx) => (await import('./delivery.worker.ts')).runDeliveryWorker(ctx) };

/** Marks secrets whose 24 h rotation window closed as disabled (signing already ignores them by time). */
export const webhookSecretExpiryJob: Job = { name: 'webhook-secret-expiry', intervalMs: 60_000, run: async (ctx) => (await import('./webhook-secret.service.ts')).expireRotatedSecrets(ctx) };

/** Deletes delivery logs older than 30 days, hourly. */
export const webhookLogRetentionJob: Job = { name: 'webhook-log-retention', intervalMs: 3_600_000, run: async (ctx) => (await import('./webhook-delivery.service.ts')).pruneDeliveryLog(ctx) };

/** The webhooks module's jobs (src/modules/jobs.ts lists every module's). */
export const webhooksJobs: Job[] = [webhookDeliveryJob, webhookSecretExpiryJob, webhookLogRetentionJob];
