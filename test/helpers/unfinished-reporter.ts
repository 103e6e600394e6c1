// When a test process dies (a native crash, a kill), Vitest reports "Worker exited unexpectedly"
// and nothing else: not the file, not the test. This reporter names both at the end of the run, so
// a crash seen once in CI can be traced instead of guessed at. Under the test command
// (scripts/test.ts) it also writes the run's outcome where TESSERA_TEST_SUMMARY says, which is how
// that command tells a lost process from a failed test (ADR 0039).
import fs from 'node:fs';
import type { SerializedError } from 'vitest';
import type { Reporter, TestCase, TestModule, TestRunEndReason } from 'vitest/node';
import { isDeadProcessError, type RunSummary } from '../../scripts/lib/test-retry.ts';

export default class UnfinishedReporter implements Reporter {
  /** Files whose process started them and has not reported them finished. */
  readonly #started = new Set<TestModule>();
  /** Tests that started and have no result yet, by id. */
  readonly #running = new Map<string, TestCase>();

  onTestModuleStart(module: TestModule): void {
    this.#started.add(module);
  }

  onTestModuleEnd(module: TestModule): void {
    this.#started.delete(module);
  }

  onTestCaseReady(test: TestCase): void {
    this.#running.set(test.id, test);
  }

  onTestCaseResult(test: TestCase): void {
    this.#running.delete(test.id);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    this.#writeSummary(modules, errors, reason);
    // Files never started (a --bail, a filter) are not listed: only those a process was running.
    if (this.#started.size === 0) return;
    const why = reason === 'interrupted' ? 'the run was interrupted' : 'their process died?';
    const lines = ['', `Test files that never finished (${why}): ${this.#started.size}`];
    for (const module of this.#started) {
      lines.push(`  ${module.relativeModuleId}`);
      for (const test of this.#running.values()) if (test.module === module) lines.push(`    running when it stopped: ${test.fullName}`);
    }
    process.stderr.write(`${lines.join('\n')}\n`);
  }

  #writeSummary(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const target = process.env.TESSERA_TEST_SUMMARY;
    if (!target) return;
    const summary: RunSummary = {
      interrupted: reason === 'interrupted',
      deadFiles: [...this.#started].map((module) => module.relativeModuleId),
      // A dead file counts as failed when a test of it failed before its process died: a retry that
      // passed would hide that failure.
      failedFiles: modules.filter((module) => (this.#started.has(module) ? !module.children.allTests('failed').next().done : module.state() === 'failed')).map((module) => module.relativeModuleId),
      otherErrors: errors.filter((error) => !isDeadProcessError(error)).length,
    };
    fs.writeFileSync(target, JSON.stringify(summary));
  }
}
