// Public entry of the webhooks module (so far: its background jobs, listed in src/modules/jobs.ts).
export { webhooksJobs } from './webhooks.jobs.ts';
