// npm run bench:analytics — seeds 1,000,000 scans across 1,000 campaigns (last 90 days) on SQLite
// and on PostgreSQL, then times every analytics endpoint through app.inject (≥ 200 requests each,
// after a warm-up) against GET /healthz measured in the same run. Target: p95 ≤ 50 ms everywhere.
// BENCH_SCANS / BENCH_REQUESTS / BENCH_DIALECTS shrink or pick runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type Dialect, loadConfig } from '../src/config.ts';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect.ts';
import { createApiKey } from '../src/modules/accounts/api-key.service.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureScanPartitions } from '../src/db/scan-partitions.ts';
import { createTestSchema, postgresReachable, TEST_DATABASE_URL } from '../test/helpers/postgres.ts';
import { type BulkLoader, postgresLoader, seed, sqliteLoader } from './analytics-seed.ts';

const SCANS = Number(process.env.BENCH_SCANS ?? 1_000_000);
const CAMPAIGNS = Number(process.env.BENCH_CAMPAIGNS ?? 1000);
const DAYS = 90;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const TARGET_P95_MS = 50;
const NOW = Date.parse('2026-03-10T15:00:00Z');
const ACCOUNT = 'acc_bench';
const MASTER_KEY = '5a'.repeat(32);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(app: FastifyInstance, apiKey: string, urls: () => string): Promise<{ p50: number; p95: number; max: number }> {
  const headers = { authorization: `Bearer ${apiKey}` };
  for (let i = 0; i < 20; i++) await app.inject({ method: 'GET', url: urls(), headers }); // warm-up: JIT, statement caches
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const url = urls();
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers });
    samples.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1)! };
}

async function open(dialect: Dialect): Promise<{ handle: DatabaseHandle; loader: BulkLoader; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
    const file = path.join(dir, 'bench.db');
    const handle = connectDatabase({ dialect, url: file });
    await migrateToLatest(handle.db);
    return { handle, loader: sqliteLoader(file), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const { schema, drop } = await createTestSchema();
  const handle = connectDatabase({ dialect, url: TEST_DATABASE_URL, schema });
  await migrateToLatest(handle.db);
  // The seeded months get their partitions first, as the hourly upkeep would have made them.
  await ensureScanPartitions(handle.db, NOW - DAYS * 86_400_000, NOW);
  return { handle, loader: await postgresLoader(TEST_DATABASE_URL, schema), cleanup: drop };
}

async function run(dialect: Dialect): Promise<boolean> {
  const { handle, loader, cleanup } = await open(dialect);
  try {
    const seeding = performance.now();
    const { campaignIds, rollupRows } = await seed(loader, { accountId: ACCOUNT, campaigns: CAMPAIGNS, scans: SCANS, days: DAYS, now: NOW, masterKey: Buffer.from(MASTER_KEY, 'hex') });
    await loader.close();
    console.log(
      `\n[${dialect}] seeded ${SCANS.toLocaleString('en')} scans, ${CAMPAIGNS} campaigns, ${rollupRows.toLocaleString('en')} rollup rows in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );

    // Real API-key authentication on every request, as clients call; the rate limit is lifted
    // because the bench sends thousands of requests a minute with one key.
    const config = loadConfig({ TESSERA_MASTER_KEY: MASTER_KEY, LOG_LEVEL: 'silent', TESSERA_DATA_DIR: os.tmpdir(), TESSERA_RATE_LIMIT_PER_MINUTE: '1000000' });
    const app = await buildApp(config, { database: handle, clock: { now: () => NOW }, startWorker: false });
    await app.ready();
    const { fullKey: apiKey } = await createApiKey({ db: handle.db, clock: { now: () => NOW }, dialect }, ACCOUNT, { env: 'prd', name: 'bench' });
    let n = 0;
    const campaign = () => campaignIds[(n++ * 7919) % campaignIds.length]!;
    const busiest = campaignIds[0]!; // the skew makes the first campaigns the most scanned
    const endpoints: Array<[string, () => string]> = [
      ['GET /healthz (baseline)', () => '/healthz'],
      ['overview', () => '/api/v1/analytics/overview'],
      ['overview tz=America/New_York', () => '/api/v1/analytics/overview?tz=America/New_York'],
      ['timeline (30 d)', () => '/api/v1/analytics/timeline'],
      ['timeline 90 d tz=Asia/Kolkata', () => '/api/v1/analytics/timeline?tz=Asia/Kolkata&from=2025-12-11&to=2026-03-10'],
      ['timeline include_bots', () => '/api/v1/analytics/timeline?include_bots=true'],
      ['devices', () => '/api/v1/analytics/devices'],
      ['devices 90 d', () => '/api/v1/analytics/devices?from=2025-12-11&to=2026-03-10'],
      ['browsers', () => '/api/v1/analytics/browsers'],
      ['device-types', () => '/api/v1/analytics/device-types'],
      ['countries', () => '/api/v1/analytics/countries'],
      ['referrers', () => '/api/v1/analytics/referrers'],
      ['hours tz=Europe/Berlin', () => '/api/v1/analytics/hours?tz=Europe/Berlin'],
      ['campaign/:id/timeline', () => `/api/v1/analytics/campaign/${campaign()}/timeline`],
      ['campaign/:id/devices', () => `/api/v1/analytics/campaign/${campaign()}/devices`],
      ['campaign/:id/browsers', () => `/api/v1/analytics/campaign/${campaign()}/browsers`],
      ['campaign/:id/countries', () => `/api/v1/analytics/campaign/${campaign()}/countries`],
      ['campaign/:id/hours', () => `/api/v1/analytics/campaign/${campaign()}/hours`],
      ['busiest campaign timeline 90 d', () => `/api/v1/analytics/campaign/${busiest}/timeline?from=2025-12-11&to=2026-03-10`],
      ['busiest campaign devices 90 d', () => `/api/v1/analytics/campaign/${busiest}/devices?from=2025-12-11&to=2026-03-10`],
      ['campaign/:id/export.csv (30 d)', () => `/api/v1/analytics/campaign/${campaign()}/export.csv`],
    ];
    console.log(`${'endpoint'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'p95/healthz'.padStart(12)}`);
    let baseline = 0;
    let ok = true;
    for (const [name, url] of endpoints) {
      const r = await time(app, apiKey, url);
      if (baseline === 0) baseline = r.p95;
      const pass = name.includes('baseline') || r.p95 <= TARGET_P95_MS;
      ok &&= pass;
      console.log(
        `${name.padEnd(34)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)} ${(r.p95 / baseline).toFixed(1).padStart(11)}×${pass ? '' : '  ✗ over 50 ms'}`,
      );
    }
    await app.close();
    return ok;
  } finally {
    await handle.close().catch(() => {});
    await cleanup();
  }
}

const wanted = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as Dialect[];
let allOk = true;
for (const dialect of wanted) {
  if (dialect === 'postgres' && !(await postgresReachable())) {
    console.log(`\n[postgres] skipped: no server at ${TEST_DATABASE_URL}`);
    continue;
  }
  allOk = (await run(dialect)) && allOk;
}
console.log(`\n${allOk ? 'PASS' : 'FAIL'}: every endpoint p95 ≤ ${TARGET_P95_MS} ms (${REQUESTS} requests each, in-process via app.inject)`);
process.exitCode = allOk ? 0 : 1;
