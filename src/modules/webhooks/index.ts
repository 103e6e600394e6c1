// Public entry of the webhooks module (so far: its background jobs, listed in src/modules/jobs.ts).
import type { Module } from '../../context.ts';
export { webhooksJobs } from './webhooks.jobs.ts';
export { accountsListeningTo, emitEvent, emitEvents } from './outbox.ts';
export type { EmitEventInput } from './outbox.ts';
export { reportOutbox } from './webhook-metrics.ts';
export const webhooksRoutes: Module = async (app, ctx) => (await import('./webhooks.routes.ts')).webhooksRoutes(app, ctx);
