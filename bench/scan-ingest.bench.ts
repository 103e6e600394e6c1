// node bench/scan-ingest.bench.ts — CPU per scan of the SQLite flush (flushScans: classification,
// visitor hash, raw rows, unique sightings, rollups), the work the scan writer thread does for
// every redirect. Measured with this thread's CPU time, so other load on the machine moves it
// little. Two traffic shapes: bench:http's (one client: one IP, one user agent) and a varied one
// (2,000 visitors, 13 agents, referrers, countries), and an audience (every scan a visitor not seen
// before, as when a poster's code is scanned once by each passer-by: a new unique sighting each,
// at campaign and account level, across 10 campaigns). BENCH_ONLY=one|varied|audience runs one. Batches the size that starts a flush (SCAN_BATCH_SIZE).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { newId } from '../src/ids.ts';
import { createCampaign } from '../src/modules/campaigns/campaign.service.ts';
import type { ScanEvent } from '../src/modules/scans/index.ts';
import { flushScans } from '../src/modules/scans/scan.service.ts';
import { SCAN_BATCH_SIZE } from '../src/modules/scans/scans.module.ts';
import { AGENTS, COUNTRIES, REFERRERS } from './scan-samples.ts';

const BATCHES = Number(process.env.BENCH_BATCHES ?? 60);
const BATCH = Number(process.env.BENCH_BATCH ?? SCAN_BATCH_SIZE);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-ingest-'));
const config = loadConfig({ TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: '7e'.repeat(32) });
// Opened as the scan writer thread opens it (scan-worker.ts).
const database = connectDatabase({ dialect: 'sqlite', url: config.databaseUrl, skipForeignKeyChecks: true, memoryTempStore: true });
await migrateToLatest(database.db);
const ctx = { db: database.db, config: { ...config, masterKey: Buffer.from('7e'.repeat(32), 'hex') } } as Pick<AppContext, 'db' | 'config'>;
const accountId = newId('acc');
const now = Date.now();
await database.db.insertInto('accounts').values({ id: accountId, slug: 'bench', name: 'Bench', created_at: now, updated_at: now }).execute();
const campaign = await createCampaign(
  { db: database.db, clock: { now: () => Date.now() }, config: ctx.config },
  { accountId, testMode: false },
  {
    name: 'bench',
    qr_type: 'dynamic',
    destination: 'https://example.com/landing',
  },
);
const campaignId = campaign.id;
const campaignIds = [campaignId];
for (let c = 1; c < 10; c++) {
  const more = await createCampaign(
    { db: database.db, clock: { now: () => Date.now() }, config: ctx.config },
    { accountId, testMode: false },
    { name: `bench ${c}`, qr_type: 'dynamic', destination: 'https://example.com/landing' },
  );
  campaignIds.push(more.id);
}

const only = process.env.BENCH_ONLY; // 'one', 'varied' or 'audience'

const tenth = (values: number[]) => (values.reduce((a, b) => a + b, 0) / values.length).toFixed(1);

async function run(name: string, event: (i: number) => Omit<ScanEvent, 'accountId' | 'occurredAt' | 'campaignId'> & { campaignId?: string }): Promise<void> {
  if (only && !name.startsWith(only)) return;
  // 25,000 scans a second, as under bench:http.
  const start = Date.now();
  const batch = (b: number) => Array.from({ length: BATCH }, (_, j): ScanEvent => ({ accountId, campaignId, occurredAt: start + Math.floor((b * BATCH + j) / 25), ...event(b * BATCH + j) }));
  // Warm-up (JIT, UA cache, statement text) on scans of their own, before the measured ones: an
  // audience's measured visitors are then all new, and the measured scans' time-ordered ids still
  // append to the end of the key index as live traffic's do (warmed up with later scans, one
  // client's flush read 2.7-3.0 µs a scan instead of 2.2-2.5).
  for (let b = -5; b < 0; b++) await flushScans(ctx, batch(b));
  const batches = Array.from({ length: BATCHES }, (_, b) => batch(b));
  const before = process.threadCpuUsage();
  const wall = performance.now();
  // Per batch too: a cost that grows with what is stored already (the day's unique sightings) shows
  // as a last tenth dearer than the first.
  const perBatch: number[] = [];
  for (const events of batches) {
    const at = process.threadCpuUsage();
    await flushScans(ctx, events);
    const spent = process.threadCpuUsage(at);
    perBatch.push((spent.user + spent.system) / events.length);
  }
  const cpu = process.threadCpuUsage(before);
  const scans = BATCHES * BATCH;
  console.log(
    `${name.padEnd(32)} ${((cpu.user + cpu.system) / scans).toFixed(2).padStart(6)} µs CPU per scan (user ${(cpu.user / scans).toFixed(2)}, system ${(cpu.system / scans).toFixed(2)}; ${(((performance.now() - wall) * 1000) / scans).toFixed(2)} µs wall; first tenth ${tenth(perBatch.slice(0, Math.ceil(BATCHES / 10)))}, last ${tenth(perBatch.slice(-Math.ceil(BATCHES / 10)))})`,
  );
}

await run('one client (bench:http traffic)', () => ({ userAgent: 'autocannon', referrer: null, ip: '127.0.0.1', country: null }));
await run('varied (2,000 visitors)', (i) => ({
  userAgent: AGENTS[(i * 7) % AGENTS.length]!,
  referrer: REFERRERS[i % REFERRERS.length]!,
  ip: `198.51.${(i * 13) % 8}.${(i * 31) % 250}`,
  country: COUNTRIES[i % COUNTRIES.length]!,
}));
// Scan i is visitor i (an address of its own), agents and referrers as above.
await run('audience (every scan a new visitor)', (i) => ({
  campaignId: campaignIds[i % campaignIds.length]!,
  userAgent: AGENTS[(i * 7) % AGENTS.length]!,
  referrer: REFERRERS[i % REFERRERS.length]!,
  ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  country: COUNTRIES[i % COUNTRIES.length]!,
}));
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
