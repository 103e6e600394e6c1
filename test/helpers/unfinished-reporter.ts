// When a test process dies (a native crash, a kill), Vitest reports "Worker exited unexpectedly"
// and nothing else: not the file, not the test. This reporter names both at the end of the run, so
// a crash seen once in CI can be traced instead of guessed at.
import type { Reporter, TestCase, TestModule, TestRunEndReason } from 'vitest/node';

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

  // Files never started (a --bail, a filter) are not listed: only those a process was running.
  onTestRunEnd(_modules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): void {
    if (this.#started.size === 0) return;
    const why = reason === 'interrupted' ? 'the run was interrupted' : 'their process died?';
    const lines = ['', `Test files that never finished (${why}): ${this.#started.size}`];
    for (const module of this.#started) {
      lines.push(`  ${module.relativeModuleId}`);
      for (const test of this.#running.values()) if (test.module === module) lines.push(`    running when it stopped: ${test.fullName}`);
    }
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}
