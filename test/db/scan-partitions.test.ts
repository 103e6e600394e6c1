// Monthly scan partitions on PostgreSQL (migration 0016, src/db/scan-partitions.ts), and the
// retention sweep that drops whole months there and deletes rows on SQLite: both dialects must
// keep exactly the same scans.
import { type Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { isUniqueViolation } from '../../src/db/dialect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import type { Database } from '../../src/db/schema.ts';
import { ensureScanPartitions, listScanPartitions, maintainScanPartitions, scanPartitionName, scansArePartitioned } from '../../src/db/scan-partitions.ts';
import { sweepScanRetention } from '../../src/modules/scans/retention.ts';
import { batchToken, scanIdBoundAt, scanIdsOf } from '../../src/modules/scans/scan-id.ts';
import { insertScans, type StoredProfile } from '../../src/modules/scans/scan.repo.ts';
import { createTestApp } from '../helpers/app.ts';
import { ManualClock } from '../helpers/clock.ts';
import { parseCsv } from '../helpers/csv.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';
import { tenant } from '../helpers/tenants.ts';

const DAY = 86_400_000;
const ACCOUNT = 'acc_part';
const CAMPAIGN = 'cmp_part';
const at = (iso: string) => Date.parse(iso);

const PROFILE: StoredProfile = {
  account_id: ACCOUNT,
  campaign_id: CAMPAIGN,
  user_agent: 'ua',
  referrer: null,
  ip: '198.51.100.0',
  country: 'FR',
  kind: 'scan',
  is_bot: 0,
  os: 'iOS',
  browser: 'Safari',
  device_type: 'mobile',
  referrer_host: null,
};

async function owner(db: Kysely<Database>): Promise<void> {
  await db.insertInto('accounts').values({ id: ACCOUNT, slug: 'part', name: 'Partitions', created_at: 1, updated_at: 1 }).execute();
  await sql`insert into campaigns (id, account_id, name, qr_type, destination, short_code, design_config, created_at, updated_at)
    values (${CAMPAIGN}, ${ACCOUNT}, 'c', 'url', 'https://example.com/', 'partcode', '{}', 1, 1)`.execute(db);
}

/** Stores one scan per time through the flush's own statement; returns the ids. */
async function store(db: Kysely<Database>, times: number[]): Promise<string[]> {
  const ids = scanIdsOf(times, batchToken());
  await insertScans(db, { ids, times, profileOf: times.map(() => 0), profiles: [PROFILE] });
  return ids;
}

async function allScans(db: Kysely<Database>) {
  return db.selectFrom('scans').selectAll().orderBy('id').execute();
}

/** Which table each scan's row lives in, by occurred_at (PostgreSQL). */
async function homes(db: Kysely<Database>): Promise<Record<string, string>> {
  const { rows } = await sql<{ occurred_at: number; home: string }>`select occurred_at, tableoid::regclass::text as home from scans order by occurred_at`.execute(db);
  return Object.fromEntries(rows.map((r) => [new Date(Number(r.occurred_at)).toISOString(), r.home.replace(/^.*\./, '')]));
}

async function tableExists(db: Kysely<Database>, name: string): Promise<boolean> {
  const { rows } = await sql<{ oid: string | null }>`select to_regclass(${name})::text as oid`.execute(db);
  return rows[0]?.oid !== null;
}

function sweepContext(db: Kysely<Database>, now: string, retentionDays: number) {
  return { db, clock: new ManualClock(now), config: { scanRetentionDays: retentionDays } as AppContext['config'] };
}

describeDialects('scan partitions', (dialect) => {
  const postgres = dialect === 'postgres';
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.destroy();
    database = undefined;
  });

  it('migration 0016 moves a populated scans table into monthly partitions without losing a row', async () => {
    database = await createTestDatabase(dialect, { migrate: false });
    const db = database.handle.db;
    const schema = postgres ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
    const before = await migrator.migrateTo('0015_campaign_schedule');
    expect(before.error).toBeUndefined();
    await owner(db);
    const times = [at('2024-11-30T23:59:59.999Z'), at('2024-12-01T00:00:00.000Z'), at('2024-12-31T12:00:00Z'), at('2025-02-10T08:00:00Z'), at('1969-07-20T20:17:00Z')];
    await store(db, times);
    const rows = await allScans(db);
    expect(rows).toHaveLength(times.length);

    // Migrations after 0016 may follow; it is the first to run here.
    expect((await migrateToLatest(db))[0]).toBe('0016_scan_partitions');
    expect(await allScans(db)).toEqual(rows);
    expect(await scansArePartitioned(db)).toBe(postgres);
    if (!postgres) return;
    // Its down migration restores the plain table with every row.
    expect((await migrator.migrateTo('0015_campaign_schedule')).error).toBeUndefined();
    expect(await scansArePartitioned(db)).toBe(false);
    expect(await allScans(db)).toEqual(rows);
    expect((await migrateToLatest(db))[0]).toBe('0016_scan_partitions');
    expect(await allScans(db)).toEqual(rows);
    expect(await homes(db)).toEqual({
      '1969-07-20T20:17:00.000Z': 'scans_default',
      '2024-11-30T23:59:59.999Z': 'scans_2024_11',
      '2024-12-01T00:00:00.000Z': 'scans_2024_12',
      '2024-12-31T12:00:00.000Z': 'scans_2024_12',
      '2025-02-10T08:00:00.000Z': 'scans_2025_02',
    });
    // This month and the next two exist before any scan of theirs arrives; a month without scans does not.
    const names = (await listScanPartitions(db)).map((p) => p.name);
    const now = Date.now();
    for (const month of [now, now + 31 * DAY, now + 62 * DAY]) expect(names).toContain(scanPartitionName(month));
    expect(names).not.toContain('scans_2025_01');
    expect(names.at(-1)).toBe('scans_default');
    // The key PostgreSQL allows on a partitioned table includes the partition key.
    const { rows: keys } = await sql<{ def: string }>`select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = to_regclass('scans') and contype = 'p'`.execute(db);
    expect(keys.map((k) => k.def)).toEqual(['PRIMARY KEY (id, occurred_at)']);
  });

  it('a scan stored again (same id, hence same time) is refused, and the scan stays stored once', async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    await owner(db);
    const times = [at('2024-01-31T23:59:59.999Z'), at('2024-02-01T00:00:00.000Z')];
    const ids = await store(db, times);
    // An id carries its scan's time, so a replay of the row can only target the same partition.
    ids.forEach((id, i) => {
      expect(id >= scanIdBoundAt(times[i]!) && id < scanIdBoundAt(times[i]! + 1)).toBe(true);
    });
    const replay = await insertScans(db, { ids, times, profileOf: [0, 0], profiles: [PROFILE] }).catch((error: unknown) => error);
    expect(isUniqueViolation(replay)).toBe(true);
    const one = await insertScans(db, { ids: [ids[1]!], times: [times[1]!], profileOf: [0], profiles: [PROFILE] }).catch((error: unknown) => error);
    expect(isUniqueViolation(one)).toBe(true);
    expect((await allScans(db)).map((r) => r.id)).toEqual(ids);
  });

  it.runIf(postgres)('scans on either side of a month boundary land in their own month partitions', async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    await owner(db);
    expect(await ensureScanPartitions(db, at('2024-01-15T00:00:00Z'), at('2024-03-02T00:00:00Z'))).toEqual(['scans_2024_01', 'scans_2024_02', 'scans_2024_03']);
    // Running again creates nothing.
    expect(await ensureScanPartitions(db, at('2024-01-01T00:00:00Z'), at('2024-03-31T00:00:00Z'))).toEqual([]);
    await store(db, [at('2024-01-31T23:59:59.999Z'), at('2024-02-01T00:00:00.000Z'), at('2024-02-29T23:59:59.999Z'), at('2024-03-01T00:00:00.000Z')]);
    expect(await homes(db)).toEqual({
      '2024-01-31T23:59:59.999Z': 'scans_2024_01',
      '2024-02-01T00:00:00.000Z': 'scans_2024_02',
      '2024-02-29T23:59:59.999Z': 'scans_2024_02',
      '2024-03-01T00:00:00.000Z': 'scans_2024_03',
    });
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from pg_inherits where inhparent = to_regclass('scans') and inhrelid = to_regclass('scans_2024_02')`.execute(db);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it.runIf(postgres)('scans that landed in the default partition move into their month when it is created', async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    await owner(db);
    await store(db, [at('2024-07-01T00:00:00Z'), at('2024-07-31T23:59:59.999Z'), at('2024-08-15T00:00:00Z'), at('2024-09-02T00:00:00Z')]);
    expect(new Set(Object.values(await homes(db)))).toEqual(new Set(['scans_default']));
    const rows = await allScans(db);

    // PostgreSQL would refuse a plain CREATE … PARTITION OF here (the default holds July rows).
    expect(await ensureScanPartitions(db, at('2024-07-10T00:00:00Z'), at('2024-07-10T00:00:00Z'))).toEqual(['scans_2024_07']);
    expect(await homes(db)).toMatchObject({ '2024-07-01T00:00:00.000Z': 'scans_2024_07', '2024-07-31T23:59:59.999Z': 'scans_2024_07', '2024-08-15T00:00:00.000Z': 'scans_default' });

    // The hourly upkeep finds the other unexpired months in the default partition by itself.
    const upkeep = await maintainScanPartitions(db, at('2024-09-05T00:00:00Z'), at('2024-01-01T00:00:00Z'));
    expect(upkeep.created.sort()).toEqual(['scans_2024_08', 'scans_2024_09', 'scans_2024_10', 'scans_2024_11']);
    expect(upkeep.dropped).toEqual([]);
    expect(new Set(Object.values(await homes(db)))).toEqual(new Set(['scans_2024_07', 'scans_2024_08', 'scans_2024_09']));
    expect(await allScans(db)).toEqual(rows);
    // Moved rows keep the key: storing one again is still refused.
    const again = await insertScans(db, { ids: [rows[0]!.id], times: [rows[0]!.occurred_at], profileOf: [0], profiles: [PROFILE] }).catch((error: unknown) => error);
    expect(isUniqueViolation(again)).toBe(true);
  });

  it('retention keeps exactly the scans at or after the cutoff: whole months dropped on PostgreSQL, rows deleted on SQLite', async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    await owner(db);
    await ensureScanPartitions(db, at('2024-01-01T00:00:00Z'), at('2024-04-30T00:00:00Z'));
    const now = '2024-04-14T12:00:00.000Z';
    const cutoff = at(now) - 30 * DAY; // 2024-03-15T12:00:00Z
    const times = [
      at('2023-12-20T00:00:00Z'), // default partition on PostgreSQL, expired: a row delete
      at('2024-01-05T00:00:00Z'),
      at('2024-02-29T23:59:59.999Z'),
      at('2024-03-01T00:00:00Z'),
      cutoff - 1,
      cutoff,
      at('2024-04-01T00:00:00Z'),
    ];
    await store(db, times);
    const result = await sweepScanRetention(sweepContext(db, now, 30));
    const left = (await allScans(db)).map((r) => r.occurred_at);
    expect(left).toEqual([cutoff, at('2024-04-01T00:00:00Z')]);
    if (postgres) {
      expect(result.partitions.dropped).toEqual(['scans_2024_01', 'scans_2024_02']);
      expect(await tableExists(db, 'scans_2024_01')).toBe(false);
      expect(await tableExists(db, 'scans_2024_02')).toBe(false);
      expect(await tableExists(db, 'scans_2024_03')).toBe(true);
      // Only the boundary month and the default partition needed row deletes.
      expect(result.scansDeleted).toBe(3);
      expect(result.partitions.created).toEqual(['scans_2024_05', 'scans_2024_06']);
    } else {
      expect(result.partitions).toEqual({ created: [], dropped: [] });
      expect(result.scansDeleted).toBe(5);
    }
    // A second sweep finds nothing more to remove.
    const again = await sweepScanRetention(sweepContext(db, now, 30));
    expect(again.scansDeleted).toBe(0);
    expect(again.partitions).toEqual({ created: [], dropped: [] });
  });

  it('reports and the CSV export read across month partitions, and a sweep that drops a month leaves the reports as they were', async () => {
    const t = await createTestApp(dialect, { clock: new ManualClock('2026-03-10T15:00:00Z'), env: { TESSERA_SCAN_RETENTION_DAYS: '30' } });
    try {
      const db = t.app.ctx.db;
      await ensureScanPartitions(db, at('2026-01-01T00:00:00Z'), at('2026-03-31T00:00:00Z'));
      const me = await tenant(t);
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'c', destination: 'https://example.com/' } });
      const c = created.json() as { id: string; short_code: string };
      const times = ['2026-01-31T23:30:00.000Z', '2026-02-01T00:30:00.000Z', '2026-02-20T10:00:00.000Z', '2026-03-05T10:00:00.000Z'];
      for (const [i, time] of times.entries()) {
        t.clock.set(time);
        const response = await t.app.inject({
          method: 'GET',
          url: `/${c.short_code}`,
          remoteAddress: `203.0.113.${i + 1}`,
          headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' },
        });
        expect(response.statusCode).toBe(302);
      }
      t.clock.set('2026-03-10T15:00:00Z');
      await t.app.ctx.scans.flush();
      if (postgres) expect(Object.values(await homes(db))).toEqual(['scans_2026_01', 'scans_2026_02', 'scans_2026_02', 'scans_2026_03']);

      const reports = async () => {
        const read = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: me.headers })).json();
        return Promise.all([
          read('/api/v1/analytics/overview'),
          read('/api/v1/analytics/timeline?from=2026-01-01&to=2026-03-10'),
          read(`/api/v1/analytics/campaign/${c.id}/devices?from=2026-01-01&to=2026-03-10`),
        ]);
      };
      const exported = async () => {
        const response = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/campaign/${c.id}/export.csv?from=2026-01-01&to=2026-03-10`, headers: me.headers });
        return parseCsv(response.body)
          .slice(1)
          .map((row) => row[0]);
      };
      const before = await reports();
      expect(before[0].data).toMatchObject({ total_scans: 4, unique_scans: 4 });
      expect(await exported()).toEqual(times);

      const result = await sweepScanRetention(t.app.ctx);
      expect(result.partitions.dropped).toEqual(postgres ? ['scans_2026_01'] : []);
      expect(await exported()).toEqual(times.slice(2));
      expect(await reports()).toEqual(before);
    } finally {
      await t.close();
    }
  });

  it.runIf(postgres)('two instances running the upkeep at once create each month once', async () => {
    database = await createTestDatabase(dialect);
    const other = database.connectAgain();
    try {
      const [a, b] = await Promise.all([
        maintainScanPartitions(database.handle.db, at('2024-05-10T00:00:00Z'), at('2023-01-01T00:00:00Z')),
        maintainScanPartitions(other.db, at('2024-05-10T00:00:00Z'), at('2023-01-01T00:00:00Z')),
      ]);
      expect([...a.created, ...b.created].sort()).toEqual(['scans_2024_05', 'scans_2024_06', 'scans_2024_07']);
    } finally {
      await other.close();
    }
  });
});
