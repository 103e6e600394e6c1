import { defineConfig } from 'vitest/config';
import { testFiles } from './scripts/lib/test-retry.ts';

export default defineConfig({
  test: {
    // The test command's retry narrows this to the files whose process died (ADR 0039).
    include: testFiles(['test/**/*.test.ts']),
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // expect.poll waits on a browser or a background job; its 1 s default is a flake when CI's
    // test files share two cores (a failing poll still fails, 10 s later).
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    maxWorkers: 2,
    // The second one names the file and test a dead test process was running (Vitest does not).
    reporters: ['default', './test/helpers/unfinished-reporter.ts'],
  },
});
