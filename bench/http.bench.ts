// npm run bench:http — redirect throughput with scan capture (Tessera on SQLite) against a bare
// node:http server answering a fixed 302, same load generator, same settings, same run.
// Target: Tessera ≥ 0.7× the bare server's requests/s, p99 ≤ 10 ms.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
// @ts-expect-error autocannon ships no type declarations (and @types/autocannon is not installed)
import autocannonUntyped from 'autocannon';

type Histogram = { average: number; p50: number; p99: number };
type Result = { requests: Histogram; latency: Histogram; errors: number; timeouts: number; '3xx': number };
const autocannon = autocannonUntyped as (options: { url: string; connections: number; duration: number }) => Promise<Result>;

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const here = path.dirname(new URL(import.meta.url).pathname);

function start(mode: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [path.join(here, 'http-server.ts'), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /READY (\d+) (\S+)/.exec(out);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}${match[2]}`, output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}: ${out}`)));
  });
}

async function stop(server: { child: ChildProcess; output: () => string }): Promise<string> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
  return server.output();
}

async function load(name: string, url: string) {
  const warmUp = await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // JIT, caches
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  const redirects = warmUp['3xx'] + result['3xx'];
  const line = `${name.padEnd(28)} ${Math.round(result.requests.average).toLocaleString('en').padStart(8)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   3xx ${result['3xx'].toLocaleString('en')}   errors ${result.errors + result.timeouts}`;
  console.log(line);
  return { ...result, redirects };
}

console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s (+2 s warm-up) per server\n`);
const bare = await start('bare');
const bareResult = await load('bare node:http fixed 302', bare.url);
await stop(bare);
const tessera = await start('tessera');
const tesseraResult = await load('Tessera redirect + scan', tessera.url);
const output = await stop(tessera);
const scans = Number(/SCANS (\d+)/.exec(output)?.[1] ?? NaN);
const ratio = tesseraResult.requests.average / bareResult.requests.average;
console.log(`\nratio ${ratio.toFixed(2)} (target ≥ 0.70)   Tessera p99 ${tesseraResult.latency.p99} ms (target ≤ 10 ms)`);
console.log(`scans stored after graceful shutdown: ${scans.toLocaleString('en')} of ${tesseraResult.redirects.toLocaleString('en')} redirects answered (warm-up included)`);
process.exitCode = ratio >= 0.7 && tesseraResult.latency.p99 <= 10 ? 0 : 1;
