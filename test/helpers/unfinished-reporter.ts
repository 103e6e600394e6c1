// When a test process dies (a native crash, a kill), Vitest reports "Worker exited unexpectedly"
// and nothing else: not the file, not the test. This reporter names both at the end of the run, so
// a crash seen once in CI can be traced instead of guessed at.
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export default class UnfinishedReporter implements Reporter {
  /** Tests that started and have no result yet, by id. */
  readonly #running = new Map<string, TestCase>();

  onTestCaseReady(test: TestCase): void {
    this.#running.set(test.id, test);
  }

  onTestCaseResult(test: TestCase): void {
    this.#running.delete(test.id);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const unfinished = modules.filter((m) => m.state() === 'queued' || m.state() === 'pending');
    if (unfinished.length === 0) return;
    const lines = ['', `Test files that never finished (their process died?): ${unfinished.length}`];
    for (const m of unfinished) {
      lines.push(`  ${m.relativeModuleId}`);
      for (const test of this.#running.values()) if (test.module === m) lines.push(`    running when it stopped: ${test.fullName}`);
    }
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}
