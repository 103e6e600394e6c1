// Background jobs (webhook delivery, sweepers) run in a loop inside `serve` by default, or alone
// under `tessera worker`. A job is a function of the context; the runner only schedules it,
// never overlaps a job with itself, and waits for running jobs on stop. A run that has not ended
// after a minute is logged (and again at every doubling of its time): a job waiting on a database
// that stopped answering otherwise stops without a word, its backlog visible only in metrics.
// While the database is unreachable, each job's failures are logged once and then summed up every
// JOB_OUTAGE_LOG_MS, as failed requests are (src/http/problem.ts): webhook delivery runs every
// second, and a worker used to write an error line with a stack each second of an outage.
import type { AppContext } from '../context.ts';
import { databaseUnavailableReason } from '../db/dialect.ts';
import { outageLog } from '../db/outage-log.ts';

/** A run still going after this long is logged (ms), then again each time its time doubles. */
export const JOB_STALL_MS = 60_000;

/** How often a job's failures for an unreachable database are summed up in the log (ms), as requests' are. */
export const JOB_OUTAGE_LOG_MS = 10_000;

/** A periodic background task. */
export interface Job {
  name: string;
  /** Pause between the end of one run and the start of the next. */
  intervalMs: number;
  run(ctx: AppContext): Promise<unknown>;
}

/** A started set of jobs. */
export interface JobRunner {
  /** Stops scheduling and waits for runs in progress. */
  stop(): Promise<void>;
  /** Names of the jobs running now. */
  running(): string[];
}

/** Starts every job on its interval; errors are logged and the job tries again next interval. */
export function startJobs(ctx: AppContext, jobs: Job[]): JobRunner {
  let stopped = false;
  const running = new Map<Promise<unknown>, string>();
  const timers = new Set<NodeJS.Timeout>();
  // Failures for an unreachable database are counted per job (outageLog); any other is logged each time.
  const outages = outageLog(JOB_OUTAGE_LOG_MS, (job, reason, failed) =>
    ctx.log.error({ job, reason, failed, seconds: JOB_OUTAGE_LOG_MS / 1000 }, 'background job still failing: database unavailable'),
  );
  const failed = (job: string, error: unknown) => {
    const reason = databaseUnavailableReason(error);
    if (reason === null) ctx.log.error({ err: error, job }, 'background job failed');
    else outages.failed(job, reason, () => ctx.log.error({ err: error, job, reason }, 'background job failed'));
  };
  const schedule = (job: Job, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      let stalled: NodeJS.Timeout | null = null;
      // Logged at 1, 2, 4, 8… minutes of running (`at`), each `wait` after the one before.
      const watch = (wait: number, at: number) => {
        stalled = setTimeout(() => {
          ctx.log.warn({ job: job.name, seconds: at / 1000 }, 'background job still running');
          watch(at, at * 2);
        }, wait);
        stalled.unref();
      };
      watch(JOB_STALL_MS, JOB_STALL_MS);
      const run = job
        .run(ctx)
        .catch((error: unknown) => failed(job.name, error))
        .finally(() => {
          if (stalled) clearTimeout(stalled);
          running.delete(run);
          schedule(job, job.intervalMs);
        });
      running.set(run, job.name);
    }, delay);
    timers.add(timer);
  };
  for (const job of jobs) schedule(job, 0);
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running.keys()]);
      outages.close();
    },
    running: () => [...running.values()],
  };
}
