// The job runner's report of a run that does not end: a job waiting on a database that stopped
// answering otherwise stops without a word (an audit found webhook delivery hung for minutes).
import { afterEach, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { JOB_STALL_MS, startJobs } from '../../src/jobs/runner.ts';

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
