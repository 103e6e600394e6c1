// Every report against an oracle: ~560 scans through the real redirect (people, bots, link
// previews and in-app browsers; five visitors' IPs; countries through the trusted header;
// referrers) clustered around local midnights and DST changes in six zones, then each endpoint
// compared with what this file computes from the scans sent, using Intl alone and none of the
// analytics code. Breakdowns in :30/:45 zones are compared with their documented hour-rounded
// edges (ADR 0007); everything else must be exact.
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { ManualClock } from '../helpers/clock.ts';
import { parseCsv } from '../helpers/csv.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';
import { mulberry32 } from '../helpers/prng.ts';

type Label = { ua: string | null; bot: boolean; os: string; browser: string; device: string };
const AGENTS: Label[] = [
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    bot: false,
    os: 'iOS',
    browser: 'Safari',
    device: 'mobile',
  },
  { ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.113 Mobile Safari/537.36', bot: false, os: 'Android', browser: 'Chrome', device: 'mobile' },
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
    bot: false,
    os: 'Windows',
    browser: 'Edge',
    device: 'desktop',
  },
  { ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0', bot: false, os: 'macOS', browser: 'Firefox', device: 'desktop' },
  { ua: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', bot: false, os: 'iOS', browser: 'Safari', device: 'tablet' },
  { ua: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36', bot: false, os: 'ChromeOS', browser: 'Chrome', device: 'desktop' },
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 337.0.3.23.54 (iPhone15,3; iOS 17_5; en_US; en; scale=3.00; 1290x2796; 614007478)',
    bot: false,
    os: 'iOS',
    browser: 'Instagram',
    device: 'mobile',
  },
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0',
    bot: false,
    os: 'iOS',
    browser: 'Line',
    device: 'mobile',
  },
  {
    ua: 'Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Viber/22.3.1.0',
    bot: false,
    os: 'Android',
    browser: 'Chrome',
    device: 'mobile',
  },
  { ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/38.0.2125.111 Safari/537.36 Viber', bot: true, os: 'macOS', browser: 'Chrome', device: 'bot' },
  { ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', bot: true, os: 'other', browser: 'other', device: 'bot' },
  { ua: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', bot: true, os: 'other', browser: 'other', device: 'bot' },
  { ua: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', bot: true, os: 'other', browser: 'other', device: 'bot' },
  { ua: 'WhatsApp/2.23.20.0 A', bot: true, os: 'other', browser: 'other', device: 'bot' },
  { ua: 'TelegramBot (like TwitterBot)', bot: true, os: 'other', browser: 'other', device: 'bot' },
  { ua: 'curl/8.7.1', bot: true, os: 'other', browser: 'other', device: 'bot' },
  { ua: null, bot: true, os: 'other', browser: 'other', device: 'bot' },
];
const IPS = ['198.51.100.7', '198.51.100.8', '203.0.113.44', '2001:db8:1:2::17', '192.0.2.200'];
const COUNTRIES: Array<[string | undefined, string | null]> = [
  ['DE', 'DE'],
  ['us', 'US'],
  [undefined, null],
  ['XX', null],
  ['IN', 'IN'],
  ['NZ', 'NZ'],
];
const REFERRERS: Array<[string | undefined, string | null]> = [
  [undefined, null],
  ['https://www.Social.example/post/1', 'social.example'],
  ['https://news.example/a?b=c', 'news.example'],
  ['not a url', null],
];
const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham'];
const WINDOWS: Array<[string, string]> = [
  ['2026-03-06', '2026-03-10'],
  ['2026-04-02', '2026-04-07'],
  ['2026-09-25', '2026-09-29'],
  ['2026-10-30', '2026-11-03'],
  ['2026-03-01', '2026-11-10'],
];
const NOW = '2026-11-10T12:00:00Z';

const fmt = new Map<string, Intl.DateTimeFormat>();
function local(ms: number, tz: string): { date: string; hour: number } {
  let f = fmt.get(tz);
  if (!f) fmt.set(tz, (f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' })));
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) };
}
/** First instant whose local date is `date` (minute search: independent of the code under test). */
function dayStart(date: string, tz: string): number {
  let t = Date.parse(`${date}T00:00:00Z`) - 15 * 3_600_000;
  while (local(t, tz).date < date) t += 60_000;
  return t;
}

interface Sent {
  at: number;
  campaign: 0 | 1;
  agent: Label;
  ip: string;
  country: string | null;
  referrerHost: string | null;
}

function scansToSend(): Array<Sent & { countryHeader?: string; referer?: string }> {
  const r = mulberry32(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const times: number[] = [];
  // Near every local midnight of every zone in each window (both sides, at 1/14/16/46 minutes), plus random instants.
  for (const [from, to] of WINDOWS.slice(0, 4)) {
    for (let d = Date.parse(from); d <= Date.parse(to); d += 86_400_000) {
      const date = new Date(d).toISOString().slice(0, 10);
      for (const tz of ZONES) {
        const start = dayStart(date, tz);
        for (const delta of [-46, -16, -14, -1, 0, 1, 14, 16, 46]) if (r() < 0.35) times.push(start + delta * 60_000 + Math.floor(r() * 59_000));
      }
      for (let i = 0; i < 6; i++) times.push(d + Math.floor(r() * 86_400_000));
    }
  }
  // DST instants themselves.
  for (const at of [
    '2026-03-08T06:59:00Z',
    '2026-03-08T07:00:00Z',
    '2026-03-08T07:30:00Z',
    '2026-11-01T05:30:00Z',
    '2026-11-01T06:30:00Z',
    '2026-04-04T13:50:00Z',
    '2026-04-04T14:10:00Z',
    '2026-09-26T13:59:00Z',
    '2026-09-26T14:00:00Z',
  ])
    times.push(Date.parse(at));
  for (let i = 0; i < 40; i++) times.push(Date.parse('2026-03-01T00:00:00Z') + Math.floor(r() * (Date.parse(NOW) - Date.parse('2026-03-01T00:00:00Z'))));
  times.sort((a, b) => a - b);
  return times.map((at) => {
    const [countryHeader, country] = pick(COUNTRIES);
    const [referer, referrerHost] = pick(REFERRERS);
    return { at, campaign: r() < 0.6 ? 0 : 1, agent: pick(AGENTS), ip: pick(IPS), country, referrerHost, countryHeader, referer };
  });
}

describeDialects('analytics against an oracle', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => {});
    apps.length = 0;
  });

  it('every report of every scope, zone and DST window equals what the scans sent add up to', { timeout: 300_000 }, async () => {
    const t = await createTestApp(dialect, {
      clock: new ManualClock('2026-03-01T00:00:00Z'),
      env: { TESSERA_COUNTRY_HEADER: 'cf-ipcountry', TESSERA_SCAN_FLUSH_MS: '60000', TESSERA_RATE_LIMIT_PER_MINUTE: '1000000' },
    });
    apps.push(t);
    const me: Tenant = await tenant(t);
    const other: Tenant = await tenant(t);
    const mk = async (who: Tenant, name: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: who.headers, payload: { name, destination: 'https://example.com/x' } });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string; short_code: string };
    };
    const campaigns = [await mk(me, 'A'), await mk(me, 'B')];
    const foreign = await mk(other, 'F');
    const sent = scansToSend();
    for (const s of sent) {
      t.clock.set(new Date(s.at).toISOString());
      const headers: Record<string, string> = {};
      if (s.agent.ua !== null) headers['user-agent'] = s.agent.ua;
      if (s.countryHeader) headers['cf-ipcountry'] = s.countryHeader;
      if (s.referer) headers.referer = s.referer;
      const res = await t.app.inject({ method: 'GET', url: `/${campaigns[s.campaign]!.short_code}`, remoteAddress: s.ip, headers });
      expect(res.statusCode).toBe(302);
    }
    // One scan to the other account (must appear nowhere in mine).
    await t.app.inject({ method: 'GET', url: `/${foreign.short_code}`, remoteAddress: '198.51.100.7', headers: { 'user-agent': AGENTS[0]!.ua! } });
    t.clock.set(NOW);
    await t.app.ctx.scans.flush();

    const discrepancies: string[] = [];
    let checked = 0;
    const get = async (url: string, who = me) => {
      const res = await t.app.inject({ method: 'GET', url, headers: who.headers });
      checked++;
      return res;
    };
    const eq = (what: string, actual: unknown, expected: unknown) => {
      if (JSON.stringify(actual) !== JSON.stringify(expected)) discrepancies.push(`${what}\n   got      ${JSON.stringify(actual)}\n   expected ${JSON.stringify(expected)}`);
    };

    for (const includeBots of [false, true]) {
      const counted = sent.filter((s) => includeBots || !s.agent.bot);
      for (const scope of [null, 0] as const) {
        const inScope = counted.filter((s) => scope === null || s.campaign === scope);
        // Uniques: first scan of each (visitor, UTC day).
        const firsts = new Map<string, Sent>();
        for (const s of inScope) {
          const key = `${s.ip}\n${s.agent.ua}\n${Math.floor(s.at / 86_400_000)}`;
          if (!firsts.has(key)) firsts.set(key, s);
        }
        const prefix = scope === null ? '/api/v1/analytics' : `/api/v1/analytics/campaign/${campaigns[scope]!.id}`;
        // With bots, and over the whole period, in UTC only: the other zones read the same rows.
        for (const tz of includeBots ? ['UTC'] : ZONES) {
          for (const [from, to] of tz === 'UTC' ? WINDOWS : WINDOWS.slice(0, 4)) {
            const q = `tz=${encodeURIComponent(tz)}&from=${from}&to=${to}${includeBots ? '&include_bots=true' : ''}`;
            const tag = `${scope ?? 'account'} ${q}`;
            const inRange = inScope.filter((s) => {
              const d = local(s.at, tz).date;
              return d >= from && d <= to;
            });
            // timeline
            const dates: string[] = [];
            for (let d = Date.parse(from); d <= Date.parse(to); d += 86_400_000) dates.push(new Date(d).toISOString().slice(0, 10));
            const expTimeline = dates.map((date) => ({
              date,
              scans: inRange.filter((s) => local(s.at, tz).date === date).length,
              unique_scans: [...firsts.values()].filter((s) => local(s.at, tz).date === date).length,
            }));
            const tl = await get(`${prefix}/timeline?${q}`);
            eq(`timeline status ${tag}`, tl.statusCode, 200);
            eq(`timeline ${tag}`, tl.json().data, expTimeline);
            // hours
            const expHours = Array.from({ length: 24 }, (_, hour) => ({ hour, scans: inRange.filter((s) => local(s.at, tz).hour === hour).length }));
            eq(`hours ${tag}`, (await get(`${prefix}/hours?${q}`)).json().data, expHours);
            // breakdowns: exact in whole-hour zones; edges floored to the hour elsewhere (documented)
            const startMs = dayStart(from, tz);
            const endMs = dayStart(new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10), tz);
            const floorH = (ms: number) => ms - (ms % 3_600_000);
            const inBreak = inScope.filter((s) => s.at >= floorH(startMs) && s.at < floorH(endMs));
            const dims: Array<[string, string, (s: Sent) => string | null, string[] | null]> = [
              ['devices', 'os', (s) => s.agent.os, ['iOS', 'Android', 'Windows', 'macOS', 'Linux', 'ChromeOS', 'other']],
              ['browsers', 'browser', (s) => s.agent.browser, null],
              ['device-types', 'device_type', (s) => s.agent.device, includeBots ? ['mobile', 'tablet', 'desktop', 'other', 'bot'] : ['mobile', 'tablet', 'desktop', 'other']],
              ['countries', 'country', (s) => s.country, null],
              ['referrers', 'referrer', (s) => s.referrerHost, null],
            ];
            for (const [path, key, value, fixed] of dims) {
              const counts = new Map<string | null, number>();
              for (const s of inBreak) counts.set(value(s), (counts.get(value(s)) ?? 0) + 1);
              const total = inBreak.length;
              const share = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 10_000) / 10_000);
              const rows = fixed
                ? fixed.map((v) => ({ [key]: v, scans: counts.get(v) ?? 0, share: share(counts.get(v) ?? 0) }))
                : [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).map(([v, n]) => ({ [key]: v, scans: n, share: share(n) }));
              const body = (await get(`${prefix}/${path}?${q}`)).json();
              eq(`${path} ${tag}`, { total: body.total, data: body.data }, { total, data: rows });
            }
            // export (campaign scope)
            if (scope !== null) {
              const res = await get(`${prefix}/export.csv?${q}`);
              if (res.statusCode !== 200) {
                eq(`csv status ${tag}`, [res.statusCode, res.body.slice(0, 300)], 200);
                continue;
              }
              const rows = parseCsv(res.body);
              eq(`csv header ${tag}`, rows[0], [
                'scanned_at',
                'campaign_id',
                'kind',
                'is_bot',
                'os',
                'browser',
                'device_type',
                'country',
                'referrer_host',
                'referrer',
                'user_agent',
                'ip',
                'local_time',
                'campaign_name',
              ]);
              const got = rows.slice(1).map((r) => [r[0], r[3], r[4], r[5], r[6], r[7], r[8], r[12]!.slice(0, 13)].join('|'));
              const exp = inRange.map((s) => {
                const l = local(s.at, tz);
                return [
                  new Date(s.at).toISOString(),
                  String(s.agent.bot),
                  s.agent.os,
                  s.agent.browser,
                  s.agent.device,
                  s.country ?? '',
                  s.referrerHost ?? '',
                  `${l.date} ${String(l.hour).padStart(2, '0')}`,
                ].join('|');
              });
              eq(`csv rows ${tag}`, got, exp);
            }
          }
        }
      }
      // overview
      for (const tz of ZONES) {
        const mine = counted;
        const firsts = new Set(mine.map((s) => `${s.ip}\n${s.agent.ua}\n${Math.floor(s.at / 86_400_000)}`));
        const today = local(Date.parse(NOW), tz).date;
        const lastN = (n: number) => {
          const earliest = new Date(Date.parse(today) - (n - 1) * 86_400_000).toISOString().slice(0, 10);
          return mine.filter((s) => {
            const d = local(s.at, tz).date;
            return d >= earliest && d <= today;
          }).length;
        };
        const body = (await get(`/api/v1/analytics/overview?tz=${encodeURIComponent(tz)}${includeBots ? '&include_bots=true' : ''}`)).json();
        eq(`overview ${tz} bots=${includeBots}`, body.data, {
          total_scans: mine.length,
          unique_scans: firsts.size,
          scans_today: lastN(1),
          scans_last_7_days: lastN(7),
          scans_last_30_days: lastN(30),
          active_campaigns: 2,
        });
      }
    }
    // Another account's campaign: 404 everywhere.
    for (const path of ['timeline', 'hours', 'devices', 'browsers', 'device-types', 'countries', 'referrers', 'export.csv']) {
      eq(`foreign ${path}`, (await get(`/api/v1/analytics/campaign/${foreign.id}/${path}`)).statusCode, 404);
    }
    // Invalid parameters: 400 naming the field.
    for (const q of ['tz=Mars/Olympus', 'from=2026-02-30', 'from=2026-03-10&to=2026-03-01', 'to=26-03-01', 'include_bots=maybe', 'from=2025-01-01&to=2026-12-31', 'start=2026-03-01']) {
      for (const path of ['timeline', 'hours', 'countries']) {
        const res = await get(`/api/v1/analytics/${path}?${q}`);
        eq(`invalid ${path}?${q}`, [res.statusCode, res.headers['content-type']?.toString().startsWith('application/problem+json')], [400, true]);
      }
      const res = await get(`/api/v1/analytics/campaign/${campaigns[0]!.id}/export.csv?${q}`);
      eq(`invalid export?${q}`, res.statusCode, 400);
    }
    // Empty range.
    eq('empty timeline', (await get('/api/v1/analytics/timeline?from=2026-01-01&to=2026-01-02')).json().data, [
      { date: '2026-01-01', scans: 0, unique_scans: 0 },
      { date: '2026-01-02', scans: 0, unique_scans: 0 },
    ]);
    expect(checked).toBeGreaterThan(300);
    expect(discrepancies.slice(0, 20)).toEqual([]);
  });
});
