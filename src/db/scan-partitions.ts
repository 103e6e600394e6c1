// Monthly partitions of the raw scans table on PostgreSQL (migration 0016): made ahead of time,
// and dropped whole once every scan in them is past retention. On SQLite the table is not
// partitioned and every function here does nothing; retention there deletes rows.
//
// Partitions cover UTC calendar months of occurred_at, [start, next start) in epoch ms, and are
// named scans_YYYY_MM; scans_default catches a scan whose month has none yet.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Months ahead of the current one that always have a partition. */
export const SCAN_PARTITION_MONTHS_AHEAD = 2;
// DDL on a partition takes a lock on scans that waits for running queries, and every scan
// flush queues behind a waiting DDL statement: give up quickly and try again next hour.
const LOCK_TIMEOUT = '2s';
// Years whose months get partitions; a scan outside them stays in the default partition.
const FIRST = Date.UTC(1970, 0, 1);
const LAST = Date.UTC(10000, 0, 1);

/** One partition of scans: a month [from, to), or the default one (from and to null). */
export interface ScanPartition {
  name: string;
  from: number | null;
  to: number | null;
}

/** What one maintenance run changed. */
export interface PartitionMaintenance {
  created: string[];
  dropped: string[];
}

function monthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextMonth(start: number): number {
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The partition name for the month of `ms`, e.g. scans_2026_12. */
export function scanPartitionName(ms: number): string {
  const d = new Date(monthStart(ms));
  return `scans_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** True when scans is a partitioned table (PostgreSQL after migration 0016). */
export async function scansArePartitioned(db: Kysely<any>): Promise<boolean> {
  if (!isPostgres(db)) return false;
  const { rows } = await sql<{ kind: string }>`select relkind as kind from pg_class where oid = to_regclass('scans')`.execute(db);
  return rows[0]?.kind === 'p';
}

/** The partitions of scans, months in time order, then the default one; empty when not partitioned. */
export async function listScanPartitions(db: Kysely<any>): Promise<ScanPartition[]> {
  if (!(await scansArePartitioned(db))) return [];
  const { rows } = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = to_regclass('scans')`.execute(db);
  const partitions = rows.map((r): ScanPartition => {
    // FOR VALUES FROM ('1764547200000') TO ('1767225600000'), or DEFAULT
    const range = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(r.bound);
    return { name: r.name, from: range ? Number(range[1]) : null, to: range ? Number(range[2]) : null };
  });
  return partitions.sort((a, b) => (a.from ?? Number.POSITIVE_INFINITY) - (b.from ?? Number.POSITIVE_INFINITY));
}

// Runs DDL on scans' partitions: one transaction, serialised across instances (two hourly jobs
// must not both create a month), waiting at most LOCK_TIMEOUT for locks.
async function partitionDdl(db: Kysely<any>, work: (trx: Kysely<any>) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select set_config('lock_timeout', ${LOCK_TIMEOUT}, true)`.execute(trx);
    await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.scans partitions'))`.execute(trx);
    await work(trx);
  });
}

// Creates the month starting at `start` unless it exists. Scans of that month already in the
// default partition (PostgreSQL refuses a new partition while the default holds rows of its
// range) move into the new table before it is attached.
async function createMonth(db: Kysely<any>, start: number): Promise<boolean> {
  const name = scanPartitionName(start);
  const end = nextMonth(start);
  let created = false;
  await partitionDdl(db, async (trx) => {
    if ((await listScanPartitions(trx)).some((p) => p.from === start)) return;
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from (select 1 from scans_default where occurred_at >= ${start} and occurred_at < ${end} limit 1) as any_row`.execute(trx);
    if (Number(rows[0]?.n ?? 0) === 0) {
      await sql`create table ${sql.id(name)} partition of scans for values from (${sql.lit(start)}) to (${sql.lit(end)})`.execute(trx);
    } else {
      await sql`create table ${sql.id(name)} (like scans including defaults including constraints)`.execute(trx);
      await sql`insert into ${sql.id(name)} select * from scans_default where occurred_at >= ${start} and occurred_at < ${end}`.execute(trx);
      await sql`delete from scans_default where occurred_at >= ${start} and occurred_at < ${end}`.execute(trx);
      await sql`alter table scans attach partition ${sql.id(name)} for values from (${sql.lit(start)}) to (${sql.lit(end)})`.execute(trx);
    }
    created = true;
  });
  return created;
}

// Months with rows in the default partition (normally none: it is empty, and this is one probe).
async function monthsInDefault(db: Kysely<any>): Promise<number[]> {
  const { rows } = await sql<{ start: number | string }>`
    select distinct (extract(epoch from date_trunc('month', to_timestamp(occurred_at / 1000.0) at time zone 'UTC')) * 1000)::bigint as start
    from scans_default where occurred_at >= ${FIRST} and occurred_at < ${LAST}`.execute(db);
  return rows.map((r) => Number(r.start));
}

/**
 * Makes sure every month from `fromMs` to `toMs` (inclusive) has a partition; returns the names
 * created. Rows of those months found in the default partition move into them.
 */
export async function ensureScanPartitions(db: Kysely<any>, fromMs: number, toMs: number): Promise<string[]> {
  if (!(await scansArePartitioned(db))) return [];
  const existing = new Set((await listScanPartitions(db)).map((p) => p.from));
  const created: string[] = [];
  for (let start = monthStart(Math.max(FIRST, fromMs)); start <= Math.min(toMs, LAST - 1); start = nextMonth(start)) {
    if (!existing.has(start) && (await createMonth(db, start))) created.push(scanPartitionName(start));
  }
  return created;
}

/**
 * Drops every month partition whose whole range is before `cutoffMs`; returns the names dropped.
 * Rows before the cutoff in the month it falls in, or in the default partition, stay: the
 * caller deletes those rows, so retention is exact.
 */
export async function dropScanPartitionsBefore(db: Kysely<any>, cutoffMs: number): Promise<string[]> {
  const dropped: string[] = [];
  for (const partition of await listScanPartitions(db)) {
    if (partition.to === null || partition.to > cutoffMs) continue;
    await partitionDdl(db, async (trx) => {
      await sql`drop table if exists ${sql.id(partition.name)}`.execute(trx);
    });
    dropped.push(partition.name);
  }
  return dropped;
}

/**
 * The hourly upkeep: partitions for this month and the next SCAN_PARTITION_MONTHS_AHEAD, and for
 * any unexpired month whose scans sit in the default partition; then drops the months entirely
 * before `cutoffMs`. A no-op where scans is not partitioned (SQLite).
 */
export async function maintainScanPartitions(db: Kysely<any>, nowMs: number, cutoffMs: number): Promise<PartitionMaintenance> {
  if (!(await scansArePartitioned(db))) return { created: [], dropped: [] };
  let ahead = monthStart(nowMs);
  for (let i = 0; i < SCAN_PARTITION_MONTHS_AHEAD; i++) ahead = nextMonth(ahead);
  const created = await ensureScanPartitions(db, nowMs, ahead);
  for (const start of await monthsInDefault(db)) {
    if (nextMonth(start) > cutoffMs) created.push(...(await ensureScanPartitions(db, start, start)));
  }
  const dropped = await dropScanPartitionsBefore(db, cutoffMs);
  return { created, dropped };
}
