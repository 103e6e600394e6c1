// Background jobs (webhook delivery, sweepers) run in a loop inside `serve` by default, or alone
// under `tessera worker`. A job is a function of the context; the runner only schedules it,
// never overlaps a job with itself, and waits for running jobs on stop.
import type { AppContext } from '../context.ts';

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
}

/** Starts every job on its interval; errors are logged and the job tries again next interval. */
export function startJobs(ctx: AppContext, jobs: Job[]): JobRunner {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  const schedule = (job: Job, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = job
        .run(ctx)
        .catch((error: unknown) => ctx.log.error({ err: error, job: job.name }, 'background job failed'))
        .finally(() => {
          running.delete(run);
          schedule(job, job.intervalMs);
        });
      running.add(run);
    }, delay);
    timers.add(timer);
  };
  for (const job of jobs) schedule(job, 0);
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
