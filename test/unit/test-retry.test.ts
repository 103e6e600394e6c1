import { expect, it } from 'vitest';
import { filesToRetry, isDeadProcessError, retryArguments } from '../../scripts/lib/test-retry.ts';

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

it('keeps the options of the first run and swaps its filters for the dead files', () => {
  const args = ['test/api', '--config', 'x.ts', '-t', 'unique', 'test/db'];
  expect(retryArguments(args, ['test/api', 'test/db'], ['test/api/a.test.ts'])).toEqual(['--config', 'x.ts', '-t', 'unique', 'test/api/a.test.ts']);
  expect(retryArguments([], [], ['test/a.test.ts'])).toEqual(['test/a.test.ts']);
});
