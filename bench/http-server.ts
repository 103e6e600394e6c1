// A server for bench/http.bench.ts, in its own process so the load generator does not share its
// event loop. `bare`: node:http answering a fixed 302; `fastify`: bare Fastify doing the same;
// `tessera-static`: Tessera redirecting a static code's short link (same path, no scan recorded). `tessera`: the real app on SQLite with one
// dynamic campaign. Prints `READY <port> <path>` when listening; on SIGTERM Tessera shuts down
// gracefully (flushing scans) and prints `SCANS <n>`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { currentServerBuild } from '../bin/server-build.js';
import type { AppContext } from '../src/context.ts';

// Tessera as `npm start` runs it: the compiled build when it matches the sources (ADR 0023; each
// isolate running the sources holds Node's type stripper, the scan writer thread too), else the sources.
const root = process.env.BENCH_SOURCES !== '1' && currentServerBuild() ? '../dist' : '../src';
const ext = root === '../dist' ? 'js' : 'ts';
const load = <T>(file: string): Promise<T> => import(`${root}/${file}.${ext}`) as Promise<T>;
const { buildApp } = await load<typeof import('../src/app.ts')>('app');
const { releaseStartupMemory } = await load<typeof import('../src/cli/release-startup-memory.ts')>('cli/release-startup-memory');
const { loadConfig } = await load<typeof import('../src/config.ts')>('config');
const { connectDatabase } = await load<typeof import('../src/db/connect.ts')>('db/connect');
const { migrateToLatest } = await load<typeof import('../src/db/migrate.ts')>('db/migrate');
const { newId } = await load<typeof import('../src/ids.ts')>('ids');
const { createCampaign } = await load<typeof import('../src/modules/campaigns/campaign.service.ts')>('modules/campaigns/campaign.service');

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
  server.listen(0, '127.0.0.1', () => console.log(`READY ${(server.address() as { port: number }).port} /x`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (mode === 'fastify') {
  // Reference only: the framework alone, no plugins, same fixed 302.
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.get('/x', (_request, reply) => reply.status(302).header('location', 'https://example.com/landing').header('cache-control', 'private, max-age=0').send());
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`READY ${(app.server.address() as { port: number }).port} /x`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
} else if (mode === 'tessera' || mode === 'tessera-static') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
  // The default configuration (LOG_LEVEL info and all): what users run is what is measured.
  const config = loadConfig({ TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: '7e'.repeat(32), PORT: '0', TESSERA_WORKER: 'false', ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}) });
  const database = connectDatabase({ dialect: 'sqlite', url: config.databaseUrl });
  await migrateToLatest(database.db);
  const now = Date.now();
  const accountId = newId('acc');
  await database.db.insertInto('accounts').values({ id: accountId, slug: 'bench', name: 'Bench', created_at: now, updated_at: now }).execute();
  const campaign = await createCampaign({ db: database.db, clock: { now: () => Date.now() }, config: config as AppContext['config'] }, accountId, {
    name: 'bench',
    qr_type: mode === 'tessera' ? 'dynamic' : 'static',
    destination: 'https://example.com/landing',
  });
  const app = await buildApp(config, { database, startWorker: false });
  // As `tessera serve` does before it listens.
  await app.ready();
  releaseStartupMemory();
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`READY ${(app.server.address() as { port: number }).port} /${campaign.shortCode}`);
  process.on('SIGTERM', async () => {
    await app.close();
    const row = await database.db
      .selectFrom('scans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    console.log(`SCANS ${Number(row.n)}`);
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
} else {
  console.error('usage: node bench/http-server.ts bare|fastify|tessera|tessera-static');
  process.exit(2);
}
