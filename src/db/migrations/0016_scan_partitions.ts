// Frozen: never import application code here.
// PostgreSQL only: raw scans become a table partitioned by month on occurred_at, so retention
// drops a whole month's partition (a catalog change) instead of deleting and vacuuming millions
// of rows. SQLite keeps its plain table and row deletes (nothing here runs on it).
//
// The existing rows are copied into the new table inside this migration's transaction (Kysely
// runs PostgreSQL migrations in one), so the swap is all or nothing. Keys, indexes and foreign
// keys are added after the copy: one bulk build each instead of per-row maintenance.
//
// PostgreSQL requires the partition key in every unique constraint, so the primary key becomes
// (id, occurred_at). It still stores a scan once: a scan id embeds its occurred_at (scan-id.ts
// writes the time, base36, into the id), so one id never comes with two times, and two rows
// with the same id would share a partition and collide on the key.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const COLUMNS = 'id, account_id, campaign_id, occurred_at, user_agent, referrer, ip, country, kind, is_bot, os, browser, device_type, referrer_host';
// Partitions made ahead of time, so scans of the next months never wait for a DDL statement.
const MONTHS_AHEAD = 2;

function monthStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextMonth(start: number): number {
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function partitionName(start: number): string {
  const d = new Date(start);
  return `scans_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

// Months outside these years keep their rows in the DEFAULT partition (names stay scans_YYYY_MM).
const FIRST = Date.UTC(1970, 0, 1);
const LAST = Date.UTC(10000, 0, 1);

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table scans rename to scans_unpartitioned`.execute(db);
  await sql`
    create table scans (
      id text not null,
      account_id text not null,
      campaign_id text not null,
      occurred_at bigint not null,
      user_agent text,
      referrer text,
      ip text,
      country text,
      kind text not null default 'scan',
      is_bot integer not null default 0,
      os text,
      browser text,
      device_type text,
      referrer_host text
    ) partition by range (occurred_at)`.execute(db);
  // A scan whose month has no partition yet (a clock far off, maintenance not run) still lands.
  await sql`create table scans_default partition of scans default`.execute(db);

  // One partition per month that holds rows, and for this month and the next few.
  const { rows } = await sql<{ start: number | string }>`
    select distinct (extract(epoch from date_trunc('month', to_timestamp(occurred_at / 1000.0) at time zone 'UTC')) * 1000)::bigint as start
    from scans_unpartitioned where occurred_at >= ${sql.lit(FIRST)} and occurred_at < ${sql.lit(LAST)}`.execute(db);
  const starts = new Set(rows.map((r) => Number(r.start)));
  for (let start = monthStart(Date.now()), i = 0; i <= MONTHS_AHEAD; i++, start = nextMonth(start)) starts.add(start);
  for (const start of [...starts].sort((a, b) => a - b)) {
    await sql`create table ${sql.id(partitionName(start))} partition of scans for values from (${sql.lit(start)}) to (${sql.lit(nextMonth(start))})`.execute(db);
  }

  await sql`insert into scans (${sql.raw(COLUMNS)}) select ${sql.raw(COLUMNS)} from scans_unpartitioned`.execute(db);
  await sql`drop table scans_unpartitioned`.execute(db);
  await sql`alter table scans add constraint scans_pkey primary key (id, occurred_at)`.execute(db);
  await sql`create index scans_campaign_time_idx on scans (campaign_id, occurred_at)`.execute(db);
  await sql`alter table scans add constraint scans_account_id_fkey foreign key (account_id) references accounts (id) on delete cascade`.execute(db);
  await sql`alter table scans add constraint scans_campaign_id_fkey foreign key (campaign_id) references campaigns (id) on delete cascade`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    create table scans_plain (
      id text not null,
      account_id text not null,
      campaign_id text not null,
      occurred_at bigint not null,
      user_agent text,
      referrer text,
      ip text,
      country text,
      kind text not null default 'scan',
      is_bot integer not null default 0,
      os text,
      browser text,
      device_type text,
      referrer_host text
    )`.execute(db);
  await sql`insert into scans_plain (${sql.raw(COLUMNS)}) select ${sql.raw(COLUMNS)} from scans`.execute(db);
  // Dropping the partitioned table drops every partition with it.
  await sql`drop table scans`.execute(db);
  await sql`alter table scans_plain rename to scans`.execute(db);
  await sql`alter table scans add constraint scans_pkey primary key (id)`.execute(db);
  await sql`create index scans_campaign_time_idx on scans (campaign_id, occurred_at)`.execute(db);
  await sql`alter table scans add constraint scans_account_id_fkey foreign key (account_id) references accounts (id) on delete cascade`.execute(db);
  await sql`alter table scans add constraint scans_campaign_id_fkey foreign key (campaign_id) references campaigns (id) on delete cascade`.execute(db);
}
