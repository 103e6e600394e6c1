// Every module's background jobs, listed the way index.ts lists their routes: a module with work
// to do on a timer exports `<module>Jobs` from its public entry and gets one line here. Job names
// read `<thing>-<action>` (scan-retention, webhook-delivery); they appear in logs as `job`.
import type { Job } from '../jobs/runner.ts';
import { accountsJobs } from './accounts/index.ts';
import { idempotencyJobs } from './idempotency/index.ts';
import { itemsJobs } from './items/index.ts';
import { paymentsJobs } from './payments/index.ts';
import { scansJobs } from './scans/index.ts';
import { webhooksJobs } from './webhooks/index.ts';

/** The jobs `serve` (with TESSERA_WORKER=true) and `tessera worker` run. */
export const jobs: Job[] = [...accountsJobs, ...itemsJobs, ...paymentsJobs, ...idempotencyJobs, ...webhooksJobs, ...scansJobs];
