// Background work of the accounts module.
import type { Job } from '../../jobs/runner.ts';
import { sweepExpiredSessions } from './session.service.ts';

/** Deletes expired session rows (expired cookies already fail; this keeps the table small). */
export const sessionSweepJob: Job = {
  name: 'session-sweep',
  intervalMs: 10 * 60_000,
  run: (ctx) => sweepExpiredSessions(ctx),
};

/** The accounts module's jobs (src/modules/jobs.ts lists every module's). */
export const accountsJobs: Job[] = [sessionSweepJob];
