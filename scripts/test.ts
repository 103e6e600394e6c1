// The test command (`npm test`): `vitest run` with the arguments it is given. When the run fails
// only because test processes died (Vitest: "Worker exited unexpectedly"), the files they were
// running run once more on their own and decide the result; a failed test is never run again.
// A dead process's core file, where the system wrote one here, is shown as a backtrace and removed.
// ADR 0039 says why.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCLI } from 'vitest/node';
import { filesToRetry, type RunSummary, retryArguments } from './lib/test-retry.ts';

const root = path.resolve(import.meta.dirname, '..');
const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

async function vitestRun(args: readonly string[]): Promise<{ code: number; summary: RunSummary | null }> {
  const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-run-')), 'summary.json');
  const child = spawn(process.execPath, [vitestBin, 'run', ...args], { stdio: 'inherit', env: { ...process.env, TESSERA_TEST_SUMMARY: summaryFile } });
  const code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  let summary: RunSummary | null = null;
  try {
    summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as RunSummary;
  } catch {}
  fs.rmSync(path.dirname(summaryFile), { recursive: true, force: true });
  return { code, summary };
}

/** Prints the backtrace of each core file written since `since` in the working directory, then removes it. */
function showCores(since: number): void {
  for (const name of fs.readdirSync(process.cwd())) {
    if (!/^core(\.\d+)?$/.test(name)) continue;
    const file = path.join(process.cwd(), name);
    if (fs.statSync(file).mtimeMs < since) continue;
    const gdb = spawnSync('gdb', ['-q', '-batch', '-ex', 'bt 40', process.execPath, file], { encoding: 'utf8', timeout: 120_000 });
    if (gdb.error) process.stderr.write(`test: a core file was written (${file}); gdb is not available to read it\n`);
    else process.stderr.write(`test: backtrace of the dead test process (${file}):\n${gdb.stdout}${gdb.stderr}\n`);
    fs.rmSync(file, { force: true });
  }
}

// Ctrl-C reaches Vitest through the terminal; this process only waits for it to finish.
process.on('SIGINT', () => {});
const args = process.argv.slice(2);
const started = Date.now();
const first = await vitestRun(args);
if (first.code === 0) process.exit(0);
showCores(started);
const files = first.summary ? filesToRetry(first.summary) : null;
if (!files) process.exit(first.code);
const retryStarted = Date.now();
process.stderr.write(
  `\ntest: ${files.length} test file(s) lost their process before finishing, and nothing else failed. ` +
    `Running them once more on their own; their result is the run's:\n${files.map((file) => `  ${file}`).join('\n')}\n\n`,
);
const retried = await vitestRun(retryArguments(args, parseCLI(['vitest', 'run', ...args]).filter, files));
if (retried.code !== 0) showCores(retryStarted);
process.exit(retried.code);
