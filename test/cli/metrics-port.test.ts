// TESSERA_METRICS_PORT as `tessera serve` and `tessera worker` start it, as real processes: the
// metrics answer on that port (and say where in the start-up line), with the process metrics and
// each process's own (requests served; the outbox a worker drains); the public port keeps
// /metrics a 404 without a token.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { TEST_MASTER_KEY } from '../helpers/app.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const procs: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const proc of procs.splice(0)) if (proc.exitCode === null) proc.kill('SIGKILL');
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** JSON log lines of `output`, the last one only once it is whole. */
function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .slice(0, -1)
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * Starts `tessera <command>` with TESSERA_METRICS_PORT on a free port (another one if that was
 * taken before the child listened); resolves, once a JSON log line's msg is `ready`, with that port
 * and the JSON log lines so far.
 */
async function start(command: string, ready: string, env: Record<string, string>): Promise<{ port: number; lines: Record<string, unknown>[] }> {
  const { port, output } = await startServerProcess({
    spawn: (metricsPort) => {
      const child = spawn(process.execPath, ['src/main.ts', command], {
        env: { ...process.env, DATABASE_URL: '', TESSERA_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'info', PORT: '0', ...env, TESSERA_METRICS_PORT: String(metricsPort) },
      });
      procs.push(child);
      return child;
    },
    ready: (output) => logLines(output).some((l) => l.msg === ready),
    timeoutMs: 30_000,
  });
  return { port, lines: logLines(output()) };
}

it('serve answers /metrics on the metrics port, says where, and keeps it off the public port', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-metrics-port-'));
  dirs.push(dir);
  const { port, lines } = await start('serve', 'Tessera is ready', { TESSERA_DATA_DIR: dir, TESSERA_METRICS_HOST: '127.0.0.1', TESSERA_WORKER: 'false' });
  const ready = lines.find((l) => l.msg === 'Tessera is ready')!;
  expect(ready.metrics).toBe(`http://127.0.0.1:${port}/metrics`);
  const publicBase = /^Server listening at (http:\/\/127\.0\.0\.1:\d+)$/.exec(String(lines.find((l) => String(l.msg).startsWith('Server listening at http://127.0.0.1'))?.msg))![1];
  expect((await fetch(`${publicBase}/metrics`)).status).toBe(404);
  const scrape = await fetch(String(ready.metrics));
  expect(scrape.status).toBe(200);
  const body = await scrape.text();
  expect(body).toMatch(/^# TYPE tessera_http_requests_total counter$/m);
  expect(body).toMatch(/^tessera_process_cpu_seconds_total \d/m);
  expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
});

it('worker answers /metrics on the metrics port with its outbox and deliveries, and says where', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-metrics-port-'));
  dirs.push(dir);
  const { port, lines } = await start('worker', 'worker started', { TESSERA_DATA_DIR: dir, TESSERA_METRICS_HOST: '127.0.0.1' });
  const started = lines.find((l) => l.msg === 'worker started')!;
  expect(started.metrics).toBe(`http://127.0.0.1:${port}/metrics`);
  const body = await (await fetch(String(started.metrics))).text();
  expect(body).toMatch(/^tessera_webhook_outbox_pending 0$/m);
  expect(body).toMatch(/^# TYPE tessera_webhook_deliveries_total counter$/m);
  expect(body).toMatch(/^tessera_process_resident_memory_bytes \d/m);
});

it('a worker given only TESSERA_METRICS_TOKEN says it serves no metrics and which variable to set', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-metrics-port-'));
  dirs.push(dir);
  const child = spawn(process.execPath, ['src/main.ts', 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      TESSERA_MASTER_KEY: TEST_MASTER_KEY,
      LOG_LEVEL: 'info',
      TESSERA_DATA_DIR: dir,
      TESSERA_METRICS_TOKEN: 'a-token-of-24-characters',
      TESSERA_METRICS_PORT: '',
    },
  });
  procs.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Stopped once it has started: everything it said at start is then in the output.
  let stopping = false;
  child.stdout!.on('data', () => {
    if (stopping || !logLines(output).some((l) => l.msg === 'worker started')) return;
    stopping = true;
    child.kill('SIGTERM');
  });
  expect(await exited).toBe(0);
  const warning = logLines(output).find((l) => l.level === 40);
  expect(warning?.msg).toMatch(/^TESSERA_METRICS_TOKEN is set, but a worker serves no HTTP port for it: this worker serves no metrics; set TESSERA_METRICS_PORT/);
  expect(warning?.msg).not.toContain('a-token-of-24-characters');
});
