// node bench/http-seed.ts tessera|tessera-static <env JSON> [campaigns] — prepares the data
// directory of the bench:http Tessera server with the environment bench/http-server.js then serves
// with: migrations, one account, one campaign (dynamic for `tessera`, static for `tessera-static`;
// `campaigns` of them for bench/http-varied.bench.ts), and prints their short codes on one line. A process of its own, run before the server starts:
// production's `tessera serve` seeds nothing, so the measured server must not carry the seeding's
// modules and garbage either.
import { currentServerBuild } from '../bin/server-build.js';
import type { AppContext } from '../src/context.ts';

const [mode, envJson, count = '1'] = process.argv.slice(2);
if ((mode !== 'tessera' && mode !== 'tessera-static') || !envJson) {
  console.error('usage: node bench/http-seed.ts tessera|tessera-static <env JSON>');
  process.exit(2);
}
// The same code as the server (bench/http-server.js): the build, or the sources.
const root = process.env.BENCH_SOURCES !== '1' && currentServerBuild() ? '../dist' : '../src';
const ext = root === '../dist' ? 'js' : 'ts';
const load = <T>(file: string): Promise<T> => import(`${root}/${file}.${ext}`) as Promise<T>;
const { loadConfig } = await load<typeof import('../src/config.ts')>('config');
const { connectDatabase } = await load<typeof import('../src/db/connect.ts')>('db/connect');
const { migrateToLatest } = await load<typeof import('../src/db/migrate.ts')>('db/migrate');
const { newId } = await load<typeof import('../src/ids.ts')>('ids');
const { createCampaign } = await load<typeof import('../src/modules/campaigns/campaign.service.ts')>('modules/campaigns/campaign.service');

const config = loadConfig(JSON.parse(envJson) as Record<string, string>);
const database = connectDatabase({ dialect: 'sqlite', url: config.databaseUrl });
await migrateToLatest(database.db);
const now = Date.now();
const accountId = newId('acc');
await database.db.insertInto('accounts').values({ id: accountId, slug: 'bench', name: 'Bench', created_at: now, updated_at: now }).execute();
const codes: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const campaign = await createCampaign(
    { db: database.db, clock: { now: () => Date.now() }, config: config as AppContext['config'] },
    { accountId, testMode: false },
    {
      name: `bench ${i + 1}`,
      qr_type: mode === 'tessera' ? 'dynamic' : 'static',
      destination: 'https://example.com/landing',
    },
  );
  codes.push(campaign.shortCode);
}
await database.close();
console.log(codes.join(' '));
