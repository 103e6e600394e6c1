// Rollups must equal a direct count of the raw rows, whatever arrives in whatever batches.
import { afterEach, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import type { ScanEvent } from '../../src/modules/scans/index.ts';
import { encodeScanBatch, nameBatch, partsOf } from '../../src/modules/scans/scan-batch.ts';
import { flushScanBatch, flushScans } from '../../src/modules/scans/scan.service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { tenant } from '../helpers/tenants.ts';
import { mulberry32 as prng } from '../helpers/prng.ts';

const AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.113 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'curl/8.5.0',
];
const REFERRERS = [null, 'https://www.news.example/a', 'https://social.example/p/1', 'garbage'];
const COUNTRIES = [null, 'DE', 'fr', 'US', 'XX'];
const DAY = 86_400_000;
const START = Date.parse('2026-03-01T00:00:00Z');

describeDialects('scan rollups', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function campaigns(app: TestApp, headers: Record<string, string>, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await app.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: `c${i}`, destination: 'https://example.com/' } });
      ids.push(r.json().id);
    }
    return ids;
  }

  it('after random ingest in random batches, every rollup sum equals a direct count of raw rows', async () => {
    t = await createTestApp(dialect);
    const ctx = t.app.ctx as AppContext;
    const accounts = [await tenant(t), await tenant(t)];
    const owned = [await campaigns(t, accounts[0]!.headers, 3), await campaigns(t, accounts[1]!.headers, 2)];
    const random = prng(20260310);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const events: ScanEvent[] = [];
    for (let i = 0; i < 1500; i++) {
      const a = Math.floor(random() * 2);
      events.push({
        accountId: accounts[a]!.accountId,
        campaignId: pick(owned[a]!),
        occurredAt: START + Math.floor(random() * 6 * DAY),
        userAgent: pick(AGENTS),
        referrer: pick(REFERRERS),
        // Few distinct IPs so visitors repeat within and across days and batches.
        ip: `192.0.2.${Math.floor(random() * 12)}`,
        country: pick(COUNTRIES),
        kind: random() < 0.05 ? 'stale' : 'scan',
      });
    }
    for (let i = 0; i < events.length; ) {
      const size = 1 + Math.floor(random() * 300);
      await flushScans(ctx, events.slice(i, i + size));
      i += size;
    }

    const db = t.database.handle.db;
    const raw = await db.selectFrom('scans').selectAll().where('kind', '=', 'scan').execute();
    expect(raw.length).toBe(events.filter((e) => e.kind === 'scan').length);
    const rollups = await db.selectFrom('scan_rollups').selectAll().execute();

    const expected = new Map<string, number>();
    const actual = new Map<string, number>();
    const bump = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
    const columns: Record<string, (r: (typeof raw)[number]) => string> = {
      total: () => '',
      hour: () => '',
      day: () => '',
      os: (r) => r.os ?? '',
      browser: (r) => r.browser ?? '',
      device_type: (r) => r.device_type ?? '',
      country: (r) => r.country ?? '',
      referrer: (r) => r.referrer_host ?? '',
    };
    for (const r of raw) {
      const day = Math.floor(r.occurred_at / DAY);
      for (const level of [r.campaign_id, '']) {
        for (const [dimension, value] of Object.entries(columns)) bump(expected, [r.account_id, level, dimension, day, value(r), r.is_bot].join('|'), 1);
      }
    }
    for (const r of rollups) bump(actual, [r.account_id, r.campaign_id, r.dimension, Math.floor((Number(r.bucket) * 900_000) / DAY), r.value, r.is_bot].join('|'), Number(r.scans));
    expect(actual.size).toBeGreaterThan(100);
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));

    // Uniques: distinct (raw IP, UA) per UTC day, from the generated events themselves.
    const visitors = new Map<string, Set<string>>();
    for (const e of events) {
      if (e.kind !== 'scan') continue;
      const day = Math.floor(e.occurredAt / DAY);
      for (const level of [e.campaignId, '']) {
        const key = [e.accountId, level, day].join('|');
        if (!visitors.has(key)) visitors.set(key, new Set());
        visitors.get(key)!.add(`${e.ip}|${e.userAgent}`);
      }
    }
    const expectedUniques = Object.fromEntries([...visitors].map(([k, v]) => [k, v.size]));
    for (const dimension of ['total', 'hour', 'day']) {
      const uniques = new Map<string, number>();
      for (const r of rollups)
        if (r.dimension === dimension && Number(r.uniques) > 0) bump(uniques, [r.account_id, r.campaign_id, Math.floor((Number(r.bucket) * 900_000) / DAY)].join('|'), Number(r.uniques));
      expect(Object.fromEntries(uniques)).toEqual(expectedUniques);
    }
    // Breakdown rows sit on hour boundaries, per-day rows on day boundaries.
    for (const r of rollups) {
      if (r.dimension === 'day') expect(Number(r.bucket) % 96).toBe(0);
      else if (r.dimension !== 'total') expect(Number(r.bucket) % 4).toBe(0);
    }
  });

  it('a backlog written in parts stores and counts every scan once, also when a part fails and the whole batch is retried', async () => {
    t = await createTestApp(dialect);
    const ctx = t.app.ctx as AppContext;
    const account = await tenant(t);
    const [campaignId] = await campaigns(t, account.headers, 1);
    const events: ScanEvent[] = Array.from({ length: 1000 }, (_, i) => ({
      accountId: account.accountId,
      campaignId: campaignId!,
      occurredAt: START + i * 1000,
      userAgent: AGENTS[i % AGENTS.length]!,
      referrer: null,
      ip: `198.51.100.${i % 40}`,
      country: null,
      kind: 'scan',
    }));
    const batch = encodeScanBatch(events);
    const parts = partsOf(batch, 300);
    expect(parts.map((p) => p.occurredAt.length)).toEqual([300, 300, 300, 100]);
    expect(partsOf(batch, 1000)).toEqual([batch]);
    // Two parts commit, the third fails: the buffer names the whole batch and writes it again.
    await flushScanBatch(ctx, parts[0]!);
    await flushScanBatch(ctx, parts[1]!);
    nameBatch(batch);
    await flushScanBatch(ctx, batch);
    const db = t.database.handle.db;
    const raw = await db.selectFrom('scans').select(['id']).execute();
    expect(raw).toHaveLength(1000);
    expect(new Set(raw.map((r) => r.id)).size).toBe(1000);
    const total = await db
      .selectFrom('scan_rollups')
      .select((eb) => [eb.fn.sum<number | string>('scans').as('scans'), eb.fn.sum<number | string>('uniques').as('uniques')])
      .where('campaign_id', '=', campaignId!)
      .where('dimension', '=', 'total')
      .executeTakeFirstOrThrow();
    // 40 addresses × 8 agents, but i % 40 and i % 8 pair up as 40 visitors (lcm 40) over the day.
    expect({ scans: Number(total.scans), uniques: Number(total.uniques) }).toEqual({ scans: 1000, uniques: 40 });
  });

  it('concurrent flushes of overlapping visitors count each unique once (and do not deadlock)', async () => {
    t = await createTestApp(dialect);
    const ctx = t.app.ctx as AppContext;
    const me = await tenant(t);
    const [c] = await campaigns(t, me.headers, 1);
    const at = Date.parse('2026-03-01T12:00:00Z');
    const batch = (order: number[]) =>
      order.map((i) => ({ accountId: me.accountId, campaignId: c!, occurredAt: at + i, userAgent: AGENTS[i % 5]!, referrer: null, ip: `192.0.2.${i}`, country: null }));
    const ids = Array.from({ length: 60 }, (_, i) => i);
    await Promise.all([flushScans(ctx, batch(ids)), flushScans(ctx, batch([...ids].reverse())), flushScans(ctx, batch(ids.filter((i) => i % 2 === 0)))]);
    const totals = await t.database.handle.db
      .selectFrom('scan_rollups')
      .select((eb) => [eb.fn.sum<number | string>('scans').as('scans'), eb.fn.sum<number | string>('uniques').as('uniques')])
      .where('campaign_id', '=', c!)
      .where('dimension', '=', 'day')
      .executeTakeFirstOrThrow();
    expect({ scans: Number(totals.scans), uniques: Number(totals.uniques) }).toEqual({ scans: 150, uniques: 60 });
  });
});
