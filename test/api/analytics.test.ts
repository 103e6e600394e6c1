import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { sweepScanRetention } from '../../src/modules/scans/retention.ts';
import { createTestApp, testConfig, type TestApp } from '../helpers/app.ts';
import { ManualClock } from '../helpers/clock.ts';
import { parseCsv } from '../helpers/csv.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { buildMmdb } from '../helpers/mmdb.ts';
import { signUp } from '../helpers/accounts.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';

const UA = {
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  android: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.113 Mobile Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  slackbot: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
};

describeDialects('analytics', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => {});
    apps.length = 0;
  });

  async function start(options: Parameters<typeof createTestApp>[1] = {}) {
    const t = await createTestApp(dialect, { clock: new ManualClock('2026-03-10T15:00:00Z'), ...options });
    apps.push(t);
    return t;
  }

  async function campaign(t: TestApp, me: Tenant, name = 'c') {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name, destination: 'https://example.com/landing' } });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; short_code: string };
  }

  /** One scan through the real redirect, at the given time (the clock is put back afterwards). */
  async function scan(t: TestApp, code: string, ua: string | null, options: { at?: string; ip?: string; referer?: string; country?: string } = {}) {
    const saved = t.clock.now();
    if (options.at) t.clock.set(options.at);
    const headers: Record<string, string> = {};
    if (ua !== null) headers['user-agent'] = ua;
    if (options.referer) headers.referer = options.referer;
    if (options.country) headers['cf-ipcountry'] = options.country;
    const response = await t.app.inject({ method: 'GET', url: `/${code}`, remoteAddress: options.ip ?? '203.0.113.10', headers });
    expect(response.statusCode).toBe(302);
    t.clock.set(saved);
  }

  async function flush(t: TestApp) {
    await t.app.ctx.scans.flush();
  }

  async function get(t: TestApp, me: Tenant, url: string) {
    const response = await t.app.inject({ method: 'GET', url, headers: me.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('seed reports: overview, 30-day timeline and OS breakdown; bots excluded unless include_bots=true', async () => {
    const t = await start();
    const me = await tenant(t);
    const a = await campaign(t, me, 'a');
    const b = await campaign(t, me, 'b');
    await scan(t, a.short_code, UA.iphone, { ip: '198.51.100.1' });
    await scan(t, a.short_code, UA.iphone, { ip: '198.51.100.1' }); // same visitor, same day
    await scan(t, b.short_code, UA.android, { ip: '198.51.100.2', at: '2026-03-05T09:00:00Z' });
    await scan(t, a.short_code, UA.edge, { ip: '198.51.100.3', at: '2026-02-01T09:00:00Z' }); // older than 30 days
    await scan(t, a.short_code, UA.googlebot);
    await scan(t, b.short_code, UA.slackbot);
    await scan(t, b.short_code, null);
    await flush(t);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${b.id}`, headers: me.headers });

    expect((await get(t, me, '/api/v1/analytics/overview')).data).toEqual({
      total_scans: 4,
      unique_scans: 3,
      scans_today: 2,
      scans_last_7_days: 3,
      scans_last_30_days: 3,
      active_campaigns: 1,
    });
    expect((await get(t, me, '/api/v1/analytics/overview?include_bots=true')).data).toMatchObject({ total_scans: 7, scans_today: 5 });

    const timeline = await get(t, me, '/api/v1/analytics/timeline');
    expect(timeline).toMatchObject({ tz: 'UTC', from: '2026-02-09', to: '2026-03-10' });
    expect(timeline.data).toHaveLength(30);
    expect(timeline.data[0]).toEqual({ date: '2026-02-09', scans: 0, unique_scans: 0 });
    expect(timeline.data.find((d: { date: string }) => d.date === '2026-03-05')).toEqual({ date: '2026-03-05', scans: 1, unique_scans: 1 });
    expect(timeline.data[29]).toEqual({ date: '2026-03-10', scans: 2, unique_scans: 1 });
    expect(timeline.data.reduce((n: number, d: { scans: number }) => n + d.scans, 0)).toBe(3);

    const devices = await get(t, me, '/api/v1/analytics/devices');
    expect(devices.data).toEqual([
      { os: 'iOS', scans: 2, share: 0.6667 },
      { os: 'Android', scans: 1, share: 0.3333 },
      { os: 'Windows', scans: 0, share: 0 },
      { os: 'macOS', scans: 0, share: 0 },
      { os: 'Linux', scans: 0, share: 0 },
      { os: 'ChromeOS', scans: 0, share: 0 },
      { os: 'other', scans: 0, share: 0 },
    ]);
    const withBots = await get(t, me, '/api/v1/analytics/devices?include_bots=true');
    expect(withBots.total).toBe(6);
    // Googlebot, Slackbot and the request without a user agent.
    expect(withBots.data.find((d: { os: string }) => d.os === 'other').scans).toBe(3);

    const campaignDevices = await get(t, me, `/api/v1/analytics/campaign/${a.id}/devices`);
    expect(campaignDevices.data.filter((d: { scans: number }) => d.scans > 0)).toEqual([{ os: 'iOS', scans: 2, share: 1 }]);
    const campaignTimeline = await get(t, me, `/api/v1/analytics/campaign/${b.id}/timeline?from=2026-03-01&to=2026-03-10`);
    expect(campaignTimeline.data.filter((d: { scans: number }) => d.scans > 0)).toEqual([{ date: '2026-03-05', scans: 1, unique_scans: 1 }]);
  });

  it('unique scans: one per visitor (IP + user agent) per UTC day, at account and campaign level', async () => {
    const t = await start();
    const me = await tenant(t);
    const a = await campaign(t, me, 'a');
    const b = await campaign(t, me, 'b');
    await scan(t, a.short_code, UA.iphone, { ip: '198.51.100.1', at: '2026-03-09T08:00:00Z' });
    await scan(t, a.short_code, UA.iphone, { ip: '198.51.100.1', at: '2026-03-09T20:00:00Z' });
    await scan(t, b.short_code, UA.iphone, { ip: '198.51.100.1', at: '2026-03-09T21:00:00Z' });
    await flush(t);
    // A later flush of the same visitor on the same day adds no unique; the next day counts again.
    await scan(t, a.short_code, UA.iphone, { ip: '198.51.100.1', at: '2026-03-09T22:00:00Z' });
    await scan(t, a.short_code, UA.iphone, { ip: '198.51.100.1', at: '2026-03-10T08:00:00Z' });
    // Same /24 but another address: a different visitor (hashing uses the raw IP).
    await scan(t, a.short_code, UA.iphone, { ip: '198.51.100.99', at: '2026-03-10T08:00:00Z' });
    await scan(t, a.short_code, UA.android, { ip: '198.51.100.1', at: '2026-03-10T09:00:00Z' });
    await flush(t);

    const all = await get(t, me, '/api/v1/analytics/timeline?from=2026-03-09&to=2026-03-10');
    expect(all.data).toEqual([
      { date: '2026-03-09', scans: 4, unique_scans: 1 },
      { date: '2026-03-10', scans: 3, unique_scans: 3 },
    ]);
    const ofA = await get(t, me, `/api/v1/analytics/campaign/${a.id}/timeline?from=2026-03-09&to=2026-03-10`);
    expect(ofA.data.map((d: { unique_scans: number }) => d.unique_scans)).toEqual([1, 3]);
    const ofB = await get(t, me, `/api/v1/analytics/campaign/${b.id}/timeline?from=2026-03-09&to=2026-03-10`);
    expect(ofB.data.map((d: { unique_scans: number }) => d.unique_scans)).toEqual([1, 0]);
    expect((await get(t, me, '/api/v1/analytics/overview')).data.unique_scans).toBe(4);
    // Stored IPs are anonymised; no raw IP anywhere in the rows.
    const ips = await t.database.handle.db.selectFrom('scans').select('ip').distinct().execute();
    expect(ips.map((r) => r.ip).sort()).toEqual(['198.51.100.0']);
  });

  it('time zones move day boundaries: 23:30 local lands on the local day, across DST in New York and Berlin', async () => {
    const t = await start({ clock: new ManualClock('2026-10-30T12:00:00Z') });
    const me = await tenant(t);
    const c = await campaign(t, me);
    await scan(t, c.short_code, UA.iphone, { at: '2026-03-08T04:30:00Z' }); // 23:30 EST on 7 March
    await scan(t, c.short_code, UA.iphone, { at: '2026-03-09T03:30:00Z' }); // 23:30 EDT on 8 March (a 23-hour day)
    await scan(t, c.short_code, UA.iphone, { at: '2026-10-24T21:30:00Z' }); // 23:30 CEST on 24 October
    await scan(t, c.short_code, UA.iphone, { at: '2026-10-24T22:30:00Z' }); // 00:30 CEST on 25 October
    await scan(t, c.short_code, UA.iphone, { at: '2026-10-25T22:30:00Z' }); // 23:30 CET on 25 October (a 25-hour day)
    await flush(t);

    const scansOf = (body: { data: Array<{ date: string; scans: number }> }) => Object.fromEntries(body.data.filter((d) => d.scans > 0).map((d) => [d.date, d.scans]));
    expect(scansOf(await get(t, me, '/api/v1/analytics/timeline?tz=America/New_York&from=2026-03-06&to=2026-03-10'))).toEqual({ '2026-03-07': 1, '2026-03-08': 1 });
    expect(scansOf(await get(t, me, '/api/v1/analytics/timeline?from=2026-03-06&to=2026-03-10'))).toEqual({ '2026-03-08': 1, '2026-03-09': 1 });
    expect(scansOf(await get(t, me, '/api/v1/analytics/timeline?tz=Europe/Berlin&from=2026-10-23&to=2026-10-27'))).toEqual({ '2026-10-24': 1, '2026-10-25': 2 });
    expect(scansOf(await get(t, me, '/api/v1/analytics/timeline?from=2026-10-23&to=2026-10-27'))).toEqual({ '2026-10-24': 2, '2026-10-25': 1 });
    // A +05:30 zone: the day turns at 18:30Z, between two hourly buckets.
    await scan(t, c.short_code, UA.android, { at: '2026-06-01T18:29:00Z' }); // 23:59 IST on 1 June
    await scan(t, c.short_code, UA.android, { at: '2026-06-01T18:30:00Z' }); // 00:00 IST on 2 June
    await flush(t);
    expect(scansOf(await get(t, me, '/api/v1/analytics/timeline?tz=Asia/Kolkata&from=2026-05-31&to=2026-06-03'))).toEqual({ '2026-06-01': 1, '2026-06-02': 1 });
    const india = await get(t, me, `/api/v1/analytics/campaign/${c.id}/hours?tz=Asia/Kolkata&from=2026-06-01&to=2026-06-02`);
    expect([india.data[23].scans, india.data[0].scans]).toEqual([1, 1]);
    const hours = await get(t, me, `/api/v1/analytics/campaign/${c.id}/hours?tz=Europe/Berlin&from=2026-10-24&to=2026-10-26`);
    expect(hours.data).toHaveLength(24);
    expect(hours.data[23]).toEqual({ hour: 23, scans: 2 });
    expect(hours.data[0]).toEqual({ hour: 0, scans: 1 });
  });

  it('"today" follows the moved clock and the tz parameter', async () => {
    const t = await start({ clock: new ManualClock('2026-03-10T03:00:00Z') });
    const me = await tenant(t);
    const c = await campaign(t, me);
    await scan(t, c.short_code, UA.iphone); // 03:00Z = 23:00 on 9 March in New York
    await flush(t);
    expect((await get(t, me, '/api/v1/analytics/overview')).data.scans_today).toBe(1);
    expect((await get(t, me, '/api/v1/analytics/overview?tz=America/New_York')).data.scans_today).toBe(1);
    t.clock.set('2026-03-10T05:00:00Z'); // 01:00 on 10 March in New York
    expect((await get(t, me, '/api/v1/analytics/overview?tz=America/New_York')).data).toMatchObject({ scans_today: 0, scans_last_7_days: 1 });
    t.clock.set('2026-03-11T00:00:00Z');
    expect((await get(t, me, '/api/v1/analytics/overview')).data).toMatchObject({ scans_today: 0, scans_last_7_days: 1, total_scans: 1 });
    t.clock.set('2026-04-09T00:00:00Z');
    expect((await get(t, me, '/api/v1/analytics/overview')).data).toMatchObject({ scans_last_30_days: 0, total_scans: 1 });
  });

  it('breakdowns: browsers, device types, countries (trusted header), referrer hosts', async () => {
    const t = await start({ env: { TESSERA_COUNTRY_HEADER: 'cf-ipcountry' } });
    const me = await tenant(t);
    const c = await campaign(t, me);
    await scan(t, c.short_code, UA.iphone, { country: 'de', referer: 'https://www.news.example/post?id=1' });
    await scan(t, c.short_code, UA.android, { country: 'DE', ip: '198.51.100.5' });
    await scan(t, c.short_code, UA.edge, { country: 'FR', referer: 'not a url' });
    await scan(t, c.short_code, UA.googlebot, { country: 'US' });
    await flush(t);
    const browsers = await get(t, me, '/api/v1/analytics/browsers');
    expect(browsers.data).toEqual([
      { browser: 'Chrome', scans: 1, share: 0.3333 },
      { browser: 'Edge', scans: 1, share: 0.3333 },
      { browser: 'Safari', scans: 1, share: 0.3333 },
    ]);
    expect((await get(t, me, `/api/v1/analytics/campaign/${c.id}/device-types`)).data).toEqual([
      { device_type: 'mobile', scans: 2, share: 0.6667 },
      { device_type: 'tablet', scans: 0, share: 0 },
      { device_type: 'desktop', scans: 1, share: 0.3333 },
      { device_type: 'other', scans: 0, share: 0 },
    ]);
    expect((await get(t, me, '/api/v1/analytics/device-types?include_bots=true')).data.at(-1)).toEqual({ device_type: 'bot', scans: 1, share: 0.25 });
    expect((await get(t, me, '/api/v1/analytics/countries')).data).toEqual([
      { country: 'DE', scans: 2, share: 0.6667 },
      { country: 'FR', scans: 1, share: 0.3333 },
    ]);
    expect((await get(t, me, '/api/v1/analytics/referrers')).data).toEqual([
      { referrer: null, scans: 2, share: 0.6667 },
      { referrer: 'news.example', scans: 1, share: 0.3333 },
    ]);
  });

  it("people in LINE, Snapchat, Viber and Outlook in-app browsers count; those apps' link previews do not", async () => {
    const t = await start();
    const me = await tenant(t);
    const c = await campaign(t, me);
    const people = [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/13.0.0.39 (like Safari/8618.2.12.10.5, panda)',
      'Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Viber/22.3.1.0',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Outlook-iOS/723.4027091.prod.iphone (4.2423.0)',
    ];
    const previews = [
      'facebookexternalhit/1.1;line-poker/1.0',
      'Mozilla/5.0 (Linux; Android 9; Pixel 3 XL) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/75.0.3770.101 Mobile Safari/537.36 Snap URL Preview Service; bot; snapchat; https://developers.snap.com/robots',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/38.0.2125.111 Safari/537.36 Viber',
      'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)',
    ];
    for (const ua of [...people, ...previews]) await scan(t, c.short_code, ua);
    await flush(t);
    expect((await get(t, me, `/api/v1/analytics/campaign/${c.id}/timeline?from=2026-03-10&to=2026-03-10`)).data).toEqual([{ date: '2026-03-10', scans: 4, unique_scans: 4 }]);
    expect((await get(t, me, `/api/v1/analytics/campaign/${c.id}/device-types?from=2026-03-10&to=2026-03-10&include_bots=true`)).data).toEqual([
      { device_type: 'mobile', scans: 4, share: 0.5 },
      { device_type: 'tablet', scans: 0, share: 0 },
      { device_type: 'desktop', scans: 0, share: 0 },
      { device_type: 'other', scans: 0, share: 0 },
      { device_type: 'bot', scans: 4, share: 0.5 },
    ]);
  });

  it('a day a zone skipped (Samoa, 30 December 2011) is an empty day in every report, not a server that stops answering', async () => {
    const t = await start();
    const me = await tenant(t);
    const c = await campaign(t, me);
    // 23:30 on the 29th (-10:00), then 00:30 on the 31st (+14:00): one hour apart.
    await scan(t, c.short_code, UA.iphone, { at: '2011-12-30T09:30:00Z' });
    await scan(t, c.short_code, UA.android, { at: '2011-12-30T10:30:00Z', ip: '198.51.100.9' });
    await flush(t);
    const query = 'tz=Pacific/Apia&from=2011-12-29&to=2011-12-31';
    expect((await get(t, me, `/api/v1/analytics/campaign/${c.id}/timeline?${query}`)).data).toEqual([
      { date: '2011-12-29', scans: 1, unique_scans: 1 },
      { date: '2011-12-30', scans: 0, unique_scans: 0 },
      { date: '2011-12-31', scans: 1, unique_scans: 1 },
    ]);
    const hours = (await get(t, me, `/api/v1/analytics/campaign/${c.id}/hours?${query}`)).data;
    expect([hours[23].scans, hours[0].scans]).toEqual([1, 1]);
    expect((await get(t, me, `/api/v1/analytics/campaign/${c.id}/devices?${query}`)).total).toBe(2);
    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/campaign/${c.id}/export.csv?${query}`, headers: me.headers });
    expect(parseCsv(csv.body).map((r) => r[12])).toEqual(['local_time', '2011-12-29 23:30:00', '2011-12-31 00:30:00']);
    expect((await get(t, me, '/api/v1/analytics/timeline?tz=Pacific/Fakaofo&from=2011-12-30&to=2011-12-30')).data).toEqual([{ date: '2011-12-30', scans: 0, unique_scans: 0 }]);
  });

  it('a breakdown past 100 values ends with one entry marked other, apart from the null of direct scans', async () => {
    const t = await start();
    const me = await tenant(t);
    const c = await campaign(t, me);
    // 102 sites link to the code, the first twice; two scans come with no referrer.
    for (let i = 0; i < 102; i++) await scan(t, c.short_code, UA.iphone, { referer: `https://site${String(i).padStart(3, '0')}.example/` });
    await scan(t, c.short_code, UA.iphone, { referer: 'https://site000.example/again' });
    await scan(t, c.short_code, UA.iphone);
    await scan(t, c.short_code, UA.iphone);
    await flush(t);
    const report = await get(t, me, '/api/v1/analytics/referrers');
    expect(report.total).toBe(105);
    expect(report.data).toHaveLength(101);
    expect(report.data.slice(0, 2)).toEqual([
      { referrer: null, scans: 2, share: 0.019 },
      { referrer: 'site000.example', scans: 2, share: 0.019 },
    ]);
    // Listed: direct, site000 and 98 more sites (100 values); the last three sites are summed, marked as such.
    expect(report.data.at(-1)).toEqual({ referrer: null, scans: 3, share: 0.0286, other: true });
    expect(report.data.filter((d: { other?: true }) => d.other)).toHaveLength(1);
    expect(report.data.slice(0, -1).every((d: { other?: true }) => d.other === undefined)).toBe(true);
    expect(report.data.reduce((n: number, d: { scans: number }) => n + d.scans, 0)).toBe(105);
  });

  it('countries come from the trusted header first, then from the offline GeoIP database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-geoip-'));
    const file = path.join(dir, 'country.mmdb');
    fs.writeFileSync(
      file,
      buildMmdb([
        ['203.0.113.0/24', 'NL'],
        ['2001:db8:77::/48', 'JP'],
      ]),
    );
    try {
      const t = await start({ env: { TESSERA_COUNTRY_HEADER: 'cf-ipcountry', TESSERA_GEOIP_DB: file } });
      const me = await tenant(t);
      const c = await campaign(t, me);
      await scan(t, c.short_code, UA.iphone, { ip: '203.0.113.9' });
      await scan(t, c.short_code, UA.android, { ip: '2001:db8:77::1' });
      await scan(t, c.short_code, UA.edge, { ip: '203.0.113.10', country: 'FR' });
      await scan(t, c.short_code, UA.iphone, { ip: '198.51.100.1' });
      await flush(t);
      expect((await get(t, me, `/api/v1/analytics/campaign/${c.id}/countries`)).data).toEqual([
        { country: 'FR', scans: 1, share: 0.25 },
        { country: 'JP', scans: 1, share: 0.25 },
        { country: 'NL', scans: 1, share: 0.25 },
        { country: null, scans: 1, share: 0.25 },
      ]);
      // A configured file that is not a GeoIP database stops the start with the variable named.
      fs.writeFileSync(file, 'not a database');
      const broken = testConfig({ TESSERA_GEOIP_DB: path.join(dir, 'missing.mmdb') });
      await expect(buildApp(broken, { database: t.database.handle, startWorker: false })).rejects.toThrow(/TESSERA_GEOIP_DB/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("another account's campaign is a 404, an unknown one too; anonymous calls are 401", async () => {
    const t = await start();
    const me = await tenant(t);
    const other = await tenant(t);
    const theirs = await campaign(t, other);
    for (const path of ['timeline', 'devices', 'browsers', 'hours', 'export.csv']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/campaign/${theirs.id}/${path}`, headers: me.headers });
      expect(response.statusCode, path).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/analytics/campaign/cmp_nope/timeline', headers: me.headers })).statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/overview' });
    expect(anonymous.statusCode).toBe(401);
    // The dashboard reads the same reports with its session cookie.
    const person = await signUp(t.app);
    const viaSession = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/overview', headers: { cookie: person.cookie } });
    expect(viaSession.statusCode).toBe(200);
    expect(viaSession.json().data.active_campaigns).toBe(0);
  });

  it('dates outside 2000-01-01…2199-12-31 are a 400 naming the field on every analytics endpoint (a range ending 9999-12-31 was a 500)', async () => {
    const t = await start();
    const me = await tenant(t);
    const c = await campaign(t, me);
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    const reports = Object.keys(spec.paths)
      .filter((p) => p.startsWith('/api/v1/analytics/') && !p.endsWith('/overview'))
      .map((p) => p.replace('{id}', c.id));
    expect(reports.length).toBeGreaterThanOrEqual(15);
    const ranges: Array<[string, string]> = [
      ['from=9999-12-01&to=9999-12-31', 'from'],
      ['to=9999-12-31', 'to'],
      ['from=9999-12-31', 'from'],
      ['from=2199-12-01&to=2200-01-01', 'to'],
      ['from=0001-01-01&to=0001-01-31', 'from'],
      ['from=1999-12-31', 'from'],
    ];
    for (const url of reports) {
      for (const [query, field] of ranges) {
        const response = await t.app.inject({ method: 'GET', url: `${url}?${query}`, headers: me.headers });
        expect(response.statusCode, `${url}?${query}`).toBe(400);
        expect(response.json().errors).toEqual([{ field: `querystring/${field}`, message: expect.stringContaining('2000-01-01 to 2199-12-31') }]);
      }
    }
    // The edges themselves are fine.
    for (const query of ['from=2000-01-01&to=2000-01-31', 'from=2199-12-01&to=2199-12-31', 'from=2199-12-31']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/analytics/timeline?${query}`, headers: me.headers })).statusCode, query).toBe(200);
    }
  });

  it('bad tz, from, to and include_bots are 400 with the field named, never 500', async () => {
    const t = await start();
    const me = await tenant(t);
    const c = await campaign(t, me);
    const cases: Array<[string, string]> = [
      ['/api/v1/analytics/timeline?tz=Mars/Olympus', '/tz'],
      ['/api/v1/analytics/overview?tz=%00', '/tz'],
      ['/api/v1/analytics/devices?from=2026-13-01', '/from'],
      ['/api/v1/analytics/timeline?to=tomorrow', '/to'],
      ['/api/v1/analytics/timeline?from=2026-03-10&to=2026-03-01', '/from'],
      ['/api/v1/analytics/timeline?from=2020-01-01&to=2026-03-01', '/from'],
      [`/api/v1/analytics/campaign/${c.id}/export.csv?from=x`, '/from'],
      ['/api/v1/analytics/timeline?include_bots=maybe', 'include_bots'],
      [`/api/v1/analytics/timeline?tz=${'A'.repeat(100)}`, 'tz'],
      // An offset Intl accepts but whose days start inside a 15-minute bucket.
      ['/api/v1/analytics/timeline?tz=%2B0507', 'tz'],
      ['/api/v1/analytics/overview?tz=%2B0507', 'tz'],
      [`/api/v1/analytics/campaign/${c.id}/export.csv?tz=%2B0507`, 'tz'],
    ];
    for (const [url, field] of cases) {
      const response = await t.app.inject({ method: 'GET', url, headers: me.headers });
      expect(response.statusCode, url).toBe(400);
      const body = response.json();
      expect(body.code).toBe('validation_failed');
      expect(JSON.stringify(body.errors), url).toContain(field.replace('/', ''));
    }
    // Offsets in quarter hours are exact, and answered as Intl spells them.
    expect((await get(t, me, '/api/v1/analytics/timeline?tz=%2B0530&from=2026-03-10&to=2026-03-10')).tz).toBe('+05:30');
  });

  it('unknown parameters are a 400 naming them, not the default 30 days answered as if asked for', async () => {
    const t = await start();
    const me = await tenant(t);
    const c = await campaign(t, me);
    const cases: Array<[string, string]> = [
      ['/api/v1/analytics/timeline?form=2026-01-01&to=2026-01-31', 'querystring/form'],
      ['/api/v1/analytics/timeline?start=2026-01-01&end=2026-01-31', 'querystring/start'],
      [`/api/v1/analytics/campaign/${c.id}/devices?from=2026-01-01&until=2026-01-31`, 'querystring/until'],
      [`/api/v1/analytics/campaign/${c.id}/export.csv?from=2026-01-01&timezone=Europe/Berlin`, 'querystring/timezone'],
      ['/api/v1/analytics/hours?limit=10', 'querystring/limit'],
      // The overview is relative to now: a range sent to it is not silently ignored either.
      ['/api/v1/analytics/overview?from=2026-01-01&to=2026-01-31', 'querystring/from'],
    ];
    for (const [url, field] of cases) {
      const response = await t.app.inject({ method: 'GET', url, headers: me.headers });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBe('validation_failed');
      expect(
        response.json().errors.map((e: { field: string }) => e.field),
        url,
      ).toContain(field);
    }
    // What the dashboard and the README example send still works.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/analytics/campaign/${c.id}/timeline?tz=Europe/Berlin&from=2026-03-01&to=2026-03-10&include_bots=false`, headers: me.headers })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/analytics/overview?tz=Europe/Berlin&include_bots=true', headers: me.headers })).statusCode).toBe(200);
  });

  it('CSV export streams raw scans of the range with hostile values neutralised', async () => {
    const t = await start({ env: { TESSERA_COUNTRY_HEADER: 'cf-ipcountry' } });
    const me = await tenant(t);
    const c = await campaign(t, me);
    const hostileUa = "=cmd|' /C calc'!A0";
    await scan(t, c.short_code, UA.iphone, { at: '2026-03-09T10:00:00Z', referer: 'https://evil.example/a,"b"', country: 'de', ip: '2001:db8:1234:5678::1' });
    await scan(t, c.short_code, hostileUa, { at: '2026-03-10T11:00:00Z', referer: '@SUM(1+1)' });
    await scan(t, c.short_code, UA.googlebot, { at: '2026-03-10T12:00:00Z' });
    await scan(t, c.short_code, UA.iphone, { at: '2026-01-01T12:00:00Z' }); // outside the range
    await flush(t);

    const url = `/api/v1/analytics/campaign/${c.id}/export.csv?from=2026-03-01&to=2026-03-10`;
    const response = await t.app.inject({ method: 'GET', url: `${url}&include_bots=true`, headers: me.headers });
    const name = (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${c.id}`, headers: me.headers })).json().name;
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="scans-${c.id}-2026-03-01-2026-03-10.csv"`);
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual(['scanned_at', 'campaign_id', 'kind', 'is_bot', 'os', 'browser', 'device_type', 'country', 'referrer_host', 'referrer', 'user_agent', 'ip', 'local_time', 'campaign_name']);
    expect(rows.slice(1)).toEqual([
      ['2026-03-09T10:00:00.000Z', c.id, 'scan', 'false', 'iOS', 'Safari', 'mobile', 'DE', 'evil.example', 'https://evil.example/a,"b"', UA.iphone, '2001:db8:1234::', '2026-03-09 10:00:00', name],
      // No browser sends that user agent (it is flagged as a tool); its formula text reads back as text.
      ['2026-03-10T11:00:00.000Z', c.id, 'scan', 'true', 'other', 'other', 'bot', '', '', "'@SUM(1+1)", `'${hostileUa}`, '203.0.113.0', '2026-03-10 11:00:00', name],
      ['2026-03-10T12:00:00.000Z', c.id, 'scan', 'true', 'other', 'other', 'bot', '', '', '', UA.googlebot, '203.0.113.0', '2026-03-10 12:00:00', name],
    ]);
    // In a time zone the people’s column moves (Berlin is UTC+1 in early March), the exact instant does not.
    const berlin = parseCsv((await t.app.inject({ method: 'GET', url: `${url}&tz=Europe/Berlin`, headers: me.headers })).body);
    expect(berlin.slice(1).map((r) => [r[0], r[12]])).toEqual([['2026-03-09T10:00:00.000Z', '2026-03-09 11:00:00']]);
    // By default the export, like the reports, leaves bots out.
    const people = await t.app.inject({ method: 'GET', url, headers: me.headers });
    expect(
      parseCsv(people.body)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['2026-03-09T10:00:00.000Z']);
  });

  it('CSV export pages through more rows than one query fetches', async () => {
    const t = await start();
    const me = await tenant(t);
    const c = await campaign(t, me);
    for (let i = 0; i < 2100; i++)
      await t.app.ctx.scans.record({
        campaignId: c.id,
        accountId: me.accountId,
        occurredAt: t.clock.now() - (i % 7) * 1000,
        userAgent: UA.iphone,
        referrer: null,
        ip: `10.0.${i >> 8}.${i & 255}`,
        country: null,
      });
    await flush(t);
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/campaign/${c.id}/export.csv`, headers: me.headers });
    const rows = parseCsv(response.body).slice(1);
    expect(rows).toHaveLength(2100);
    const times = rows.map((r) => r[0]!);
    expect([...times].sort()).toEqual(times);
  });

  it('the retention sweeper deletes old raw scans and stale visitor hashes but keeps the rollups', async () => {
    const t = await start({ env: { TESSERA_SCAN_RETENTION_DAYS: '30' } });
    const me = await tenant(t);
    const c = await campaign(t, me);
    await scan(t, c.short_code, UA.iphone, { at: '2026-01-15T10:00:00Z' });
    await scan(t, c.short_code, UA.android, { at: '2026-03-01T10:00:00Z' });
    await scan(t, c.short_code, UA.edge, { at: '2026-03-10T10:00:00Z' });
    await flush(t);
    const db = t.database.handle.db;
    expect(await db.selectFrom('scan_uniques').select('day').distinct().execute()).toHaveLength(3);

    const result = await sweepScanRetention(t.app.ctx);
    expect(result.scansDeleted).toBe(1);
    const left = await db.selectFrom('scans').select('occurred_at').orderBy('occurred_at').execute();
    expect(left.map((r) => new Date(r.occurred_at).toISOString())).toEqual(['2026-03-01T10:00:00.000Z', '2026-03-10T10:00:00.000Z']);
    // Only today's and yesterday's hashes can still match a new scan.
    const days = await db.selectFrom('scan_uniques').select('day').distinct().execute();
    expect(days.map((r) => Number(r.day))).toEqual([Math.floor(Date.parse('2026-03-10T00:00:00Z') / 86_400_000)]);
    // Reports still see the deleted scan through the rollups.
    expect((await get(t, me, '/api/v1/analytics/overview')).data).toMatchObject({ total_scans: 3, unique_scans: 3 });
    const january = await get(t, me, `/api/v1/analytics/campaign/${c.id}/devices?from=2026-01-01&to=2026-01-31`);
    expect(january.data[0]).toEqual({ os: 'iOS', scans: 1, share: 1 });

    // A backlog held across midnight can still write an older day's hash: the hourly sweeps of
    // the same day leave it (finding it means reading the whole table), the next day's takes it.
    await scan(t, c.short_code, UA.iphone, { at: '2026-03-07T10:00:00Z' });
    await flush(t);
    expect((await sweepScanRetention(t.app.ctx)).uniquesDeleted).toBe(0);
    expect(await db.selectFrom('scan_uniques').select('day').distinct().execute()).toHaveLength(2);
    t.clock.set('2026-03-11T01:00:00Z');
    expect((await sweepScanRetention(t.app.ctx)).uniquesDeleted).toBeGreaterThan(0);
    const kept = await db.selectFrom('scan_uniques').select('day').distinct().execute();
    expect(kept.map((r) => Number(r.day))).toEqual([Math.floor(Date.parse('2026-03-10T00:00:00Z') / 86_400_000)]);
  });

  it('routes appear in the OpenAPI document', async () => {
    const t = await start();
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/analytics/overview',
        '/api/v1/analytics/timeline',
        '/api/v1/analytics/devices',
        '/api/v1/analytics/campaign/{id}/timeline',
        '/api/v1/analytics/campaign/{id}/devices',
        '/api/v1/analytics/campaign/{id}/export.csv',
      ]),
    );
  });
});
