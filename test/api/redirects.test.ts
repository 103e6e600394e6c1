import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { ManualClock } from '../helpers/clock.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { tenant } from '../helpers/tenants.ts';

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describeDialects('redirects and scan capture', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => {});
    apps.length = 0;
  });

  async function start(options: Parameters<typeof createTestApp>[1] = {}) {
    const t = await createTestApp(dialect, options);
    apps.push(t);
    return t;
  }

  async function campaign(t: TestApp, headers: Record<string, string>, payload: Record<string, unknown> = {}) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'c', destination: 'https://example.com/landing', ...payload } });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; short_code: string };
  }

  async function scans(t: TestApp, campaignId?: string) {
    await t.app.ctx.scans.flush();
    let query = t.database.handle.db.selectFrom('scans').selectAll();
    if (campaignId) query = query.where('campaign_id', '=', campaignId);
    return query.orderBy('occurred_at').execute();
  }

  it('GET answers 302 to the destination and records exactly one scan per request; HEAD records none', async () => {
    const t = await start({ env: { TESSERA_COUNTRY_HEADER: 'cf-ipcountry' } });
    const me = await tenant(t);
    const c = await campaign(t, me.headers);
    const get = await t.app.inject({
      method: 'GET',
      url: `/${c.short_code}`,
      remoteAddress: '203.0.113.77',
      headers: { 'user-agent': 'Mozilla/5.0 (iPhone)', referer: 'https://news.example/post', 'cf-ipcountry': 'de' },
    });
    expect(get.statusCode).toBe(302);
    expect(get.headers.location).toBe('https://example.com/landing');
    expect(get.headers['cache-control']).toBe('private, max-age=0');
    expect(get.body).toBe('');
    const head = await t.app.inject({ method: 'HEAD', url: `/${c.short_code}` });
    expect(head.statusCode).toBe(302);
    expect(head.headers.location).toBe('https://example.com/landing');
    let rows = await scans(t, c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      account_id: me.accountId,
      campaign_id: c.id,
      occurred_at: t.clock.now(),
      user_agent: 'Mozilla/5.0 (iPhone)',
      referrer: 'https://news.example/post',
      ip: '203.0.113.0',
      country: 'DE',
      kind: 'scan',
    });
    for (let i = 0; i < 4; i++) await t.app.inject({ method: 'GET', url: `/${c.short_code}` });
    for (let i = 0; i < 3; i++) await t.app.inject({ method: 'HEAD', url: `/${c.short_code}` });
    rows = await scans(t, c.id);
    expect(rows).toHaveLength(5);
  });

  it('stores no IP when TESSERA_IP_STORAGE=none, and truncates long headers', async () => {
    const t = await start({ env: { TESSERA_IP_STORAGE: 'none' } });
    const me = await tenant(t);
    const c = await campaign(t, me.headers);
    await t.app.inject({ method: 'GET', url: `/${c.short_code}`, remoteAddress: '2001:db8:1:2::3', headers: { 'user-agent': 'u'.repeat(2000), referer: `https://r.example/${'x'.repeat(3000)}` } });
    const [row] = await scans(t, c.id);
    expect(row).toMatchObject({ ip: null, country: null });
    expect(row!.user_agent).toHaveLength(512);
    expect(row!.referrer).toHaveLength(1024);
  });

  it('a destination change is visible at once on the same instance', async () => {
    const t = await start();
    const me = await tenant(t);
    const c = await campaign(t, me.headers);
    expect((await t.app.inject({ method: 'GET', url: `/${c.short_code}` })).headers.location).toBe('https://example.com/landing');
    await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${c.id}`, headers: me.headers, payload: { destination: 'https://example.org/next' } });
    expect((await t.app.inject({ method: 'GET', url: `/${c.short_code}` })).headers.location).toBe('https://example.org/next');
  });

  it('archived codes answer 410 (page for browsers, problem for API clients); unknown codes 404', async () => {
    const t = await start();
    const me = await tenant(t);
    const c = await campaign(t, me.headers);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${c.id}`, headers: me.headers });
    const page = await t.app.inject({ method: 'GET', url: `/${c.short_code}`, headers: HTML });
    expect(page.statusCode).toBe(410);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('no longer active');
    const problem = await t.app.inject({ method: 'GET', url: `/${c.short_code}` });
    expect(problem.statusCode).toBe(410);
    expect(problem.json().code).toBe('gone');
    expect((await t.app.inject({ method: 'HEAD', url: `/${c.short_code}` })).statusCode).toBe(410);
    expect(await scans(t, c.id)).toHaveLength(0);

    const unknown = await t.app.inject({ method: 'GET', url: '/Zz9Zz9Zz', headers: HTML });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('We can’t find this code');
    // A path that is no code at all gets the very same page: nothing tells them apart.
    expect(unknown.body).toBe((await t.app.inject({ method: 'GET', url: '/Zz9Zz9Zz9Zz', headers: HTML })).body);
    const notACode = await t.app.inject({ method: 'GET', url: '/favicon.ico', headers: HTML });
    expect(notACode.statusCode).toBe(404);
    expect(notACode.headers['content-type']).toContain('text/html');
    expect((await t.app.inject({ method: 'GET', url: '/Zz9Zz9Zz' })).json().code).toBe('route_not_found');
    const head = await t.app.inject({ method: 'HEAD', url: '/Zz9Zz9Zz', headers: HTML });
    expect(head.statusCode).toBe(404);
    expect(head.body).toBe('');
  });

  it('static codes redirect without tracking', async () => {
    const t = await start();
    const me = await tenant(t);
    const c = await campaign(t, me.headers, { qr_type: 'static' });
    expect((await t.app.inject({ method: 'GET', url: `/${c.short_code}` })).statusCode).toBe(302);
    expect(await scans(t, c.id)).toHaveLength(0);
  });

  it('reserved paths are not shadowed by the code route', async () => {
    const t = await start();
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().openapi).toMatch(/^3\./);
    expect((await t.app.inject({ method: 'GET', url: '/problems' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });

  it('graceful shutdown flushes every buffered scan', async () => {
    const t = await start({ env: { TESSERA_SCAN_FLUSH_MS: '60000' } });
    const me = await tenant(t);
    const c = await campaign(t, me.headers);
    await Promise.all(Array.from({ length: 300 }, () => t.app.inject({ method: 'GET', url: `/${c.short_code}` })));
    await t.app.close();
    const row = await t.database.handle.db
      .selectFrom('scans')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('campaign_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(300);
  });

  it('a change made on one instance reaches another sharing the database within 1 s, even when no notification does', async () => {
    const clock = new ManualClock();
    const a = await start({ clock });
    const b = await start({ clock, database: a.database });
    const me = await tenant(a);
    await tenant(b); // installs the test auth hook on b as well
    // On PostgreSQL b would hear the change at once (next test); with its listener stopped the TTL alone must hold.
    await b.app.ctx.campaignChanges!.close();
    const c = await campaign(a, me.headers);
    expect((await b.app.inject({ method: 'GET', url: `/${c.short_code}` })).headers.location).toBe('https://example.com/landing');
    await a.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${c.id}`, headers: me.headers, payload: { destination: 'https://example.org/moved' } });
    expect((await a.app.inject({ method: 'GET', url: `/${c.short_code}` })).headers.location).toBe('https://example.org/moved');
    // b still trusts its cached copy (this is what keeps the hot path off the database)…
    clock.advance(500);
    expect((await b.app.inject({ method: 'GET', url: `/${c.short_code}` })).headers.location).toBe('https://example.com/landing');
    // …but never for longer than 1 s after it read it.
    clock.advance(500);
    expect((await b.app.inject({ method: 'GET', url: `/${c.short_code}` })).headers.location).toBe('https://example.org/moved');
    await a.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${c.id}`, headers: me.headers });
    clock.advance(1000);
    expect((await b.app.inject({ method: 'GET', url: `/${c.short_code}` })).statusCode).toBe(410);
  });

  it.runIf(dialect === 'postgres')('on PostgreSQL another instance hears a change at once (LISTEN/NOTIFY), though its clock stands still', async () => {
    const clock = new ManualClock();
    const a = await start({ clock });
    const b = await start({ clock, database: a.database });
    const me = await tenant(a);
    await tenant(b);
    // Real I/O (b's LISTEN connection), so real time with a deadline; the clock never moves.
    const until = async (what: string, probe: () => Promise<boolean> | boolean) => {
      const deadline = Date.now() + 5_000;
      while (!(await probe())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    await until('b listening', () => b.app.ctx.campaignChanges!.stats()?.connected === true);
    const c = await campaign(a, me.headers);
    const at = async (t: TestApp) => (await t.app.inject({ method: 'GET', url: `/${c.short_code}` })).headers.location;
    expect(await at(b)).toBe('https://example.com/landing');
    await a.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${c.id}`, headers: me.headers, payload: { destination: 'https://example.org/moved' } });
    await until('b to follow the change', async () => (await at(b)) === 'https://example.org/moved');
    await a.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${c.id}`, headers: me.headers });
    await until('b to see the archive', async () => (await b.app.inject({ method: 'GET', url: `/${c.short_code}` })).statusCode === 410);
    expect(b.app.ctx.campaignChanges!.stats()!.received).toBeGreaterThanOrEqual(2);
  });
});
