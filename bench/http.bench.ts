// npm run bench:http — redirect throughput with scan capture (Tessera on SQLite, default
// configuration: LOG_LEVEL info) against a bare node:http server answering a fixed 302, same load
// generator, same settings, same run. Target: Tessera ≥ 0.80× the bare server's requests/s,
// p99 ≤ 10 ms, idle RSS ≤ 120 MB and ≤ 250 MB under load.
// The servers run in their own processes and are loaded in turn, in several short rounds, so a
// change in machine load during the run hits all of them alike; the ratio is the median of the
// rounds (five by default: on a shared machine single rounds swing by ±20%). Within a round
// Tessera is loaded next to bare node:http, in alternating order.
// Where wrk is installed it loads each server too, after autocannon in the same round, and both
// ratios are printed. With taskset and two or more cores the servers are pinned to core 0 and
// the load (autocannon in this process, wrk) to core 1, so server and load never share a core.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { memoryOf } from './proc-memory.ts';
import { runWrk } from './wrk.ts';
// @ts-expect-error autocannon ships no type declarations (and @types/autocannon is not installed)
import autocannonUntyped from 'autocannon';

type Histogram = { average: number; p50: number; p99: number };
type Result = { requests: Histogram; latency: Histogram; errors: number; timeouts: number; '3xx': number };
const autocannon = autocannonUntyped as (options: { url: string; connections: number; duration: number }) => Promise<Result>;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION = Number(process.env.BENCH_DURATION ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const here = path.dirname(new URL(import.meta.url).pathname);
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const WRK = process.env.BENCH_WRK !== '0' && has('wrk');
const PINNED = process.env.BENCH_PIN !== '0' && has('taskset') && os.availableParallelism() >= 2;
// The load generator's core: this process (autocannon) and wrk.
if (PINNED) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
// Tessera as `npm start` runs it: its prestart compiles the server when a source changed (ADR 0023);
// BENCH_SOURCES=1 measures the TypeScript sources instead.
if (process.env.BENCH_SOURCES !== '1') {
  const { currentServerBuild } = await import('../bin/server-build.js');
  if (!currentServerBuild()) (await import('../scripts/build-server.ts')).buildServer();
}

interface Server {
  name: string;
  child: ChildProcess;
  url: string;
  output(): string;
  rps: number[];
  p99: number[];
  wrkRps: number[];
  wrkP99: number[];
  redirects: number;
}

function start(mode: string, name: string): Promise<Server> {
  const command = [process.execPath, path.join(here, 'http-server.js'), mode];
  const child = PINNED ? spawn('taskset', ['-c', '0', ...command], { stdio: ['ignore', 'pipe', 'inherit'] }) : spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /READY (\d+) (\S+)/.exec(out);
      if (match) resolve({ name, child, url: `http://127.0.0.1:${match[1]}${match[2]}`, output: () => out, rps: [], p99: [], wrkRps: [], wrkP99: [], redirects: 0 });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}: ${out}`)));
  });
}

async function stop(server: Server): Promise<string> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
  return server.output();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`autocannon${WRK ? ' and wrk' : ''}: ${CONNECTIONS} connections; ${ROUNDS} rounds of ${DURATION} s per server and tool (+1 s warm-up each)`);
console.log(PINNED ? 'servers pinned to core 0, load generators to core 1 (taskset)\n' : 'not pinned (taskset missing or one core): server and load share the cores\n');
const servers = [
  await start('bare', 'bare node:http fixed 302'),
  await start('fastify', 'bare Fastify fixed 302 (ref)'),
  await start('tessera-static', 'Tessera redirect, no scan (ref)'),
  await start('tessera', 'Tessera redirect + scan'),
];
const tesseraPid = servers[3]!.child.pid!;
// Load order within a round: Tessera right after bare node:http, the target's two terms ~10 s
// apart instead of ~30 (this machine's speed drifts within seconds), and every other round in
// reverse, so a drift across a round favours neither side.
const loadOrder = [servers[0]!, servers[3]!, servers[2]!, servers[1]!];
// Idle: started, migrated, one campaign, nothing served yet; a moment for startup garbage to go.
await new Promise((resolve) => setTimeout(resolve, 2000));
const idle = memoryOf(tesseraPid);
for (let round = 0; round < ROUNDS; round++) {
  for (const server of round % 2 === 0 ? loadOrder : [...loadOrder].reverse()) {
    const warmUp = await autocannon({ url: server.url, connections: CONNECTIONS, duration: 1 });
    const result = await autocannon({ url: server.url, connections: CONNECTIONS, duration: DURATION });
    server.rps.push(result.requests.average);
    server.p99.push(result.latency.p99);
    server.redirects += warmUp['3xx'] + result['3xx'];
    if (result.errors + result.timeouts > 0) console.log(`${server.name}: ${result.errors} errors, ${result.timeouts} timeouts`);
    if (WRK) {
      const wrk = await runWrk(server.url, { duration: DURATION, connections: CONNECTIONS, pinned: PINNED });
      server.wrkRps.push(wrk.rps);
      server.wrkP99.push(wrk.p99);
      if (wrk.errors) console.log(`${server.name} (wrk): ${wrk.errors}`);
    }
  }
}
const loaded = memoryOf(tesseraPid);
for (const server of servers) {
  console.log(
    `${server.name.padEnd(30)} ${Math.round(median(server.rps)).toLocaleString('en').padStart(8)} req/s (rounds: ${server.rps.map((r) => Math.round(r)).join(', ')})   p99 ${median(server.p99)} ms   [autocannon]`,
  );
  if (WRK)
    console.log(
      `${''.padEnd(30)} ${Math.round(median(server.wrkRps)).toLocaleString('en').padStart(8)} req/s (rounds: ${server.wrkRps.map((r) => Math.round(r)).join(', ')})   p99 ${median(server.wrkP99).toFixed(2)} ms   [wrk]`,
    );
}
const [bare, fastify, untracked, tessera] = servers as [Server, Server, Server, Server];
const ratios = tessera.rps.map((r, i) => r / bare.rps[i]!);
const fastifyRatios = fastify.rps.map((r, i) => r / bare.rps[i]!);
for (const server of [bare, fastify, untracked]) await stop(server);
const output = await stop(tessera);
const scans = Number(/SCANS (\d+)/.exec(output)?.[1] ?? NaN);
const ratio = median(ratios);
console.log(`\nbare Fastify / node:http: ${median(fastifyRatios).toFixed(2)} (the framework's own ceiling on this machine, for reference)`);
console.log(`Tessera without scan capture / node:http: ${median(untracked.rps.map((r, i) => r / bare.rps[i]!)).toFixed(2)} (static code: same lookup and answer, nothing recorded)`);
console.log(`Tessera / node:http [autocannon]: ${ratio.toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≥ 0.80)   Tessera p99 ${median(tessera.p99)} ms (target ≤ 10 ms)`);
const wrkRatios = tessera.wrkRps.map((r, i) => r / bare.wrkRps[i]!);
const wrkRatio = WRK ? median(wrkRatios) : NaN;
if (WRK)
  console.log(
    `Tessera / node:http [wrk]:        ${wrkRatio.toFixed(2)} (rounds: ${wrkRatios.map((r) => r.toFixed(2)).join(', ')}; target ≥ 0.80)   Tessera p99 ${median(tessera.wrkP99).toFixed(2)} ms (target ≤ 10 ms)`,
  );
else console.log('wrk not installed: only the autocannon ratio (apt-get install wrk for the second one)');
if (idle && loaded) console.log(`Tessera RSS: idle ${idle.rss.toFixed(0)} MB (target ≤ 120), peak under load ${loaded.peak.toFixed(0)} MB (target ≤ 250)`);
console.log(
  `scans stored after graceful shutdown: ${scans.toLocaleString('en')}; redirects counted by autocannon: ${tessera.redirects.toLocaleString('en')}${WRK ? ' (wrk counts none: its scans are stored too)' : ' (it does not count the ≤ 50 responses in flight when each run stops)'}`,
);
const memoryOk = !idle || !loaded || (idle.rss <= 120 && loaded.peak <= 250);
const wrkOk = !WRK || (wrkRatio >= 0.8 && median(tessera.wrkP99) <= 10);
process.exitCode = ratio >= 0.8 && median(tessera.p99) <= 10 && wrkOk && memoryOk ? 0 : 1;
