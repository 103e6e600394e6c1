// npm run bench:http — redirect throughput with scan capture (Tessera on SQLite) against a bare
// node:http server answering a fixed 302, same load generator, same settings, same run.
// Target: Tessera ≥ 0.7× the bare server's requests/s, p99 ≤ 10 ms.
// The servers run in their own processes and are loaded in turn, in several short rounds, so a
// change in machine load during the run hits all of them alike; the ratio is the median of the
// rounds (five by default: on a shared machine single rounds swing by ±20%).
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
// @ts-expect-error autocannon ships no type declarations (and @types/autocannon is not installed)
import autocannonUntyped from 'autocannon';

type Histogram = { average: number; p50: number; p99: number };
type Result = { requests: Histogram; latency: Histogram; errors: number; timeouts: number; '3xx': number };
const autocannon = autocannonUntyped as (options: { url: string; connections: number; duration: number }) => Promise<Result>;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION = Number(process.env.BENCH_DURATION ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const here = path.dirname(new URL(import.meta.url).pathname);

interface Server {
  name: string;
  child: ChildProcess;
  url: string;
  output(): string;
  rps: number[];
  p99: number[];
  redirects: number;
}

function start(mode: string, name: string): Promise<Server> {
  const child = spawn(process.execPath, [path.join(here, 'http-server.ts'), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /READY (\d+) (\S+)/.exec(out);
      if (match) resolve({ name, child, url: `http://127.0.0.1:${match[1]}${match[2]}`, output: () => out, rps: [], p99: [], redirects: 0 });
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

console.log(`autocannon: ${CONNECTIONS} connections; ${ROUNDS} rounds of ${DURATION} s per server (+1 s warm-up each)\n`);
const servers = [
  await start('bare', 'bare node:http fixed 302'),
  await start('fastify', 'bare Fastify fixed 302 (ref)'),
  await start('tessera-static', 'Tessera redirect, no scan (ref)'),
  await start('tessera', 'Tessera redirect + scan'),
];
for (let round = 0; round < ROUNDS; round++) {
  for (const server of servers) {
    const warmUp = await autocannon({ url: server.url, connections: CONNECTIONS, duration: 1 });
    const result = await autocannon({ url: server.url, connections: CONNECTIONS, duration: DURATION });
    server.rps.push(result.requests.average);
    server.p99.push(result.latency.p99);
    server.redirects += warmUp['3xx'] + result['3xx'];
    if (result.errors + result.timeouts > 0) console.log(`${server.name}: ${result.errors} errors, ${result.timeouts} timeouts`);
  }
}
for (const server of servers) {
  console.log(`${server.name.padEnd(30)} ${Math.round(median(server.rps)).toLocaleString('en').padStart(8)} req/s (rounds: ${server.rps.map((r) => Math.round(r)).join(', ')})   p99 ${median(server.p99)} ms`);
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
console.log(`Tessera / node:http: ${ratio.toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≥ 0.70)   Tessera p99 ${median(tessera.p99)} ms (target ≤ 10 ms)`);
console.log(
  `scans stored after graceful shutdown: ${scans.toLocaleString('en')} for ${tessera.redirects.toLocaleString('en')} redirects counted (autocannon does not count the ≤ ${CONNECTIONS} responses in flight when each of its runs stops)`,
);
process.exitCode = ratio >= 0.7 && median(tessera.p99) <= 10 ? 0 : 1;
