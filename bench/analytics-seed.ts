// Seeds a database for the analytics bench: one account, N campaigns and M scans spread over the
// last D days, produced by the real ingest functions (classification, visitor hash, unique
// sightings, rollup deltas) and loaded with big multi-row INSERTs — the flush's own chunked
// upserts would take several minutes for a million scans on two cores. Bench tooling only: the
// raw driver calls below are why this file, unlike src/, talks to each dialect directly.
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { toFlag } from '../src/db/dialect.ts';
import { BUCKET_MS } from '../src/db/scan-rollups.ts';
import { groupScans, type RollupDelta, rollupDeltas, uniqueSightings } from '../src/modules/scans/rollup-deltas.ts';
import { type ClassifiedScan, countryCode, referrerHost } from '../src/modules/scans/scan-ingest.ts';
import { classifyUserAgent, type UaClass } from '../src/modules/scans/ua-classifier.ts';
import { utcDayNumber, VisitorHasher } from '../src/modules/scans/visitor-hash.ts';
import { anonymiseIp } from '../src/modules/scans/ip.ts';
import { batchToken, scanIdsOf } from '../src/modules/scans/scan-id.ts';
import { mulberry32 as prng } from '../test/helpers/prng.ts';

const DAY = 86_400_000;

// Share of traffic per agent, roughly what a QR campaign sees (phones first, some unfurlers).
const AGENTS: Array<[number, string]> = [
  [34, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'],
  [28, 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.113 Mobile Safari/537.36'],
  [6, 'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36'],
  [4, 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'],
  [8, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67'],
  [5, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'],
  [2, 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0'],
  [1, 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36'],
  [5, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 330.0.0.40.92'],
  [3, 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
  [2, 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
  [1, 'WhatsApp/2.23.20.0 A'],
  [1, 'curl/8.5.0'],
];
const REFERRERS = [null, null, null, null, null, null, 'https://www.instagram.com/', 'https://l.facebook.com/', 'https://t.co/abc', 'https://news.example/post', 'https://www.google.com/'];
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'IN', 'BR', 'JP', 'ES', 'IT', 'NL', 'CA', 'AU', 'MX', 'PL', 'SE', null];

/** What to seed. */
export interface SeedPlan {
  accountId: string;
  campaigns: number;
  scans: number;
  days: number;
  /** End of the seeded period (the bench clock). */
  now: number;
  masterKey: Buffer;
}

/** Bulk loading into one database. */
export interface BulkLoader {
  insert(table: string, columns: string[], types: string[], rows: unknown[][]): Promise<void>;
  analyze(): Promise<void>;
  close(): Promise<void>;
}

/** A loader over a raw SQLite connection: one prepared multi-row INSERT, one transaction per call. */
export function sqliteLoader(file: string): BulkLoader {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const statements = new Map<string, SqliteDatabase.Statement>();
  const PER = 200;
  return {
    async insert(table, columns, _types, rows) {
      const statement = (n: number) => {
        const key = `${table}:${n}`;
        let s = statements.get(key);
        if (!s) {
          const one = `(${columns.map(() => '?').join(',')})`;
          s = db.prepare(`insert into ${table} (${columns.join(',')}) values ${Array(n).fill(one).join(',')}`);
          statements.set(key, s);
        }
        return s;
      };
      db.transaction(() => {
        for (let i = 0; i < rows.length; i += PER) {
          const chunk = rows.slice(i, i + PER);
          statement(chunk.length).run(chunk.flat());
        }
      })();
    },
    async analyze() {
      db.exec('analyze');
    },
    async close() {
      db.close();
    },
  };
}

/** A loader over a pg client: INSERT … SELECT FROM unnest(arrays), 20,000 rows per statement. */
export async function postgresLoader(url: string, schema: string): Promise<BulkLoader> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const PER = 20_000;
  return {
    async insert(table, columns, types, rows) {
      await client.query('begin');
      for (let i = 0; i < rows.length; i += PER) {
        const chunk = rows.slice(i, i + PER);
        const arrays = columns.map((_, c) => chunk.map((row) => row[c]));
        await client.query(`insert into ${table} (${columns.join(',')}) select * from unnest(${types.map((t, n) => `$${n + 1}::${t}[]`).join(',')})`, arrays);
      }
      await client.query('commit');
    },
    async analyze() {
      await client.query('analyze');
    },
    async close() {
      await client.end();
    },
  };
}

const SCAN_COLUMNS = ['id', 'account_id', 'campaign_id', 'occurred_at', 'user_agent', 'referrer', 'ip', 'country', 'kind', 'is_bot', 'os', 'browser', 'device_type', 'referrer_host'];
const SCAN_TYPES = ['text', 'text', 'text', 'bigint', 'text', 'text', 'text', 'text', 'text', 'integer', 'text', 'text', 'text', 'text'];
const ROLLUP_COLUMNS = ['account_id', 'campaign_id', 'dimension', 'bucket', 'value', 'is_bot', 'scans', 'uniques'];
const ROLLUP_TYPES = ['text', 'text', 'text', 'integer', 'text', 'integer', 'integer', 'integer'];
const BATCH = 50_000;

function rollupRow(r: RollupDelta): unknown[] {
  return [r.accountId, r.campaignId, r.dimension, r.bucket, r.value, toFlag(r.isBot), r.scans, r.uniques];
}

/**
 * Seeds the plan's account, campaigns, raw scans and rollups; returns the campaign ids and the
 * rollup row count. Campaigns are generated one after another, so their rollup rows arrive in
 * primary-key order (appends, not random index inserts); account-wide rows are merged in memory
 * and written last.
 */
export async function seed(loader: BulkLoader, plan: SeedPlan): Promise<{ campaignIds: string[]; rollupRows: number }> {
  const random = prng(1_000_003);
  const start = plan.now - plan.days * DAY;
  await loader.insert('accounts', ['id', 'slug', 'name', 'created_at', 'updated_at'], ['text', 'text', 'text', 'bigint', 'bigint'], [[plan.accountId, 'bench', 'Bench', start, start]]);
  const campaignIds = Array.from({ length: plan.campaigns }, (_, i) => `cmp_bench${String(i).padStart(5, '0')}`);
  await loader.insert(
    'campaigns',
    ['id', 'account_id', 'name', 'qr_type', 'status', 'destination', 'short_code', 'design_config', 'created_at', 'updated_at'],
    ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint'],
    campaignIds.map((id, i) => [id, plan.accountId, `Campaign ${i}`, 'dynamic', i % 20 === 19 ? 'archived' : 'active', 'https://example.com/', `B${String(i).padStart(6, '0')}`, '{}', start, start]),
  );

  // Skewed popularity: a few campaigns get most scans, like real ones.
  const perCampaign = new Array<number>(plan.campaigns).fill(0);
  for (let i = 0; i < plan.scans; i++) perCampaign[Math.floor(random() ** 2 * plan.campaigns)]!++;

  const totalWeight = AGENTS.reduce((n, [w]) => n + w, 0);
  const classes = new Map<string, UaClass>(AGENTS.map(([, ua]) => [ua, classifyUserAgent(ua)]));
  const pickAgent = () => {
    let r = random() * totalWeight;
    for (const [w, ua] of AGENTS) if ((r -= w) < 0) return ua;
    return AGENTS[0]![1];
  };
  const hasher = new VisitorHasher(plan.masterKey);
  const accountRows = new Map<string, RollupDelta>();
  const accountSeen = new Set<string>();
  let scanRows: unknown[][] = [];
  let rollupRows: unknown[][] = [];
  let rollupCount = 0;
  const flushRows = async (force: boolean) => {
    if (scanRows.length >= BATCH || (force && scanRows.length > 0)) {
      await loader.insert('scans', SCAN_COLUMNS, SCAN_TYPES, scanRows);
      scanRows = [];
    }
    if (rollupRows.length >= BATCH || (force && rollupRows.length > 0)) {
      await loader.insert('scan_rollups', ROLLUP_COLUMNS, ROLLUP_TYPES, rollupRows);
      rollupRows = [];
    }
  };

  for (let c = 0; c < plan.campaigns; c++) {
    const campaignId = campaignIds[c]!;
    const scans: ClassifiedScan[] = [];
    for (let i = 0; i < perCampaign[c]!; i++) {
      const occurredAt = start + Math.floor(random() * (plan.now - start));
      const ua = pickAgent();
      const ip = `${10 + Math.floor(random() * 40)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;
      const referrer = REFERRERS[Math.floor(random() * REFERRERS.length)]!;
      const cls = classes.get(ua)!;
      const scan: ClassifiedScan = {
        accountId: plan.accountId,
        campaignId,
        occurredAt,
        kind: 'scan',
        ip: anonymiseIp(ip),
        country: countryCode(COUNTRIES[Math.floor(random() * COUNTRIES.length)]!),
        os: cls.os,
        browser: cls.browser,
        deviceType: cls.deviceType,
        isBot: cls.isBot,
        referrerHost: referrerHost(referrer),
        visitorHash: hasher.hash(ip, ua, occurredAt),
        bucket: Math.floor(occurredAt / BUCKET_MS),
        day: utcDayNumber(occurredAt),
      };
      scans.push(scan);
      scanRows.push([
        scanIdsOf([occurredAt], batchToken())[0]!,
        plan.accountId,
        campaignId,
        occurredAt,
        ua,
        referrer,
        scan.ip,
        scan.country,
        'scan',
        toFlag(scan.isBot),
        scan.os,
        scan.browser,
        scan.deviceType,
        scan.referrerHost,
      ]);
    }
    // As the flush would: campaign-level sightings are all new here; account-level ones only the
    // first time the account sees that visitor on that day.
    const groups = groupScans(scans);
    const fresh = [...uniqueSightings(groups).values()].filter(({ sighting }) => {
      if (sighting.campaignId !== '') return true;
      const key = `${sighting.day}|${sighting.visitorHash}`;
      if (accountSeen.has(key)) return false;
      accountSeen.add(key);
      return true;
    });
    for (const row of rollupDeltas(groups, fresh)) {
      if (row.campaignId !== '') {
        rollupRows.push(rollupRow(row));
        rollupCount++;
        continue;
      }
      const key = `${row.dimension}|${row.bucket}|${row.value}|${row.isBot}`;
      const merged = accountRows.get(key);
      if (merged) {
        merged.scans += row.scans;
        merged.uniques += row.uniques;
      } else accountRows.set(key, { ...row });
    }
    await flushRows(false);
  }
  await flushRows(true);
  const accountSorted = [...accountRows.values()].sort((a, b) =>
    a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : a.bucket - b.bucket || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
  for (let i = 0; i < accountSorted.length; i += BATCH) await loader.insert('scan_rollups', ROLLUP_COLUMNS, ROLLUP_TYPES, accountSorted.slice(i, i + BATCH).map(rollupRow));
  rollupCount += accountSorted.length;
  await loader.analyze();
  return { campaignIds, rollupRows: rollupCount };
}
