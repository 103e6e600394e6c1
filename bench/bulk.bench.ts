// npm run bench:bulk — POST /api/v1/qrs/bulk with 1,000 dynamic codes on SQLite, through
// app.inject (no network), median of 5 runs, without and with inlined SVGs.
// Targets: ≤ 300 ms without SVGs, ≤ 500 ms with.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { systemClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { newId } from '../src/ids.ts';
import { createApiKey } from '../src/modules/accounts/index.ts';

const RUNS = 5;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bulk-bench-'));
const config = loadConfig({ TESSERA_DATA_DIR: dir, LOG_LEVEL: 'warn', TESSERA_MASTER_KEY: '7e'.repeat(32), TESSERA_WORKER: 'false' });
const database = connectDatabase({ dialect: 'sqlite', url: config.databaseUrl });
await migrateToLatest(database.db);
const accountId = newId('acc');
await database.db.insertInto('accounts').values({ id: accountId, slug: 'bench', name: 'Bench', created_at: Date.now(), updated_at: Date.now() }).execute();
const app = await buildApp(config, { database, startWorker: false });
await app.ready();
// A real key, as a client sends it: a hook setting request.principal ran before the app's own
// authentication hook, which then answered 401 to every request of the benchmark.
const { fullKey } = await createApiKey({ db: database.db, clock: systemClock, dialect: database.dialect }, accountId, { env: 'prd', name: 'bench' });
const headers = { 'x-api-key': fullKey };

async function measure(label: string, inline: boolean, target: number): Promise<boolean> {
  const times: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const urls = Array.from({ length: 1000 }, (_, i) => `https://my-event.com/ticket/${run}-${i}`);
    const started = performance.now();
    const response = await app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers, payload: { urls, qr_type: 'dynamic', design_config: {}, inline_svg: inline } });
    const elapsed = performance.now() - started;
    if (response.statusCode !== 201) throw new Error(`bulk failed: ${response.statusCode} ${response.body.slice(0, 300)}`);
    if (run > 0) times.push(elapsed); // the first run warms up the JIT
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(34)} median ${median.toFixed(0).padStart(4)} ms  (runs: ${times.map((t) => t.toFixed(0)).join(', ')})  target ≤ ${target} ms`);
  return median <= target;
}

const plain = await measure('1,000 dynamic codes', false, 300);
const inlined = await measure('1,000 dynamic codes + inline SVG', true, 500);
await app.close();
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = plain && inlined ? 0 : 1;
