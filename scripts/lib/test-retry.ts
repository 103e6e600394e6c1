// What the test command does after a Vitest run that did not pass (ADR 0039). A file whose test
// process died never finished: its remaining tests have no result, passed or failed. When that is
// all that went wrong, those files run once more, on their own, and their result is the run's. A
// failed test, an error of another kind or an interrupted run is never run again.

/** A Vitest run's outcome, as test/helpers/unfinished-reporter.ts writes it. */
export interface RunSummary {
  interrupted: boolean;
  /** Files a test process was running when it died, relative to the root. */
  deadFiles: string[];
  /** Files that finished with a failure. */
  failedFiles: string[];
  /** Unhandled errors other than a dead test process. */
  otherErrors: number;
}

/** Vitest's report of a test process that exited while it had work ("Worker exited unexpectedly"). */
export function isDeadProcessError(error: { message?: string; cause?: unknown }): boolean {
  const cause = (error.cause as { message?: string } | undefined)?.message ?? '';
  return /Worker exited unexpectedly/.test(`${error.message ?? ''} ${cause}`);
}

/** The files to run once more, or null when the failure stands. */
export function filesToRetry(summary: RunSummary): string[] | null {
  if (summary.interrupted || summary.failedFiles.length > 0 || summary.otherErrors > 0) return null;
  return summary.deadFiles.length > 0 ? [...summary.deadFiles] : null;
}

/** Names the files a retry runs (JSON array, relative to the root); Vitest configs read it through testFiles. */
export const RETRY_FILES_ENV = 'TESSERA_TEST_RETRY_FILES';

/** A Vitest config's `include`: its own patterns, or during a retry only the files that died. */
export function testFiles(patterns: string[], env: Record<string, string | undefined> = process.env): string[] {
  const retry = env[RETRY_FILES_ENV];
  return retry ? (JSON.parse(retry) as string[]) : patterns;
}
