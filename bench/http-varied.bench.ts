// node bench/http-varied.bench.ts — bench:http with an audience instead of one client: every
// request from one of BENCH_VISITORS visitors (its own X-Forwarded-For address, one of 20 real
// user agents, a referrer or none) scanning one of BENCH_CAMPAIGNS codes. bench:http's one client
// is the writer thread's cheapest traffic (one profile a batch); this is what a live code sees.
// wrk (with a generated Lua script) loads Tessera (the default configuration plus
// TESSERA_TRUST_PROXY=BENCH_TRUST_PROXY, default 1 hop, so the forwarded address is the visitor;
// '' keeps the default and every scan comes from 127.0.0.1) and a bare node:http 302 in turn,
// pinned as bench:http pins them. Prints req/s and p99 of both, the CPU a request costs the event
// loop and the other threads (the SQLite scan writer), RSS (idle, peak), the scan buffer's
// deepest backlog and drops, and whether every answered scan was stored after graceful shutdown.
// BENCH_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") are passed to the Tessera server.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryOf } from './proc-memory.ts';
import { runWrk } from './wrk.ts';
import { AGENTS, REFERRERS } from './scan-samples.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CAMPAIGNS = Number(process.env.BENCH_CAMPAIGNS ?? 10);
const VISITORS = Number(process.env.BENCH_VISITORS ?? 200_000);
const TRUST_PROXY = process.env.BENCH_TRUST_PROXY ?? '1';
const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const here = path.dirname(new URL(import.meta.url).pathname);
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
if (!has('wrk')) throw new Error('bench/http-varied.bench.ts needs wrk (apt-get install wrk)');
const PINNED = process.env.BENCH_PIN !== '0' && has('taskset') && os.availableParallelism() >= 2;
if (process.env.BENCH_SOURCES !== '1') {
  const { currentServerBuild } = await import('../bin/server-build.js');
  if (!currentServerBuild()) (await import('../scripts/build-server.ts')).buildServer();
}

// Seven more agents than the ingest benchmarks' thirteen: apps' in-app browsers and older phones,
// which a shared code gets many of.
const MORE_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 12; moto g(30)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 14; SM-A546B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.147 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/467.0.0.54.109;]',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/125.0.6422.80 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0',
  'Mozilla/5.0 (Linux; Android 13; 2201117TG) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36 OPR/82.0.4353.79432',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
];
const agents = [...AGENTS, ...MORE_AGENTS];

interface Server {
  name: string;
  child: ChildProcess;
  port: number;
  codes: string[];
  output(): string;
  rps: number[];
  p99: number[];
  requests: number;
  cpuMain: number[];
  cpuOther: number[];
}

function start(mode: string, name: string, extraFlags: string[] = []): Promise<Server> {
  const command = [process.execPath, ...extraFlags, path.join(here, 'http-server.js'), mode];
  const env = { ...process.env, BENCH_CAMPAIGNS: String(CAMPAIGNS), BENCH_ENV: JSON.stringify(TRUST_PROXY ? { TESSERA_TRUST_PROXY: TRUST_PROXY } : {}) };
  const options = { stdio: ['ignore', 'pipe', 'inherit'] as ['ignore', 'pipe', 'inherit'], env };
  const child = PINNED ? spawn('taskset', ['-c', '0', ...command], options) : spawn(command[0]!, command.slice(1), options);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /READY (\d+) \/(\S+)/.exec(out);
      if (match) {
        const codes = /CODES (.+)/.exec(out)?.[1]?.split(' ') ?? [match[2]!];
        resolve({ name, child, port: Number(match[1]), codes, output: () => out, rps: [], p99: [], requests: 0, cpuMain: [], cpuOther: [] });
      }
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}: ${out}`)));
  });
}

const lua = (value: string | null) => (value === null ? 'false' : JSON.stringify(value));
// Visitor v: address 10.a.b.c from v, agent and referrer from v, one code from v; requests walk the
// visitors in a scrambled order, so a batch holds about as many visitors as scans.
function script(codes: string[]): string {
  const file = path.join(os.tmpdir(), `tessera-varied-${process.pid}.lua`);
  fs.writeFileSync(
    file,
    `local agents = {${agents.map(lua).join(', ')}}
local referrers = {${REFERRERS.map(lua).join(', ')}}
local codes = {${codes.map((c) => lua(`/${c}`)).join(', ')}}
local visitors = ${VISITORS}
-- Formatted once: a request built per call is slower in wrk than anything it measures. In init,
-- not at load: wrk runs the script's body before it knows the host, and a request without Host is a 400.
local requests = {}
init = function(args)
  for v = 0, visitors - 1 do
    local headers = { ["Host"] = "127.0.0.1", ["User-Agent"] = agents[(v % #agents) + 1], ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(v / 65536) % 256, math.floor(v / 256) % 256, v % 256) }
    local referrer = referrers[(math.floor(v / 7) % #referrers) + 1]
    if referrer then headers["Referer"] = referrer end
    requests[v + 1] = wrk.format("GET", codes[(math.floor(v / 3) % #codes) + 1], headers)
  end
end
local n = 0
request = function()
  n = n + 1
  return requests[((n * 7919) % visitors) + 1]
end
`,
  );
  return file;
}

// CPU µs so far of the server's event loop and of the whole process (http-server.js, SIGUSR2).
async function cpuOf(server: Server): Promise<{ main: number; all: number }> {
  const seen = server.output().length;
  server.child.kill('SIGUSR2');
  for (;;) {
    const match = /CPU (\d+) (\d+)\n/.exec(server.output().slice(seen));
    if (match) return { main: Number(match[1]), all: Number(match[2]) };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(
  `wrk: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s per server (+1 s warm-up); ${VISITORS.toLocaleString('en')} visitors, ${agents.length} agents, ${CAMPAIGNS} campaigns; TESSERA_TRUST_PROXY=${TRUST_PROXY || '(unset: one address)'}`,
);
console.log(PINNED ? 'servers pinned to core 0, wrk to core 1\n' : 'not pinned\n');
const bare = await start('bare', 'bare node:http fixed 302');
const tessera = await start('tessera', 'Tessera redirect + scan (varied)', flags);
const file = script(tessera.codes);
const pid = tessera.child.pid!;
await new Promise((resolve) => setTimeout(resolve, 2000));
const idle = memoryOf(pid);
let peakSeen = 0;
const sampler = setInterval(() => (peakSeen = Math.max(peakSeen, memoryOf(pid)?.rss ?? 0)), 200);
for (let round = 0; round < ROUNDS; round++) {
  for (const server of round % 2 === 0 ? [bare, tessera] : [tessera, bare]) {
    const warmUp = await runWrk(`http://127.0.0.1:${server.port}`, { duration: 1, connections: CONNECTIONS, pinned: PINNED, script: file });
    const before = server === tessera ? await cpuOf(server) : null;
    const result = await runWrk(`http://127.0.0.1:${server.port}`, { duration: DURATION, connections: CONNECTIONS, pinned: PINNED, script: file });
    if (before) {
      // Let the writer finish this run's batches, so their CPU is counted.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const after = await cpuOf(server);
      server.cpuMain.push((after.main - before.main) / result.requests);
      server.cpuOther.push((after.all - after.main - (before.all - before.main)) / result.requests);
    }
    server.rps.push(result.rps);
    server.p99.push(result.p99);
    server.requests += warmUp.requests + result.requests;
    if (result.errors) console.log(`${server.name}: ${result.errors}`);
  }
}
clearInterval(sampler);
const loaded = memoryOf(pid);
for (const server of [bare, tessera]) {
  console.log(
    `${server.name.padEnd(34)} ${Math.round(median(server.rps)).toLocaleString('en').padStart(8)} req/s (rounds: ${server.rps.map((r) => Math.round(r)).join(', ')})   p99 ${median(server.p99).toFixed(2)} ms (rounds: ${server.p99.map((p) => p.toFixed(2)).join(', ')})`,
  );
}
const ratios = tessera.rps.map((r, i) => r / bare.rps[i]!);
console.log(`\nTessera / node:http: ${median(ratios).toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
console.log(`CPU per request: event loop ${tessera.cpuMain.map((c) => c.toFixed(1)).join(', ')} µs; other threads (scan writer, GC) ${tessera.cpuOther.map((c) => c.toFixed(1)).join(', ')} µs`);
if (idle && loaded) console.log(`Tessera RSS: idle ${idle.rss.toFixed(0)} MB, peak under load ${loaded.peak.toFixed(0)} MB, after the last round ${loaded.rss.toFixed(0)} MB`);
bare.child.kill('SIGTERM');
const exited = new Promise((resolve) => tessera.child.once('exit', resolve));
tessera.child.kill('SIGTERM');
await exited;
const stored = /SCANS (\d+) DROPPED (\d+) PENDING_MAX (\d+)/.exec(tessera.output());
console.log(
  `scans stored after graceful shutdown: ${Number(stored?.[1]).toLocaleString('en')} (wrk counted ${tessera.requests.toLocaleString('en')} answers; up to ${CONNECTIONS} a run more were in flight); dropped ${stored?.[2]}; deepest scan backlog ${Number(stored?.[3]).toLocaleString('en')} events`,
);
fs.rmSync(file, { force: true });
