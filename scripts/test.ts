// The test command (`npm test`): `vitest run` with the arguments it is given. When the run fails
// only because test processes died (Vitest: "Worker exited unexpectedly"), the files they were
// running run once more on their own and decide the result; a failed test is never run again.
// With TESSERA_TEST_CORES=1 (CI), a dead process's core file in the working directory is shown as
// a backtrace and removed. ADR 0039 says why.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { filesToRetry, RETRY_FILES_ENV, type RunSummary } from './lib/test-retry.ts';

const root = path.resolve(import.meta.dirname, '..');
const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

let running: ChildProcess | null = null;
let stoppedBy: NodeJS.Signals | null = null;
// Ctrl-C reaches Vitest through the terminal; a supervisor's SIGTERM or a closed terminal's SIGHUP
// reaches only this process, which passes it on rather than leave Vitest running without it.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stoppedBy = signal;
    running?.kill(signal);
  });
}

async function vitestRun(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; summary: RunSummary | null }> {
  const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-run-')), 'summary.json');
  const child = spawn(process.execPath, [vitestBin, 'run', ...args], { stdio: 'inherit', env: { ...process.env, ...env, TESSERA_TEST_SUMMARY: summaryFile } });
  running = child;
  const code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0))));
  running = null;
  let summary: RunSummary | null = null;
  try {
    summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as RunSummary;
  } catch {}
  fs.rmSync(path.dirname(summaryFile), { recursive: true, force: true });
  return { code, summary };
}

/** Prints the backtrace of each core file written since `since` in the working directory, then removes it. */
function showCores(since: number): void {
  if (process.env.TESSERA_TEST_CORES !== '1') return;
  let found = 0;
  for (const name of fs.readdirSync(process.cwd())) {
    if (!/^core(\.\d+)?$/.test(name)) continue;
    const file = path.join(process.cwd(), name);
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.mtimeMs < since) continue;
    found++;
    // The faulting thread's stack, then every thread's current frame (a worker thread's crash shows there too).
    const gdb = spawnSync('gdb', ['-q', '-batch', '-ex', 'bt 40', '-ex', 'info threads', process.execPath, file], { encoding: 'utf8', timeout: 120_000 });
    if (gdb.error) process.stderr.write(`test: a core file was written (${file}), but gdb could not read it: ${gdb.error.message}\n`);
    else process.stderr.write(`test: backtrace of the dead test process (${file}):\n${gdb.stdout}${gdb.stderr}\n`);
    fs.rmSync(file, { force: true });
  }
  if (found === 0) {
    const pattern = fs.existsSync('/proc/sys/kernel/core_pattern') ? fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim() : 'unknown';
    process.stderr.write(`test: no core file here (kernel core_pattern: ${pattern}; the limit is \`ulimit -c\`)\n`);
  }
}

const args = process.argv.slice(2);
const started = Date.now();
const first = await vitestRun(args);
if (first.code === 0 || stoppedBy) process.exit(first.code);
if (first.summary && first.summary.deadFiles.length > 0) showCores(started);
const files = first.summary ? filesToRetry(first.summary) : null;
if (!files) process.exit(first.code);
const retryStarted = Date.now();
process.stderr.write(
  `\ntest: ${files.length} test file(s) lost their process before finishing, and nothing else failed. ` +
    `Running them once more on their own; their result is the run's:\n${files.map((file) => `  ${file}`).join('\n')}\n\n`,
);
// The same arguments (filters, -t, options), with the files narrowed to those that died.
const retried = await vitestRun(args, { [RETRY_FILES_ENV]: JSON.stringify(files) });
if (retried.summary && retried.summary.deadFiles.length > 0) showCores(retryStarted);
process.exit(retried.code);
