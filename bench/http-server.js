// A server for bench/http.bench.ts, in its own process so the load generator does not share its
// event loop. `bare`: node:http answering a fixed 302; `fastify`: bare Fastify doing the same;
// `tessera-static`: Tessera redirecting a static code's short link (same path, no scan recorded);
// `tessera`: the real app on SQLite with one dynamic campaign. Prints `READY <port> <path>` when
// listening; on SIGTERM Tessera shuts down gracefully (flushing scans) and prints `SCANS <n> DROPPED <n> PENDING_MAX <n>`.
// Plain JavaScript, like bin/tessera.js: a process whose entry is TypeScript holds Node's type
// stripper for its whole life (~9 MB resident), which `tessera serve` from dist/ does not.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { currentServerBuild } from '../bin/server-build.js';

// Tessera as `npm start` runs it: the compiled build when it matches the sources (ADR 0023), else
// (or with BENCH_SOURCES=1) the sources.
const root = process.env.BENCH_SOURCES !== '1' && currentServerBuild() ? '../dist' : '../src';
const ext = root === '../dist' ? 'js' : 'ts';
const load = (file) => import(`${root}/${file}.${ext}`);

const mode = process.argv[2];

// bench/http-cpu.ts sends SIGUSR2 before and after a load run: CPU µs so far of this thread (the
// event loop) and of the whole process (adds the scan writer thread, GC and libuv threads).
process.on('SIGUSR2', () => {
  const main = process.threadCpuUsage();
  const all = process.cpuUsage();
  console.log(`CPU ${main.user + main.system} ${all.user + all.system}`);
});

if (mode === 'bare') {
  const server = http.createServer((_request, response) => {
    // content-length: without it node:http answers chunked, a slower response than any server here sends.
    response.writeHead(302, { location: 'https://example.com/landing', 'cache-control': 'private, max-age=0', 'content-length': '0' });
    response.end();
  });
  server.listen(0, '127.0.0.1', () => console.log(`READY ${server.address().port} /x`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (mode === 'fastify') {
  // Reference only: the framework alone, no plugins, same fixed 302.
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.get('/x', (_request, reply) => reply.status(302).header('location', 'https://example.com/landing').header('cache-control', 'private, max-age=0').send());
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`READY ${app.server.address().port} /x`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
} else if (mode === 'tessera' || mode === 'tessera-static') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
  // The default configuration (LOG_LEVEL info, the background jobs running in the server, and
  // all): what users run is what is measured. The jobs hold ~2 MB idle (the modules they import).
  // BENCH_ENV (JSON) adds settings: bench/http-varied.bench.ts trusts X-Forwarded-For with it.
  const env = {
    TESSERA_DATA_DIR: dir,
    TESSERA_MASTER_KEY: '7e'.repeat(32),
    PORT: '0',
    ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}),
    ...JSON.parse(process.env.BENCH_ENV ?? '{}'),
  };
  // Migrations, account and campaign in a process of their own: `tessera serve` seeds nothing,
  // so the server measured here must not hold the seeding's modules and garbage either.
  const seed = spawnSync(process.execPath, [path.join(import.meta.dirname, 'http-seed.ts'), mode, JSON.stringify(env), process.env.BENCH_CAMPAIGNS ?? '1'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (seed.status !== 0) {
    console.error(`bench/http-seed.ts failed (${seed.status}): ${seed.stdout}`);
    process.exit(1);
  }
  const [shortCode, ...moreCodes] = seed.stdout.trim().split(' ');
  // From here on as `tessera serve` starts: open and migrate (nothing left to apply), build, then
  // its own startServing (ready, releaseStartupMemory, listen, "Tessera is ready").
  const { openRuntime, plainLines } = await load('cli/runtime');
  const { buildApp } = await load('app');
  const { startServing } = await load('cli/serve');
  const { config, database } = await openRuntime(
    plainLines((message) => console.error(message)),
    env,
    { soleProcess: 'serve' },
  );
  const app = await buildApp(config, { database });
  await startServing(app, config, database);
  // The scan buffer's deepest backlog, sampled: a writer slower than the traffic shows here first.
  let pendingMax = 0;
  setInterval(() => (pendingMax = Math.max(pendingMax, app.ctx.scans.pending)), 50).unref();
  if (moreCodes.length > 0) console.log(`CODES ${[shortCode, ...moreCodes].join(' ')}`);
  console.log(`READY ${app.server.address().port} /${shortCode}`);
  process.on('SIGTERM', async () => {
    await app.close();
    const row = await database.db
      .selectFrom('scans')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    console.log(`SCANS ${Number(row.n)} DROPPED ${app.ctx.scans.dropped} PENDING_MAX ${pendingMax}`);
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
} else {
  console.error('usage: node bench/http-server.js bare|fastify|tessera|tessera-static');
  process.exit(2);
}
