// Public entry of the webhooks module (so far: its background jobs, listed in src/modules/jobs.ts).
export { webhooksJobs } from './webhooks.jobs.ts';
export { accountsListeningTo, emitEvent, emitEvents } from './outbox.ts';
export type { EmitEventInput } from './outbox.ts';
export { reportOutbox } from './webhook-metrics.ts';
export { webhooksRoutes } from './webhooks.routes.ts';
