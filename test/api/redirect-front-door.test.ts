// The redirect front door answers cached redirects before Fastify routes them. It must be
// invisible: the same status, headers and stored scan as the Fastify route, and it must step
// aside for everything it cannot answer exactly alike.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { tenant } from '../helpers/tenants.ts';

// Headers that differ between any two responses, whoever sends them.
const PER_RESPONSE = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);

describeDialects('redirect front door', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => {});
    apps.length = 0;
  });

  async function start(env: Record<string, string> = {}, captureLogs = false) {
    const t = await createTestApp(dialect, { env, captureLogs });
    apps.push(t);
    const me = await tenant(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    // Which requests the front door answered, in order.
    const handle = vi.spyOn(t.app.frontDoor, 'handle');
    const answeredByFrontDoor = () => handle.mock.results.map((result) => result.value as boolean);
    const create = async (payload: Record<string, unknown> = {}) => {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'c', destination: 'https://example.com/landing', ...payload } });
      expect(response.statusCode).toBe(201);
      return response.json() as { id: string; short_code: string };
    };
    const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${base}${path}`, { method, redirect: 'manual', headers });
    const scans = async (campaignId: string) => {
      await t.app.ctx.scans.flush();
      return t.database.handle.db.selectFrom('scans').selectAll().where('campaign_id', '=', campaignId).orderBy('id').execute();
    };
    return { t, headers: me.headers, create, get, scans, answeredByFrontDoor };
  }

  function comparable(response: Response): Record<string, string> {
    const all: Array<[string, string]> = [];
    response.headers.forEach((value, name) => all.push([name, value]));
    return Object.fromEntries(all.filter(([name]) => !PER_RESPONSE.has(name)));
  }

  it('answers a cached redirect exactly as the route does: status, headers, body and the stored scan', async () => {
    const { create, get, scans, answeredByFrontDoor } = await start({ TESSERA_COUNTRY_HEADER: 'cf-ipcountry' });
    const c = await create();
    const headers = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)', referer: 'https://news.example/post', 'cf-ipcountry': 'DE' };
    const viaRoute = await get(`/${c.short_code}`, headers); // cache miss: Fastify loads the code
    const viaFrontDoor = await get(`/${c.short_code}`, headers);
    expect(answeredByFrontDoor()).toEqual([false, true]);
    for (const response of [viaRoute, viaFrontDoor]) {
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('https://example.com/landing');
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await response.text()).toBe('');
    }
    expect(comparable(viaFrontDoor)).toEqual(comparable(viaRoute));
    const rows = await scans(c.id);
    expect(rows).toHaveLength(2);
    const { id: _a, occurred_at: _b, ...first } = rows[0]!;
    const { id: _c, occurred_at: _d, ...second } = rows[1]!;
    expect(second).toEqual(first);
    expect(first).toMatchObject({ user_agent: headers['user-agent'], referrer: headers.referer, country: 'DE', ip: '127.0.0.0', os: 'iOS', kind: 'scan' });
  });

  it('keeps a caller’s plain X-Request-Id, like the route', async () => {
    const { create, get, answeredByFrontDoor } = await start();
    const c = await create();
    await get(`/${c.short_code}`);
    const response = await get(`/${c.short_code}`, { 'x-request-id': 'trace-42' });
    expect(answeredByFrontDoor()).toEqual([false, true]);
    expect(response.headers.get('x-request-id')).toBe('trace-42');
  });

  it('with TESSERA_TRUST_PROXY the scan carries the X-Forwarded-For client, as on the route', async () => {
    const { create, get, scans, answeredByFrontDoor } = await start({ TESSERA_TRUST_PROXY: 'true' });
    const c = await create();
    const forwarded = { 'x-forwarded-for': '198.51.100.23, 10.0.0.2' };
    await get(`/${c.short_code}`, forwarded);
    await get(`/${c.short_code}`, forwarded);
    expect(answeredByFrontDoor()).toEqual([false, true]);
    const rows = await scans(c.id);
    expect(rows.map((row) => row.ip)).toEqual(['198.51.100.0', '198.51.100.0']);
  });

  it('steps aside for HEAD, query strings, static-code scans it must not record, archived and unknown codes', async () => {
    const { t, headers, create, get, scans, answeredByFrontDoor } = await start();
    const dynamic = await create();
    const fixed = await create({ qr_type: 'static' });
    await get(`/${dynamic.short_code}`);
    await get(`/${fixed.short_code}`);
    expect(answeredByFrontDoor()).toEqual([false, false]);

    const head = await get(`/${dynamic.short_code}`, {}, 'HEAD');
    const query = await get(`/${dynamic.short_code}?utm_source=poster`);
    const unknown = await get('/ZZZZZZZZ', { accept: 'text/html' });
    expect([head.status, query.status, unknown.status]).toEqual([302, 302, 404]);
    expect(answeredByFrontDoor().slice(2)).toEqual([false, false, false]);

    // A cached static code is answered (with no scan, as on the route).
    const staticAnswer = await get(`/${fixed.short_code}`);
    expect(staticAnswer.status).toBe(302);
    expect(answeredByFrontDoor().at(-1)).toBe(true);
    expect(await scans(fixed.id)).toHaveLength(0);
    expect(await scans(dynamic.id)).toHaveLength(2); // the first GET and the one with a query string

    // Archiving drops the cached target: the next request goes to the route and gets its 410.
    expect(await get(`/${dynamic.short_code}`).then((r) => r.status)).toBe(302);
    expect(answeredByFrontDoor().at(-1)).toBe(true);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${dynamic.id}`, headers })).statusCode).toBeLessThan(300);
    const archived = await get(`/${dynamic.short_code}`, { accept: 'text/html' });
    expect(archived.status).toBe(410);
    expect(answeredByFrontDoor().at(-1)).toBe(false);
  });

  it('steps aside once the app starts closing, so Fastify answers what arrives during shutdown', async () => {
    const { t, create, get, answeredByFrontDoor } = await start();
    const c = await create();
    await get(`/${c.short_code}`);
    await get(`/${c.short_code}`);
    expect(answeredByFrontDoor()).toEqual([false, true]);
    await t.app.close();
    // The same cached code, offered to the front door directly: it no longer answers.
    const request = { method: 'GET', url: `/${c.short_code}`, headers: {}, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
    const response = { writeHead: () => expect.unreachable('the front door answered after close') } as unknown as ServerResponse;
    expect(t.app.frontDoor.handle(request, response)).toBe(false);
  });

  it('is off when every request is logged (LOG_LEVEL debug), so no redirect escapes the request log', async () => {
    const { t, create, get, answeredByFrontDoor } = await start({}, true); // captured logs are at debug
    const c = await create();
    await get(`/${c.short_code}`);
    const second = await get(`/${c.short_code}`);
    expect(second.status).toBe(302);
    expect(answeredByFrontDoor()).toEqual([false, false]);
    const logged = t.logs.map((line) => JSON.parse(line) as { msg: string; level: number; req?: { url: string } }).filter((line) => line.req?.url === `/${c.short_code}`);
    // One access line per request, at debug (ADR 0020).
    expect(logged.map((line) => [line.msg, line.level])).toEqual([
      ['request completed', 20],
      ['request completed', 20],
    ]);
  });

  it('answers at the default level (info), where no request writes a log line', async () => {
    const { t, create, get, answeredByFrontDoor } = await start({ LOG_LEVEL: 'info' }, true);
    const c = await create();
    await get(`/${c.short_code}`);
    await get(`/${c.short_code}`);
    expect(answeredByFrontDoor()).toEqual([false, true]);
    expect(t.logs.filter((line) => line.includes(`/${c.short_code}`))).toEqual([]);
  });
});
