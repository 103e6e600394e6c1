// node bench/scan-capture.bench.ts — CPU per scan of the whole capture path without HTTP: the
// recorder as the redirect uses it (ctx.scans.record), its buffer, the hand-off to the SQLite scan
// writer thread and that thread's flush. Splits this thread (the event loop's share of a scan)
// from the rest of the process (the writer thread, GC), as bench/http-cpu.ts does under HTTP load,
// but without the HTTP noise: the figure to compare before and after a change to capture.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { newId } from '../src/ids.ts';
import { createCampaign } from '../src/modules/campaigns/campaign.service.ts';
import { createScanRecorder } from '../src/modules/scans/index.ts';

const SCANS = Number(process.env.BENCH_SCANS ?? 300_000);
// Scans a second, as bench:http's redirects at 0.8× a bare node:http server.
const RATE = Number(process.env.BENCH_RATE ?? 60_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-capture-'));
const config = loadConfig({ TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: '7e'.repeat(32) });
const database = connectDatabase({ dialect: 'sqlite', url: config.databaseUrl });
await migrateToLatest(database.db);
const accountId = newId('acc');
const now = Date.now();
await database.db.insertInto('accounts').values({ id: accountId, slug: 'bench', name: 'Bench', created_at: now, updated_at: now }).execute();
const campaign = await createCampaign(
  { db: database.db, clock: { now: () => Date.now() }, config: config as AppContext['config'] },
  { accountId, testMode: false },
  {
    name: 'bench',
    qr_type: 'dynamic',
    destination: 'https://example.com/landing',
  },
);
const log = { error: console.error, warn: console.error, info: () => {}, debug: () => {} } as unknown as AppContext['log'];
const scans = createScanRecorder({ db: database.db, dialect: 'sqlite', config: config as AppContext['config'], log, metrics: undefined });

async function run(count: number, record = true): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < count; ) {
    const due = Math.min(count, Math.floor(((performance.now() - started) * RATE) / 1000));
    if (!record) i = due;
    for (let j = 0; i < due; i++, j++) {
      // What captureScan builds per request, header strings fresh as the HTTP parser makes them.
      scans.record({
        campaignId: campaign.id,
        accountId,
        occurredAt: Date.now(),
        userAgent: `autocannon${''.padEnd(j & 1)}`.trim(),
        referrer: null,
        ip: '127.0.0.1',
        country: null,
        kind: 'scan',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await scans.flush();
}

await run(50_000); // warm-up: JIT, the writer thread, its statements
// The pacing loop's own cost (timers, idle wake-ups), measured alone and subtracted.
const measure = async (record: boolean) => {
  const mainBefore = process.threadCpuUsage();
  const allBefore = process.cpuUsage();
  await run(SCANS, record);
  const main = process.threadCpuUsage(mainBefore);
  const all = process.cpuUsage(allBefore);
  return { main: main.user + main.system, other: all.user + all.system - main.user - main.system };
};
const idle = await measure(false);
const busy = await measure(true);
const mainUs = (busy.main - idle.main) / SCANS;
const otherUs = (busy.other - idle.other) / SCANS;
console.log(`capture: event loop ${mainUs.toFixed(2)} µs + other threads ${otherUs.toFixed(2)} µs = ${(mainUs + otherUs).toFixed(2)} µs per scan`);
await scans.close();
const row = await database.db
  .selectFrom('scans')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
if (Number(row.n) !== SCANS + 50_000) console.error(`stored ${row.n} scans, expected ${SCANS + 50_000}`);
if (process.env.BENCH_IDLE) console.log(`pacing loop alone: ${(idle.main / SCANS).toFixed(2)} + ${(idle.other / SCANS).toFixed(2)} µs per scan's time`);
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
