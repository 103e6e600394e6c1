import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { filesToRetry, isDeadProcessError, RETRY_FILES_ENV, testFiles } from '../../scripts/lib/test-retry.ts';
import UnfinishedReporter from '../helpers/unfinished-reporter.ts';

const clean = { interrupted: false, deadFiles: [], failedFiles: [], otherErrors: 0 };

it('retries dead files only when nothing else went wrong', () => {
  expect(filesToRetry({ ...clean, deadFiles: ['test/a.test.ts'] })).toEqual(['test/a.test.ts']);
  expect(filesToRetry(clean)).toBeNull();
  expect(filesToRetry({ ...clean, deadFiles: ['test/a.test.ts'], failedFiles: ['test/b.test.ts'] })).toBeNull();
  expect(filesToRetry({ ...clean, deadFiles: ['test/a.test.ts'], otherErrors: 1 })).toBeNull();
  expect(filesToRetry({ ...clean, deadFiles: ['test/a.test.ts'], interrupted: true })).toBeNull();
});

it("knows Vitest's report of a dead test process from other errors", () => {
  expect(isDeadProcessError({ message: '[vitest-pool]: Worker forks emitted error.', cause: { message: 'Worker exited unexpectedly' } })).toBe(true);
  expect(isDeadProcessError({ message: 'Unhandled rejection: boom' })).toBe(false);
  expect(isDeadProcessError({})).toBe(false);
});

it("a retry narrows a config's files to those that died, and only a retry does", () => {
  expect(testFiles(['test/**/*.test.ts'], {})).toEqual(['test/**/*.test.ts']);
  expect(testFiles(['test/**/*.test.ts'], { [RETRY_FILES_ENV]: JSON.stringify(['test/api/a.test.ts']) })).toEqual(['test/api/a.test.ts']);
});

it('the reporter writes what the command decides on: dead files, failed files (a dead one too, if a test of it had failed), other errors', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-summary-')), 'summary.json');
  vi.stubEnv('TESSERA_TEST_SUMMARY', file);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    // Stand-ins for Vitest's TestModule: only what the reporter reads.
    const module = (id: string, state: string, failedTests: number) =>
      ({
        relativeModuleId: id,
        state: () => state,
        children: {
          *allTests(wanted?: string) {
            if (wanted === 'failed') for (let i = 0; i < failedTests; i++) yield {};
          },
        },
      }) as any;
    const dead = module('test/dead.test.ts', 'pending', 0);
    const deadAfterFailure = module('test/dead-failed.test.ts', 'pending', 1);
    const failed = module('test/failed.test.ts', 'failed', 1);
    const passed = module('test/passed.test.ts', 'passed', 0);
    const reporter = new UnfinishedReporter();
    for (const m of [dead, deadAfterFailure, failed, passed]) reporter.onTestModuleStart(m);
    reporter.onTestModuleEnd(failed);
    reporter.onTestModuleEnd(passed);
    const crash = { message: '[vitest-pool]: Worker forks emitted error.', cause: { message: 'Worker exited unexpectedly' } };
    reporter.onTestRunEnd([dead, deadAfterFailure, failed, passed], [crash, { message: 'boom' }] as any, 'failed');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      interrupted: false,
      deadFiles: ['test/dead.test.ts', 'test/dead-failed.test.ts'],
      failedFiles: ['test/dead-failed.test.ts', 'test/failed.test.ts'],
      otherErrors: 1,
    });
    expect(stderr.mock.calls.join('')).toContain('Test files that never finished (their process died?): 2');
  } finally {
    stderr.mockRestore();
    vi.unstubAllEnvs();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});
