// Credentials on item creation, where they are optional: a key that is sent must be good. An
// integrator whose key was revoked used to get 201 and an anonymous item (unattributed, no
// item.finalized webhook) and never learn the key was dead; a key over its rate limit escaped to
// the anonymous budget. Ended sessions and check-in keys still create anonymous items.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

const ITEM = { content: 'door code 4711', ttlHours: 1 };

describeDialects('credentials on item creation', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_RATE_LIMIT_PER_MINUTE: '3' } });
    a = await signUp(t.app);
  });
  afterEach(async () => t.close());

  const create = (headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/v0/items', payload: ITEM, headers });
  const owners = async () => (await t.database.handle.db.selectFrom('items').select('account_id').execute()).map((row) => row.account_id);

  it('refuses a key that is unknown, malformed, empty, revoked or over its limit, and stores nothing', async () => {
    const unknown = 'sec1-prd-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-42';
    for (const headers of [authHeaders(unknown), { authorization: `Bearer ${unknown}` }, { 'x-api-key': 'not-a-key' }, { 'x-api-key': '' }, { authorization: 'Bearer' }]) {
      const refused = await create(headers);
      expect(refused.statusCode, JSON.stringify(headers)).toBe(401);
      expect(refused.json().code).toMatch(/^api_key_(invalid|missing)$/);
      expect(refused.headers['www-authenticate']).toContain('Bearer');
    }
    expect(await owners()).toEqual([]);

    const kept = await create(authHeaders(a.apiKey));
    expect(kept.statusCode).toBe(201);
    expect(await owners()).toEqual([a.accountId]);
    // Two more spend the key's three a minute; the next is refused, not made anonymous.
    expect((await create(authHeaders(a.apiKey))).statusCode).toBe(201);
    expect((await create(authHeaders(a.apiKey))).statusCode).toBe(201);
    const limited = await create(authHeaders(a.apiKey));
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'rate_limited']);
    expect(await owners()).toEqual([a.accountId, a.accountId, a.accountId]);

    t.clock.advance(60_000);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/merchant/api-keys/${a.apiKeyId}`, headers: sessionHeaders(a) })).statusCode).toBe(204);
    const revoked = await create(authHeaders(a.apiKey));
    expect([revoked.statusCode, revoked.json().code]).toEqual([403, 'api_key_revoked']);
    expect(await owners()).toHaveLength(3);
  });

  it('creates an anonymous item for an ended session, a check-in key or another scheme', async () => {
    const checkin = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: sessionHeaders(a), payload: { env: 'prd', scope: 'checkin', name: 'Door' } });
    expect(checkin.statusCode, checkin.body).toBe(201);
    const signedOut = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: sessionHeaders(a) });
    expect(signedOut.statusCode).toBeLessThan(300);
    for (const headers of [{ cookie: a.cookie }, authHeaders(checkin.json().data.full_key), { authorization: 'Basic dXNlcjpwYXNz' }]) {
      const created = await create(headers);
      expect(created.statusCode, JSON.stringify(headers)).toBe(201);
    }
    expect(await owners()).toEqual([null, null, null]);
  });
});
