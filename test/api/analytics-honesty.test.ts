// Honest scan analytics end to end: every answered scan is counted once whichever path answered it
// (the redirect front door or the Fastify route), what the docs say is not a scan is not counted,
// and every report of the same scans (timeline, hour of day, each breakdown, the overview and the
// CSV export) tells the same story, also in a zone whose day turns on a DST change, after the
// retention sweep and after a restart. test/api/analytics.test.ts covers each report on its own.
import { afterEach, expect, it, vi } from 'vitest';
import { liveUrl, morphSettings } from '../../src/modules/morph/index.ts';
import { sweepScanRetention } from '../../src/modules/scans/retention.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { ManualClock } from '../helpers/clock.ts';
import { parseCsv } from '../helpers/csv.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';

const UA = {
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  android: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.113 Mobile Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  whatsapp: 'WhatsApp/2.23.20.0 A',
};
const BREAKDOWNS = ['devices', 'browsers', 'device-types', 'countries', 'referrers'] as const;

type Day = { date: string; scans: number; unique_scans: number };

describeDialects('honest scan analytics', (dialect) => {
  const apps: TestApp[] = [];
  const databases: TestDatabase[] = [];
  afterEach(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => {});
    for (const database of databases.reverse()) await database.destroy().catch(() => {});
    apps.length = 0;
    databases.length = 0;
  });

  async function start(options: { at: string; env?: Record<string, string>; database?: TestDatabase }) {
    const t = await createTestApp(dialect, { clock: new ManualClock(options.at), env: { TESSERA_COUNTRY_HEADER: 'cf-ipcountry', ...options.env }, database: options.database });
    apps.push(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    const frontDoor = vi.spyOn(t.app.frontDoor, 'handle');
    return { t, base, frontDoorAnswers: () => frontDoor.mock.results.filter((r) => r.value === true).length };
  }

  async function create(t: TestApp, me: Tenant, payload: Record<string, unknown>) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { destination: 'https://example.com/landing', ...payload } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; short_code: string; name: string };
  }

  async function get(t: TestApp, me: Tenant, url: string) {
    const response = await t.app.inject({ method: 'GET', url, headers: me.headers });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json();
  }

  /** A scan over real HTTP (so the front door can answer it) at `at` on the injected clock. */
  async function visit(t: TestApp, base: string, path: string, options: { at?: string; ua?: string; country?: string; referer?: string; method?: string } = {}) {
    if (options.at) t.clock.set(options.at);
    const headers: Record<string, string> = { 'user-agent': options.ua ?? UA.iphone };
    if (options.country) headers['cf-ipcountry'] = options.country;
    if (options.referer) headers.referer = options.referer;
    const response = await fetch(`${base}${path}`, { method: options.method ?? 'GET', redirect: 'manual', headers });
    await response.arrayBuffer();
    return response.status;
  }

  /**
   * Every report of one scope over one range, checked against each other: the timeline's scans,
   * the hours, each breakdown's total, and (per campaign) the export's rows, per local day too.
   */
  async function consistentReports(t: TestApp, me: Tenant, campaignId: string | null, query: string) {
    const base = campaignId ? `/api/v1/analytics/campaign/${campaignId}` : '/api/v1/analytics';
    const timeline = await get(t, me, `${base}/timeline?${query}`);
    const total = (timeline.data as Day[]).reduce((n, d) => n + d.scans, 0);
    const hours = await get(t, me, `${base}/hours?${query}`);
    expect(
      hours.data.reduce((n: number, h: { scans: number }) => n + h.scans, 0),
      `hours ${query}`,
    ).toBe(total);
    const breakdowns: Record<string, unknown> = {};
    for (const path of BREAKDOWNS) {
      const report = await get(t, me, `${base}/${path}?${query}`);
      expect(report.total, `${path} ${query}`).toBe(total);
      expect(
        report.data.reduce((n: number, d: { scans: number }) => n + d.scans, 0),
        `${path} rows ${query}`,
      ).toBe(total);
      breakdowns[path] = report.data;
    }
    // Each local day on its own: the breakdowns of that day agree with the timeline's figure.
    for (const day of timeline.data as Day[]) {
      if (day.scans === 0) continue;
      const one = await get(t, me, `${base}/device-types?${query.replace(/(^|&)(from|to)=[^&]*/g, '')}&from=${day.date}&to=${day.date}`);
      expect(one.total, `device types of ${day.date} ${query}`).toBe(day.scans);
    }
    let exported: string[][] = [];
    if (campaignId) {
      const csv = await t.app.inject({ method: 'GET', url: `${base}/export.csv?${query}`, headers: me.headers });
      expect(csv.statusCode).toBe(200);
      exported = parseCsv(csv.body)
        .slice(1)
        .filter((r) => r[2] === 'scan');
      expect(exported, `export ${query}`).toHaveLength(total);
      const perDay = new Map<string, number>();
      for (const row of exported) perDay.set(row[12]!.slice(0, 10), (perDay.get(row[12]!.slice(0, 10)) ?? 0) + 1);
      expect(Object.fromEntries(perDay)).toEqual(Object.fromEntries((timeline.data as Day[]).filter((d) => d.scans > 0).map((d) => [d.date, d.scans])));
    }
    return { timeline: timeline.data as Day[], total, hours: hours.data, breakdowns, exported };
  }

  it('counts each answered GET once, through the front door or the route; HEAD, static, archived, out-of-schedule and stale tickets not at all; bots apart', async () => {
    const { t, base, frontDoorAnswers } = await start({ at: '2026-03-10T12:00:00Z' });
    const me = await tenant(t);
    const dynamic = await create(t, me, { name: 'Poster' });
    const fixed = await create(t, me, { name: 'Wi-Fi', qr_type: 'static' });
    const later = await create(t, me, { name: 'Fair', active_from: '2026-03-10T13:00:00Z', active_until: '2026-03-10T14:00:00Z' });
    const ticket = await create(t, me, { name: 'Ticket', qr_type: 'morphing' });

    // Dynamic: the first GET loads the code through the route, the next ones take the front door;
    // a query string takes the route again. HEADs on both paths count nothing.
    expect(await visit(t, base, `/${dynamic.short_code}`)).toBe(302);
    expect(await visit(t, base, `/${dynamic.short_code}`, { ua: UA.android, country: 'DE' })).toBe(302);
    expect(await visit(t, base, `/${dynamic.short_code}`, { ua: UA.edge, referer: 'https://news.example/a' })).toBe(302);
    expect(await visit(t, base, `/${dynamic.short_code}?utm_source=poster`)).toBe(302);
    expect(await visit(t, base, `/${dynamic.short_code}`, { method: 'HEAD' })).toBe(302);
    expect(frontDoorAnswers()).toBe(2);
    // Bots and link previews are answered and stored, but reported only with include_bots.
    expect(await visit(t, base, `/${dynamic.short_code}`, { ua: UA.googlebot })).toBe(302);
    expect(await visit(t, base, `/${dynamic.short_code}`, { ua: UA.whatsapp })).toBe(302);
    // Static: redirected, never counted, on either path.
    expect(await visit(t, base, `/${fixed.short_code}`)).toBe(302);
    expect(await visit(t, base, `/${fixed.short_code}`)).toBe(302);
    // Scheduled: not before its start nor from its end (the front door has it cached by then).
    expect(await visit(t, base, `/${later.short_code}`)).toBe(403);
    expect(await visit(t, base, `/${later.short_code}`, { at: '2026-03-10T13:00:00Z' })).toBe(302);
    expect(await visit(t, base, `/${later.short_code}`, { at: '2026-03-10T13:59:59Z' })).toBe(302);
    expect(await visit(t, base, `/${later.short_code}`, { at: '2026-03-10T14:00:00Z' })).toBe(410);
    // Morphing: only a fresh token leads on and counts; a screenshot is a stale scan, not a scan.
    const { secretVersion } = await morphSettings(t.app.ctx, ticket.id);
    const fresh = new URL(liveUrl(t.app.ctx, { id: ticket.id, accountId: me.accountId, shortCode: ticket.short_code }, secretVersion, t.clock.now()));
    expect(await visit(t, base, `${fresh.pathname}${fresh.search}`)).toBe(302);
    expect(await visit(t, base, `/${ticket.short_code}`)).toBe(403);
    expect(await visit(t, base, `${fresh.pathname}${fresh.search}`, { method: 'HEAD' })).toBe(302);
    // Archived: 410 on both paths, nothing counted; what was counted before stays.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${dynamic.id}`, headers: me.headers })).statusCode).toBe(200);
    expect(await visit(t, base, `/${dynamic.short_code}`)).toBe(410);
    expect(await visit(t, base, `/${dynamic.short_code}`)).toBe(410);
    await t.app.ctx.scans.flush();

    const query = 'from=2026-03-10&to=2026-03-10';
    const people = { [dynamic.id]: 4, [fixed.id]: 0, [later.id]: 2, [ticket.id]: 1 };
    for (const [id, scans] of Object.entries(people)) {
      const reports = await consistentReports(t, me, id, query);
      expect(reports.total, id).toBe(scans);
    }
    const account = await consistentReports(t, me, null, query);
    expect(account.total).toBe(7);
    expect((await get(t, me, '/api/v1/analytics/overview')).data).toMatchObject({ total_scans: 7, scans_today: 7 });
    const withBots = await consistentReports(t, me, dynamic.id, `${query}&include_bots=true`);
    expect(withBots.total).toBe(6);
    expect((await get(t, me, '/api/v1/analytics/overview?include_bots=true')).data.total_scans).toBe(9);
    // The stale ticket scan is kept as a raw row for the owner to see, marked as such.
    const ticketCsv = parseCsv((await t.app.inject({ method: 'GET', url: `/api/v1/analytics/campaign/${ticket.id}/export.csv?${query}`, headers: me.headers })).body);
    expect(ticketCsv.slice(1).map((r) => r[2])).toEqual(['scan', 'stale']);
    // Stored rows: one per counted GET plus the bots and the stale ticket, nothing for static codes.
    const stored = await t.database.handle.db.selectFrom('scans').select(['campaign_id', 'kind', 'is_bot']).execute();
    expect(stored).toHaveLength(4 + 2 + 2 + 2);
  });

  it('every report agrees in a zone whose day turns on a DST change, at local midnight, with uniques per visitor and UTC day', async () => {
    const { t, base } = await start({ at: '2026-11-03T18:00:00Z' });
    const me = await tenant(t);
    const c = await create(t, me, { name: 'Autumn' });
    // New York falls back at 06:00Z on 1 November 2026 (02:00 EDT → 01:00 EST): a 25-hour day.
    const scans: Array<[string, string, string, string?]> = [
      ['2026-10-31T03:59:59Z', UA.iphone, 'US'], // 23:59:59 EDT on 30 October
      ['2026-10-31T04:00:00Z', UA.iphone, 'US'], // 00:00 EDT on 31 October
      ['2026-11-01T03:59:00Z', UA.android, 'CA', 'https://social.example/p'], // 23:59 EDT on 31 October
      ['2026-11-01T04:00:00Z', UA.android, 'CA'], // 00:00 EDT on 1 November
      ['2026-11-01T05:30:00Z', UA.edge, 'US'], // 01:30 EDT, the first time
      ['2026-11-01T06:30:00Z', UA.edge, 'US'], // 01:30 EST, the second time
      ['2026-11-02T04:59:00Z', UA.iphone, 'MX'], // 23:59 EST on 1 November (the day's 25th hour)
      ['2026-11-02T05:00:00Z', UA.iphone, 'MX', 'https://social.example/q'], // 00:00 EST on 2 November
    ];
    for (const [at, ua, country, referer] of scans) expect(await visit(t, base, `/${c.short_code}`, { at, ua, country, referer })).toBe(302);
    t.clock.set('2026-11-03T18:00:00Z');
    await t.app.ctx.scans.flush();

    const ny = await consistentReports(t, me, c.id, 'tz=America/New_York&from=2026-10-29&to=2026-11-03');
    expect(ny.timeline.filter((d) => d.scans > 0).map((d) => [d.date, d.scans])).toEqual([
      ['2026-10-30', 1],
      ['2026-10-31', 2],
      ['2026-11-01', 4],
      ['2026-11-02', 1],
    ]);
    // 01:30 happened twice on 1 November and both are in hour 1; the day's 25 hours fold into 24.
    expect(ny.hours[1]).toEqual({ hour: 1, scans: 2 });
    expect(ny.hours[23]).toEqual({ hour: 23, scans: 3 });
    expect(ny.hours[0]).toEqual({ hour: 0, scans: 3 });
    const utc = await consistentReports(t, me, c.id, 'from=2026-10-29&to=2026-11-03');
    expect(utc.timeline.filter((d) => d.scans > 0).map((d) => [d.date, d.scans])).toEqual([
      ['2026-10-31', 2],
      ['2026-11-01', 4],
      ['2026-11-02', 2],
    ]);
    await consistentReports(t, me, null, 'tz=America/New_York&from=2026-10-29&to=2026-11-03');
    await consistentReports(t, me, c.id, 'tz=Europe/Berlin&from=2026-10-29&to=2026-11-03');
    // Uniques: one visitor (IP + agent) counts once per UTC day, wherever its local day falls.
    // UTC days: 31 Oct iPhone · 1 Nov Android, Edge · 2 Nov iPhone = 4 sightings.
    const sum = (days: Day[]) => days.reduce((n, d) => n + d.unique_scans, 0);
    expect(sum(utc.timeline)).toBe(4);
    expect(sum(ny.timeline)).toBe(4);
    expect((await get(t, me, '/api/v1/analytics/overview?tz=America/New_York')).data).toMatchObject({ total_scans: 8, unique_scans: 4 });
    expect(ny.breakdowns.countries).toEqual([
      { country: 'US', scans: 4, share: 0.5 },
      { country: 'CA', scans: 2, share: 0.25 },
      { country: 'MX', scans: 2, share: 0.25 },
    ]);
    expect(ny.breakdowns.referrers).toEqual([
      { referrer: null, scans: 6, share: 0.75 },
      { referrer: 'social.example', scans: 2, share: 0.25 },
    ]);
  });

  it('the retention sweep removes old raw scans without changing a single reported figure', async () => {
    const { t, base } = await start({ at: '2026-01-01T12:00:00Z', env: { TESSERA_SCAN_RETENTION_DAYS: '30' } });
    const me = await tenant(t);
    const c = await create(t, me, { name: 'Winter' });
    const times = ['2025-11-15T23:30:00Z', '2025-11-16T00:30:00Z', '2025-12-31T22:00:00Z', '2026-02-20T10:00:00Z', '2026-03-01T04:30:00Z'];
    const agents = [UA.iphone, UA.android, UA.edge];
    for (const [i, at] of times.entries()) {
      for (const ua of agents) expect(await visit(t, base, `/${c.short_code}`, { at, ua, country: i % 2 ? 'FR' : 'DE', referer: i % 2 ? 'https://a.example/' : undefined })).toBe(302);
    }
    t.clock.set('2026-03-02T12:00:00Z');
    await t.app.ctx.scans.flush();

    const queries = ['from=2025-11-01&to=2026-03-02', 'tz=America/New_York&from=2025-11-01&to=2026-03-02', 'tz=Asia/Kolkata&from=2025-11-01&to=2026-03-02'];
    const snapshot = async () => {
      const out: unknown[] = [(await get(t, me, '/api/v1/analytics/overview')).data];
      for (const query of queries) {
        for (const scope of [null, c.id]) {
          const prefix = scope ? `/api/v1/analytics/campaign/${scope}` : '/api/v1/analytics';
          for (const path of ['timeline', 'hours', ...BREAKDOWNS]) out.push(await get(t, me, `${prefix}/${path}?${query}`));
        }
      }
      return out;
    };
    const before = await snapshot();
    expect(before[0]).toMatchObject({ total_scans: 15 });
    const sweep = await sweepScanRetention(t.app.ctx);
    const left = await t.database.handle.db.selectFrom('scans').select('occurred_at').execute();
    expect(left.map((r) => Number(r.occurred_at)).every((at) => at >= Date.parse('2026-01-31T12:00:00Z'))).toBe(true);
    expect(left).toHaveLength(6);
    // Rows went one by one (SQLite) or with their whole month (PostgreSQL partitions).
    expect(sweep.scansDeleted + sweep.partitions.dropped.length).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  it('a graceful shutdown with buffered scans loses none of them: the next start reports them all', async () => {
    const database = await createTestDatabase(dialect);
    databases.push(database);
    const first = await start({ at: '2026-03-10T09:00:00Z', database, env: { TESSERA_SCAN_FLUSH_MS: '60000' } });
    const me = await tenant(first.t);
    const c = await create(first.t, me, { name: 'Buffered' });
    // The first scan loads the code through the route; the rest, at once, mostly take the front door.
    expect(await visit(first.t, first.base, `/${c.short_code}`, { ua: UA.android })).toBe(302);
    const answered = await Promise.all(Array.from({ length: 119 }, (_, i) => visit(first.t, first.base, `/${c.short_code}`, { ua: i % 3 ? UA.iphone : UA.android })));
    expect(answered.every((status) => status === 302)).toBe(true);
    expect(first.frontDoorAnswers()).toBeGreaterThan(0);
    await first.t.close();
    apps.splice(apps.indexOf(first.t), 1);

    const second = await start({ at: '2026-03-10T10:00:00Z', database });
    const timeline = await get(second.t, me, `/api/v1/analytics/campaign/${c.id}/timeline?from=2026-03-10&to=2026-03-10`);
    expect(timeline.data).toEqual([{ date: '2026-03-10', scans: 120, unique_scans: 2 }]);
    expect((await get(second.t, me, '/api/v1/analytics/overview')).data).toMatchObject({ total_scans: 120, scans_today: 120 });
    await consistentReports(second.t, me, c.id, 'from=2026-03-10&to=2026-03-10');
  });
});
