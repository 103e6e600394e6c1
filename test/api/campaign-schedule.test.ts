// A campaign's schedule (active_from / active_until): its code leads on only inside the window.
// Before it the code answers "not active yet" (403), from its end "ended" (410): a page that says
// when for browsers, problem+json for API clients, the same through the redirect front door, and
// no scan counted outside the window.
import { afterEach, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { tenant } from '../helpers/tenants.ts';

const HTML = { accept: 'text/html,application/xhtml+xml' };
const FROM = '2026-03-02T09:00:00.000Z';
const UNTIL = '2026-03-05T18:00:00.000Z';

describeDialects('campaign schedule', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => {});
    apps.length = 0;
  });

  async function start() {
    const t = await createTestApp(dialect);
    apps.push(t);
    const me = await tenant(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    const handle = vi.spyOn(t.app.frontDoor, 'handle');
    const frontDoorAnswers = () => handle.mock.results.filter((result) => result.value === true).length;
    const create = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'Spring fair', destination: 'https://example.com/fair', ...payload } });
    const update = (id: string, payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${id}`, headers: me.headers, payload });
    const visit = (code: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${base}/${code}`, { method, redirect: 'manual', headers });
    const scans = async (campaignId: string) => {
      await t.app.ctx.scans.flush();
      return t.database.handle.db.selectFrom('scans').selectAll().where('campaign_id', '=', campaignId).execute();
    };
    return { t, me, create, update, visit, scans, frontDoorAnswers };
  }

  it('leads on only inside the window: 403 before, 302 from the start, 410 from the end, scans counted only inside', async () => {
    const { t, create, visit, scans, frontDoorAnswers } = await start();
    const created = await create({ active_from: '2026-03-02T10:00:00+01:00', active_until: UNTIL });
    expect(created.statusCode).toBe(201);
    const c = created.json() as { id: string; short_code: string; active_from: string; active_until: string };
    // Any RFC 3339 offset is accepted and answered in UTC.
    expect(c.active_from).toBe(FROM);
    expect(c.active_until).toBe(UNTIL);

    // Before the start, twice (the second from the cache): the front door must not answer it.
    for (let i = 0; i < 2; i++) {
      const page = await visit(c.short_code, HTML);
      expect(page.status).toBe(403);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const body = await page.text();
      expect(body).toContain('isn’t active yet');
      expect(body).toContain(`<time datetime="${FROM}"`);
      expect(body).toContain('in 21 hours');
    }
    const early = await visit(c.short_code);
    expect(early.status).toBe(403);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await early.json()) as { code: string; detail: string };
    expect(problem.code).toBe('code_not_yet_active');
    expect(problem.detail).toContain(FROM);
    expect((await visit(c.short_code, {}, 'HEAD')).status).toBe(403);
    expect(frontDoorAnswers()).toBe(0);
    expect(await scans(c.id)).toHaveLength(0);

    // The start is inclusive; the cached target is re-judged against the clock on every request.
    t.clock.set(FROM);
    for (let i = 0; i < 3; i++) {
      const live = await visit(c.short_code);
      expect(live.status).toBe(302);
      expect(live.headers.get('location')).toBe('https://example.com/fair');
    }
    expect(frontDoorAnswers()).toBeGreaterThan(0);
    expect(await scans(c.id)).toHaveLength(3);

    // The end is exclusive: at UNTIL the code has ended, cached or not.
    const answeredBefore = frontDoorAnswers();
    t.clock.set(UNTIL);
    const ended = await visit(c.short_code, HTML);
    expect(ended.status).toBe(410);
    const endedBody = await ended.text();
    expect(endedBody).toContain('This campaign has ended');
    expect(endedBody).toContain(`<time datetime="${UNTIL}"`);
    const endedProblem = await visit(c.short_code);
    expect(endedProblem.status).toBe(410);
    expect(((await endedProblem.json()) as { code: string }).code).toBe('code_ended');
    expect(frontDoorAnswers()).toBe(answeredBefore);
    expect(await scans(c.id)).toHaveLength(3);
  });

  it('speaks the visitor’s language and wears the owner’s branding on the schedule pages', async () => {
    const { t, me, create, visit } = await start();
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: me.headers, payload: { name: 'Lumen Events' } })).statusCode).toBe(200);
    const c = (await create({ active_from: FROM })).json() as { short_code: string };
    const de = await (await visit(c.short_code, { ...HTML, 'accept-language': 'de-DE,de;q=0.9' })).text();
    expect(de).toContain('Dieser Code ist noch nicht aktiv');
    expect(de).toContain('Lumen Events');
    expect(de).toContain('lang="de"');
  });

  it('an archived campaign answers archived whatever its schedule says', async () => {
    const { t, me, create, visit } = await start();
    const c = (await create({ active_from: FROM })).json() as { id: string; short_code: string };
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${c.id}`, headers: me.headers });
    const response = await visit(c.short_code);
    expect(response.status).toBe(410);
    expect(((await response.json()) as { code: string }).code).toBe('gone');
  });

  it('refuses a window that closes before it opens, a non-date and an absurd year, and writes nothing', async () => {
    const { t, me, create, update } = await start();
    const count = async () => ((await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: me.headers })).json() as { data: unknown[] }).data.length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ active_from: UNTIL, active_until: FROM }, 'body/active_until'],
      [{ active_from: FROM, active_until: FROM }, 'body/active_until'],
      [{ active_from: 'next tuesday' }, 'active_from'],
      [{ active_until: '9999-12-31T00:00:00Z' }, 'body/active_until'],
      [{ active_from: '1970-01-01T00:00:00Z' }, 'body/active_from'],
    ];
    for (const [payload, field] of cases) {
      const response = await create(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(response.json()), JSON.stringify(payload)).toContain(field);
    }
    expect(await count()).toBe(0);

    // A change is judged against the stored other end; null opens that end again.
    const c = (await create({ active_from: FROM })).json() as { id: string; short_code: string };
    const backwards = await update(c.id, { active_until: '2026-03-01T00:00:00Z' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'body/active_until', message: 'must be later than active_from' }]);
    const stored = (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${c.id}`, headers: me.headers })).json() as { active_until: string | null };
    expect(stored.active_until).toBeNull();

    expect((await t.app.inject({ method: 'GET', url: `/${c.short_code}` })).statusCode).toBe(403);
    const opened = await update(c.id, { active_from: null });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ active_from: null, active_until: null });
    // Same instance: the change shows on the very next scan.
    expect((await t.app.inject({ method: 'GET', url: `/${c.short_code}` })).statusCode).toBe(302);
  });
});
