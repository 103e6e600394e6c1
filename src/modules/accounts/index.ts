// Public entry of the accounts module (so far: its background jobs, listed in src/modules/jobs.ts).
export { accountsJobs } from './accounts.jobs.ts';
