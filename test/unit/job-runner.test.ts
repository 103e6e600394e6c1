// The job runner's report of a run that does not end: a job waiting on a database that stopped
// answering otherwise stops without a word (an audit found webhook delivery hung for minutes).
import { afterEach, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { JOB_OUTAGE_LOG_MS, JOB_STALL_MS, startJobs } from '../../src/jobs/runner.ts';

afterEach(() => void vi.useRealTimers());

it('logs a run still going after a minute, again at each doubling, and names what runs', async () => {
  vi.useFakeTimers();
  const warnings: Array<[unknown, string]> = [];
  const ctx = { log: { warn: (fields: unknown, msg: string) => warnings.push([fields, msg]), error: () => {} } } as unknown as AppContext;
  let release = () => {};
  let runs = 0;
  // The first run hangs until released; the ones after it end at once.
  const run = () => (++runs === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve());
  const runner = startJobs(ctx, [{ name: 'stuck', intervalMs: 1000, run }]);
  await vi.advanceTimersByTimeAsync(0);
  expect(runner.running()).toEqual(['stuck']);
  await vi.advanceTimersByTimeAsync(JOB_STALL_MS - 1);
  expect(warnings).toEqual([]);
  await vi.advanceTimersByTimeAsync(1);
  expect(warnings).toEqual([[{ job: 'stuck', seconds: 60 }, 'background job still running']]);
  // Each line says how long the run has gone on: at 2 and 4 minutes, nothing between.
  await vi.advanceTimersByTimeAsync(JOB_STALL_MS);
  expect(warnings.map(([fields]) => fields)).toEqual([
    { job: 'stuck', seconds: 60 },
    { job: 'stuck', seconds: 120 },
  ]);
  await vi.advanceTimersByTimeAsync(2 * JOB_STALL_MS - 1);
  expect(warnings).toHaveLength(2);
  await vi.advanceTimersByTimeAsync(1);
  expect(warnings.at(-1)![0]).toEqual({ job: 'stuck', seconds: 240 });
  release();
  await vi.advanceTimersByTimeAsync(0);
  expect(runner.running()).toEqual([]);
  await vi.advanceTimersByTimeAsync(10 * JOB_STALL_MS);
  expect(runs).toBeGreaterThan(500);
  expect(warnings).toHaveLength(3);
  await runner.stop();
});

// An audit's worker, its PostgreSQL unreachable for 20 s, wrote "background job failed" with a
// stack every second (webhook delivery runs each second): the outage buried the log.
it('logs a job failing for an unreachable database once, then a count every interval, and every other error each time', async () => {
  vi.useFakeTimers();
  const errors: Array<{ fields: Record<string, unknown>; msg: string }> = [];
  const ctx = { log: { warn: () => {}, error: (fields: Record<string, unknown>, msg: string) => errors.push({ fields, msg }) } } as unknown as AppContext;
  let failure: Error | null = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  const run = () => (failure ? Promise.reject(failure) : Promise.resolve());
  const runner = startJobs(ctx, [{ name: 'webhook-delivery', intervalMs: 1000, run }]);
  await vi.advanceTimersByTimeAsync(0);
  expect(errors).toHaveLength(1);
  expect(errors[0]!.msg).toBe('background job failed');
  expect(errors[0]!.fields).toMatchObject({ job: 'webhook-delivery', reason: 'postgres: ECONNREFUSED', err: failure });
  // Ten more runs fail in the interval: one line counting them, no stack.
  await vi.advanceTimersByTimeAsync(JOB_OUTAGE_LOG_MS - 1);
  expect(errors).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(errors[1]).toEqual({
    fields: { job: 'webhook-delivery', reason: 'postgres: ECONNREFUSED', failed: JOB_OUTAGE_LOG_MS / 1000 - 1, seconds: JOB_OUTAGE_LOG_MS / 1000 },
    msg: 'background job still failing: database unavailable',
  });
  await vi.advanceTimersByTimeAsync(JOB_OUTAGE_LOG_MS);
  expect(errors).toHaveLength(3);
  // The database answers again: nothing more, and the next outage is logged from its start.
  failure = null;
  await vi.advanceTimersByTimeAsync(3 * JOB_OUTAGE_LOG_MS);
  expect(errors).toHaveLength(4);
  expect(errors[3]!.fields.failed).toBeGreaterThan(0);
  failure = Object.assign(new Error('Connection terminated unexpectedly'));
  await vi.advanceTimersByTimeAsync(1000);
  expect(errors).toHaveLength(5);
  expect(errors[4]!.msg).toBe('background job failed');
  // A failure that is not about the database being reachable (a bug) is logged every time.
  failure = new Error('column "x" does not exist');
  await vi.advanceTimersByTimeAsync(3000);
  expect(errors.slice(5).map((e) => [e.msg, e.fields.reason])).toEqual([
    ['background job failed', undefined],
    ['background job failed', undefined],
    ['background job failed', undefined],
  ]);
  await runner.stop();
});
