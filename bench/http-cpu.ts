// node bench/http-cpu.ts [tessera|tessera-static|fastify|bare] — CPU cost per request of one
// server from bench/http-server.js under the same autocannon load as bench:http. Throughput on a
// shared 2-core machine moves with everyone else's load; CPU µs per request moves much less, so
// this is the figure to compare before and after a change. Splits the event-loop thread from
// the rest of the process (the SQLite scan writer thread, GC and libuv threads), and prints the load
// generator's own CPU per request: on a 2-core machine it shares the cores with the server.
// BENCH_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") are passed to the server.
// BENCH_PIN=1 pins the server to core 0 and the load to core 1, as bench:http does: the scan
// writer thread then shares the event loop's core, and what their switching costs shows.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
// @ts-expect-error autocannon ships no type declarations
import autocannonUntyped from 'autocannon';

type Result = { requests: { average: number; total: number }; latency: { p99: number }; '3xx': number };
const autocannon = autocannonUntyped as (options: { url: string; connections: number; duration: number }) => Promise<Result>;

const mode = process.argv[2] ?? 'tessera';
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const here = path.dirname(new URL(import.meta.url).pathname);

const PINNED = process.env.BENCH_PIN === '1';
if (PINNED) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const command = [process.execPath, ...flags, path.join(here, 'http-server.js'), mode];
const child = PINNED ? spawn('taskset', ['-c', '0', ...command], { stdio: ['ignore', 'pipe', 'inherit'] }) : spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const lines: string[] = [];
const waiters: Array<(line: string) => void> = [];
child.stdout.on('data', (chunk) => {
  out += chunk;
  let newline;
  while ((newline = out.indexOf('\n')) >= 0) {
    const line = out.slice(0, newline);
    out = out.slice(newline + 1);
    // The server logs at the default level on the same stdout; only the bench protocol counts.
    if (!/^(READY|CPU|SCANS) /.test(line)) continue;
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  }
});
const nextLine = () => new Promise<string>((resolve) => (lines.length > 0 ? resolve(lines.shift()!) : waiters.push(resolve)));
const cpu = async () => {
  child.kill('SIGUSR2');
  const [, main, all] = (await nextLine()).split(' ').map(Number) as [number, number, number];
  return { main, all };
};

const ready = /READY (\d+) (\S+)/.exec(await nextLine())!;
const url = `http://127.0.0.1:${ready[1]}${ready[2]}`;
await autocannon({ url, connections: CONNECTIONS, duration: 2 });
const before = await cpu();
const loadBefore = process.cpuUsage(); // autocannon runs in this process
const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
// Give the writer a moment to finish the batches of this run, so their CPU is counted.
await new Promise((resolve) => setTimeout(resolve, 1500));
const after = await cpu();
const load = process.cpuUsage(loadBefore);
const requests = result.requests.total;
const mainUs = (after.main - before.main) / requests;
const otherUs = (after.all - after.main - (before.all - before.main)) / requests;
console.log(
  `${mode}: ${Math.round(result.requests.average).toLocaleString('en')} req/s, p99 ${result.latency.p99} ms; CPU per request: event loop ${mainUs.toFixed(1)} µs + other threads ${otherUs.toFixed(1)} µs = ${(mainUs + otherUs).toFixed(1)} µs`,
);
// Peak resident memory of the server (Linux): what bench:http holds to 250 MB under load.
const peak = /VmHWM:\s+(\d+) kB/.exec(fs.existsSync(`/proc/${child.pid}/status`) ? fs.readFileSync(`/proc/${child.pid}/status`, 'utf8') : '')?.[1];
if (peak) console.log(`${mode}: peak RSS ${Math.round(Number(peak) / 1024)} MB`);
const exited = new Promise((resolve) => child.once('exit', resolve));
child.kill('SIGTERM');
await exited;
