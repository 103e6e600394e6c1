// node bench/scan-storage.bench.ts — bytes of storage per million scans on each dialect, for
// sizing (docs/operations.md). Writes BENCH_SCANS scans (default 200,000) of a varied traffic
// shape (2,000 visitors, 13 agents, referrers, countries; 25 scans a second, so rollups span
// hours) through flushScans, the path the scan buffer uses, and measures what the database grew
// by: raw rows, their indexes, unique sightings and rollups. SQLite: used pages after a WAL
// checkpoint. PostgreSQL (TEST_DATABASE_URL or the local test server): pg_total_relation_size of
// every table of a fresh schema (heap, indexes, TOAST).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { newId } from '../src/ids.ts';
import { createCampaign } from '../src/modules/campaigns/campaign.service.ts';
import type { ScanEvent } from '../src/modules/scans/index.ts';
import { flushScans } from '../src/modules/scans/scan.service.ts';
import { SCAN_BATCH_SIZE } from '../src/modules/scans/scans.module.ts';
import { AGENTS, COUNTRIES, REFERRERS } from './scan-samples.ts';

const SCANS = Number(process.env.BENCH_SCANS ?? 200_000);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const config = loadConfig({ TESSERA_DATA_DIR: os.tmpdir(), TESSERA_MASTER_KEY: '7e'.repeat(32) });
const ctxConfig = { ...config, masterKey: Buffer.from('7e'.repeat(32), 'hex') };

async function fill(database: DatabaseHandle): Promise<void> {
  const now = Date.now();
  const accountId = newId('acc');
  await database.db.insertInto('accounts').values({ id: accountId, slug: 'bench', name: 'Bench', created_at: now, updated_at: now }).execute();
  // Ten campaigns, as an account with a few live codes has.
  const campaigns: string[] = [];
  for (let i = 0; i < 10; i++)
    campaigns.push(
      (
        await createCampaign(
          { db: database.db, clock: { now: () => now }, config: ctxConfig },
          { accountId, testMode: false },
          { name: `c${i}`, qr_type: 'dynamic', destination: 'https://example.com/' },
        )
      ).id,
    );
  const ctx = { db: database.db, config: ctxConfig } as Pick<AppContext, 'db' | 'config'>;
  for (let start = 0; start < SCANS; start += SCAN_BATCH_SIZE) {
    const events = Array.from({ length: Math.min(SCAN_BATCH_SIZE, SCANS - start) }, (_, j): ScanEvent => {
      const i = start + j;
      return {
        accountId,
        campaignId: campaigns[i % campaigns.length]!,
        occurredAt: now + Math.floor(i / 25) * 1000,
        userAgent: AGENTS[(i * 7) % AGENTS.length]!,
        referrer: REFERRERS[i % REFERRERS.length]!,
        ip: `198.51.${(i * 13) % 8}.${(i * 31) % 250}`,
        country: COUNTRIES[i % COUNTRIES.length]!,
        kind: 'scan',
      };
    });
    await flushScans(ctx, events);
  }
}

const perMillion = (bytes: number) => `${(((bytes / SCANS) * 1_000_000) / 1_048_576).toFixed(0)} MB per million scans (${(bytes / SCANS).toFixed(0)} bytes a scan)`;

// SQLite: used pages (page_count − freelist_count) after folding the WAL into the file.
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-storage-'));
  const database = connectDatabase({ dialect: 'sqlite', url: path.join(dir, 'tessera.db') });
  await migrateToLatest(database.db);
  const used = async () => {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    const pages = (await sql<{ n: number }>`select (select page_count from pragma_page_count()) - (select freelist_count from pragma_freelist_count()) as n`.execute(database.db)).rows[0]!.n;
    const size = (await sql<{ page_size: number }>`pragma page_size`.execute(database.db)).rows[0]!.page_size;
    return pages * size;
  };
  const before = await used();
  const started = performance.now();
  await fill(database);
  const grown = (await used()) - before;
  console.log(`SQLite:     ${perMillion(grown)}; ${SCANS.toLocaleString('en')} scans written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

// PostgreSQL: every relation of a fresh schema, heap + indexes + TOAST.
{
  const schema = `bench_storage_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL: skipped (${(error as Error).message}; set TEST_DATABASE_URL)`);
    process.exit(0);
  }
  await admin.query(`create schema ${schema}`);
  try {
    const database = connectDatabase({ dialect: 'postgres', url: PG_URL, schema });
    await migrateToLatest(database.db);
    const used = async () => {
      await admin.query('checkpoint').catch(() => {});
      const { rows } = await admin.query(
        `select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 'p', 'm')`,
        [schema],
      );
      return Number(rows[0].n);
    };
    const before = await used();
    const started = performance.now();
    await fill(database);
    await admin.query(`analyze`);
    const grown = (await used()) - before;
    console.log(`PostgreSQL: ${perMillion(grown)}; ${SCANS.toLocaleString('en')} scans written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await database.close();
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
