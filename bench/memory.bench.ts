// npm run bench:memory — resident memory of Tessera at the default configuration on SQLite.
// Targets (issue #20): idle ≤ 120 MB, peak ≤ 250 MB under the redirect load of bench:http.
// Each run starts fresh processes on a fresh data directory:
// - `tessera serve` exactly as users start it with `npm start` (its prestart compiles the server
//   when a source changed, ADR 0023; then bin/tessera.js, migrations, webhook worker): resident
//   memory once it logged "ready" and sat idle for a moment; BENCH_SOURCES=1 runs the TypeScript
//   sources instead (no build), for comparison;
// - the bench:http Tessera server (same app and start as `tessera serve`, one dynamic campaign
//   seeded by bench/http-seed.ts in a process of its own) idle, then its peak (VmHWM)
//   after ROUNDS rounds of autocannon at 50 connections on the scanned redirect, scans written
//   by the SQLite writer thread as in production.
// BENCH_NODE_FLAGS (e.g. "--max-semi-space-size=4") are passed to both servers, to compare flags.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error autocannon ships no type declarations
import autocannonUntyped from 'autocannon';

const autocannon = autocannonUntyped as (options: { url: string; connections: number; duration: number }) => Promise<unknown>;

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const IDLE_MS = 2000;
const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const here = path.dirname(new URL(import.meta.url).pathname);

// Resident memory from /proc (Linux), MB: now and the process's peak so far.
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

// Starts a process and resolves with the first match of `ready` in its output.
function startUntil(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [...flags, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk;
      const match = ready.exec(out);
      if (match) resolve({ child, match });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (value: number) => `${value.toFixed(0)} MB`;

// As npm start's prestart does; the sources-only comparison hides the build instead.
const sourcesOnly = process.env.BENCH_SOURCES === '1';
const { buildServer } = await import('../scripts/build-server.ts');
const { currentServerBuild } = await import('../bin/server-build.js');
if (!sourcesOnly && !currentServerBuild()) buildServer();
const distAside = path.join(here, '..', `dist-aside-${process.pid}`);
if (sourcesOnly && fs.existsSync(path.join(here, '..', 'dist'))) fs.renameSync(path.join(here, '..', 'dist'), distAside);
process.on('exit', () => {
  if (fs.existsSync(distAside)) fs.renameSync(distAside, path.join(here, '..', 'dist'));
});

async function serveIdle(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-memory-'));
  try {
    // Only what a user sets on a first start: where the data lives and a free port.
    const env = { ...process.env, TESSERA_DATA_DIR: dir, PORT: '0', NODE_OPTIONS: '' };
    const { child } = await startUntil([path.join(here, '..', 'bin', 'tessera.js'), 'serve'], env, /Tessera is ready/);
    await sleep(IDLE_MS);
    const { rss } = memoryOf(child.pid!);
    await stop(child);
    return rss;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function underLoad(): Promise<{ idle: number; peak: number }> {
  const env = { ...process.env, NODE_OPTIONS: '' };
  const { child, match } = await startUntil([path.join(here, 'http-server.js'), 'tessera'], env, /READY (\d+) (\S+)/);
  await sleep(IDLE_MS);
  const idle = memoryOf(child.pid!).rss;
  const url = `http://127.0.0.1:${match[1]}${match[2]}`;
  for (let round = 0; round < ROUNDS; round++) await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  const { peak } = memoryOf(child.pid!);
  await stop(child);
  return { idle, peak };
}

console.log(`${RUNS} runs; load: ${ROUNDS} × ${DURATION} s of autocannon, ${CONNECTIONS} connections, scanned redirect${flags.length ? `; node flags: ${flags.join(' ')}` : ''}`);
const serve: number[] = [];
const bench: number[] = [];
const peaks: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const idle = await serveIdle();
  const loaded = await underLoad();
  serve.push(idle);
  bench.push(loaded.idle);
  peaks.push(loaded.peak);
  console.log(`run ${run + 1}: tessera serve idle ${mb(idle)}; bench server idle ${mb(loaded.idle)}, peak under load ${mb(loaded.peak)}`);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`\ntessera serve idle: median ${mb(median(serve))} (target ≤ 120 MB)`);
console.log(`peak under load:    median ${mb(median(peaks))} (target ≤ 250 MB)`);
process.exitCode = median(serve) <= 120 && median(peaks) <= 250 ? 0 : 1;
