// Every background job. A module that needs one appends it here.
import { sessionSweepJob } from '../modules/accounts/accounts.jobs.ts';
import { sweepScanRetention } from '../modules/analytics/retention.ts';
import { idempotencySweepJob } from '../modules/idempotency/index.ts';
import { itemsSweeper } from '../modules/items/items.sweeper.ts';
import { paymentsSweeper } from '../modules/payments/payments.sweeper.ts';
import { webhookDeliveryJob, webhookLogRetentionJob, webhookSecretExpiryJob } from '../modules/webhooks/webhooks.jobs.ts';
import type { Job } from './runner.ts';

/** The jobs `serve` (with TESSERA_WORKER=true) and `tessera worker` run. */
export const jobs: Job[] = [
  sessionSweepJob,
  itemsSweeper,
  paymentsSweeper,
  idempotencySweepJob,
  webhookDeliveryJob,
  webhookSecretExpiryJob,
  webhookLogRetentionJob,
  // Hourly: raw scans past TESSERA_SCAN_RETENTION_DAYS and visitor hashes that can no longer match.
  { name: 'scan-retention', intervalMs: 3_600_000, run: (ctx) => sweepScanRetention(ctx) },
];
