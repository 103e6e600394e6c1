// Item passwords checked per client network per minute, right or wrong: each check runs argon2id,
// and only wrong ones count against an item's own limits, so the right password of a shared link
// with no view limit could keep the instance hashing (security audit F1).
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi, SEED_ITEM } from '../helpers/items.ts';

describeDialects('item password checks', (dialect) => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });
  const resolve = (magic: string, password: string, remoteAddress = '198.51.100.7') =>
    t.app.inject({ method: 'GET', url: `/api/v0/items/${magic}`, headers: { 'x-qr-password': password }, remoteAddress });

  it('by default 60 a minute per network, right or wrong and across items, then 429 rate_limited with Retry-After; nothing is spent', async () => {
    t = await createTestApp(dialect);
    t.clock.set('2026-03-01T12:00:20.000Z');
    const shared = await createItemViaApi(t.app, { ...SEED_ITEM, viewLimit: undefined });
    const other = await createItemViaApi(t.app, { ...SEED_ITEM, viewLimit: undefined });
    for (let i = 0; i < 55; i++) expect((await resolve(shared.magic, SEED_ITEM.password)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await resolve(other.magic, `wrong-${i}`)).statusCode).toBe(401);
    const refused = await resolve(shared.magic, SEED_ITEM.password);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'rate_limited', detail: expect.stringMatching(/passwords checked from your network/) });
    expect(refused.headers).toMatchObject({ 'retry-after': '40', 'ratelimit-limit': '60', 'ratelimit-remaining': '0' });
    // Nothing spent, and the refusal was not counted as a wrong password.
    const rows = await t.app.ctx.db.selectFrom('items').select(['view_count', 'password_failures']).orderBy('view_count', 'desc').execute();
    expect(rows).toEqual([
      { view_count: 55, password_failures: 0 },
      { view_count: 0, password_failures: 5 },
    ]);
    // Another network has its own budget; the next minute opens this one again.
    expect((await resolve(shared.magic, SEED_ITEM.password, '203.0.113.9')).statusCode).toBe(200);
    t.clock.advance(40_000);
    expect((await resolve(shared.magic, SEED_ITEM.password)).statusCode).toBe(200);
  });

  it('items without a password are not counted; the public page answers the refusal as a page', async () => {
    t = await createTestApp(dialect, { env: { TESSERA_ITEM_PASSWORD_CHECKS_PER_MINUTE: '2' } });
    const open = await createItemViaApi(t.app, { content: 'no password', ttlHours: 1 });
    for (let i = 0; i < 5; i++) expect((await t.app.inject({ method: 'GET', url: `/api/v0/items/${open.magic}`, remoteAddress: '198.51.100.7' })).statusCode).toBe(200);
    const item = await createItemViaApi(t.app, { ...SEED_ITEM, viewLimit: undefined });
    const reveal = () =>
      t.app.inject({
        method: 'POST',
        url: `/i/${item.magic}/reveal`,
        payload: `password=${SEED_ITEM.password}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        remoteAddress: '198.51.100.7',
      });
    expect((await reveal()).statusCode).toBe(200);
    expect((await reveal()).statusCode).toBe(200);
    const page = await reveal();
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['retry-after']).toMatch(/^\d+$/);
    expect(page.body).toContain('Too many tries from your connection');
  });
});
