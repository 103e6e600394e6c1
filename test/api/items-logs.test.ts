// Content, passwords, delete tokens and magics never reach the logs.
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi, resolveViaApi } from '../helpers/items.ts';

describeDialects('items logs', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
  });

  it('a full lifecycle leaves no secret in the captured logs', async () => {
    t = await createTestApp(dialect, { captureLogs: true });
    const content = 'log-canary-content-5f2a';
    const password = 'log-canary-password-9c1d';
    const item = await createItemViaApi(t.app, { content, password, ttlHours: 1, viewLimit: 3 });
    await resolveViaApi(t.app, item.magic, 'wrong-guess');
    await resolveViaApi(t.app, item.magic, password);
    await t.app.inject({ method: 'GET', url: `/i/${item.magic}` });
    // The seeds' short form of the link, which answers 301 to /i/{magic}.
    expect((await t.app.inject({ method: 'GET', url: `/${item.magic}` })).statusCode).toBe(301);
    await t.app.inject({ method: 'POST', url: `/i/${item.magic}/reveal`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `password=${password}` });
    await t.app.inject({ method: 'DELETE', url: `/api/v0/items/${item.magic}`, headers: { 'x-delete-token': 'wrong-token' } });
    await t.app.inject({ method: 'DELETE', url: `/api/v0/items/${item.magic}`, headers: { 'x-delete-token': item.deleteToken } });
    await resolveViaApi(t.app, item.magic, password);

    const logs = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(10);
    expect(logs).toContain('/api/v0/items/[REDACTED]');
    expect(logs).toContain('/i/[REDACTED]/reveal');
    for (const secret of [content, password, item.magic, item.deleteToken, 'wrong-guess']) expect(logs).not.toContain(secret);
  });
});
