// Every background job. A module that needs one appends it here.
import { idempotencySweepJob } from '../modules/bulk/idempotency.ts';
import { itemsSweeper } from '../modules/items/items.sweeper.ts';
import { webhookDeliveryJob, webhookLogRetentionJob, webhookSecretExpiryJob } from '../modules/webhooks/webhooks.jobs.ts';
import type { Job } from './runner.ts';

/** The jobs `serve` (with TESSERA_WORKER=true) and `tessera worker` run. */
export const jobs: Job[] = [itemsSweeper, idempotencySweepJob, webhookDeliveryJob, webhookSecretExpiryJob, webhookLogRetentionJob];
