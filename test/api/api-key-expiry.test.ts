// Expired and revoked keys: the 403 names the action that works, an expired key may regenerate
// itself (and only itself) on the regenerate route for EXPIRED_KEY_RENEWAL_DAYS after expiry, and
// a revoked key stays dead everywhere. Keys are expired by moving the injected clock.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EXPIRED_KEY_RENEWAL_DAYS } from '../../src/modules/accounts/api-key.service.ts';
import { parseApiKey } from '../../src/modules/accounts/api-key-format.ts';
import { authHeaders, sessionHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

const ME = '/api/v1/auth/me';
const KEYS = '/api/v1/merchant/api-keys';
const REGENERATE = '/api/v1/merchant/api-keys/secret/regenerate';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describeDialects('api keys: expired and revoked', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    a = await signUp(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  /** A key of `env` that expires in one hour, and the clock moved past that by `after` ms. */
  async function expiredKey(env: 'prd' | 'tst' = 'prd', after = 1): Promise<{ key: string; id: string; kid: string; expiresAt: number }> {
    const expiresAt = t.clock.now() + HOUR;
    const created = await t.app.inject({ method: 'POST', url: KEYS, headers: sessionHeaders(a), payload: { env, name: 'nightly export', expires_at: new Date(expiresAt).toISOString() } });
    expect(created.statusCode).toBe(201);
    const { full_key: key, api_key: row } = created.json().data;
    expect((await t.app.inject({ method: 'GET', url: ME, headers: authHeaders(key) })).statusCode).toBe(200);
    t.clock.set(expiresAt + after);
    return { key, id: row.id, kid: row.kid, expiresAt };
  }

  const regenerate = (headers: Record<string, string>, payload?: object) => t.app.inject({ method: 'POST', url: REGENERATE, headers, ...(payload ? { payload } : {}) });
  const me = (key: string) => t.app.inject({ method: 'GET', url: ME, headers: authHeaders(key) });

  it("an expired key gets 403 api_key_expired on every other route, naming the regenerate route, this key's window and key creation", async () => {
    const { key, expiresAt } = await expiredKey();
    for (const res of [
      await me(key),
      await t.app.inject({ method: 'GET', url: KEYS, headers: authHeaders(key) }),
      await t.app.inject({ method: 'POST', url: KEYS, headers: authHeaders(key), payload: { env: 'prd' } }),
    ]) {
      expect(res.statusCode).toBe(403);
      const body = res.json();
      expect(body.code).toBe('api_key_expired');
      expect(body.detail).toContain(`expired at ${new Date(expiresAt).toISOString()}`);
      expect(body.detail).toContain('POST /api/v1/merchant/api-keys/secret/regenerate');
      expect(body.detail).toContain(`accepted there until ${new Date(expiresAt + EXPIRED_KEY_RENEWAL_DAYS * DAY).toISOString()}`);
      expect(body.detail).toContain('POST /api/v1/merchant/api-keys');
    }
  });

  it("the seed's curl (the expired key in X-API-Key, no body) regenerates it: 201, the new key works, the expired one is revoked", async () => {
    const { key, id, kid } = await expiredKey();
    const res = await regenerate({ 'x-api-key': key });
    expect(res.statusCode, res.body).toBe(201);
    const data = res.json().data;
    // The successor lives as long as the expired key did (one hour), from now.
    expect(data.api_key).toMatchObject({ env: 'prd', status: 'active', name: 'nightly export', expires_at: new Date(t.clock.now() + HOUR).toISOString() });
    expect(data.api_key.kid).not.toBe(kid);
    expect(data.previous_api_key).toMatchObject({ id, kid, status: 'revoked' });
    expect(parseApiKey(data.full_key)?.kid).toBe(data.api_key.kid);
    expect((await me(data.full_key)).statusCode).toBe(200);
    // The old key is now revoked: dead everywhere, including on regenerate (one successor only).
    expect((await me(key)).json().code).toBe('api_key_revoked');
    const again = await regenerate({ 'x-api-key': key });
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('api_key_revoked');
  });

  it('an expiring key cannot shed its expiry by regenerating itself: the successor gets the same lifetime; a key without expiry stays without', async () => {
    const created = await t.app.inject({ method: 'POST', url: KEYS, headers: sessionHeaders(a), payload: { env: 'prd', name: 'contractor', expires_at: new Date(t.clock.now() + DAY).toISOString() } });
    const key = created.json().data.full_key;
    t.clock.advance(HOUR);
    const res = await regenerate(authHeaders(key));
    expect(res.statusCode).toBe(201);
    expect(res.json().data.api_key.expires_at).toBe(new Date(t.clock.now() + DAY).toISOString());
    const permanent = await regenerate(authHeaders(a.apiKey));
    expect(permanent.json().data.api_key.expires_at).toBeNull();
  });

  it('a grace period is meaningless for a key that already stopped working: it is revoked at once', async () => {
    const { key } = await expiredKey();
    const res = await regenerate(authHeaders(key), { grace_period_hours: 24 });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.previous_api_key).toMatchObject({ status: 'revoked' });
  });

  it('a tst key renews itself as a tst key', async () => {
    const { key } = await expiredKey('tst');
    const res = await regenerate(authHeaders(key));
    expect(res.statusCode).toBe(201);
    expect(res.json().data.api_key.env).toBe('tst');
  });

  it('an expired key regenerates only itself, not another key named by kid', async () => {
    const { key, kid } = await expiredKey();
    const other = parseApiKey(a.apiKey)!.kid;
    const res = await regenerate(authHeaders(key), { kid: other });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect((await me(a.apiKey)).statusCode).toBe(200);
    expect((await regenerate(authHeaders(key), { kid })).statusCode).toBe(201);
  });

  it(`${EXPIRED_KEY_RENEWAL_DAYS} days after expiry the key no longer renews itself; another key or a session still can`, async () => {
    const { key, kid, expiresAt } = await expiredKey('prd', EXPIRED_KEY_RENEWAL_DAYS * DAY - 1);
    t.clock.set(expiresAt + EXPIRED_KEY_RENEWAL_DAYS * DAY);
    const res = await regenerate(authHeaders(key));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('api_key_expired');
    expect(res.json().detail).toContain(`more than ${EXPIRED_KEY_RENEWAL_DAYS} days ago`);
    expect(res.json().detail).toContain(`{"kid":"${kid}"}`);
    const byOtherKey = await regenerate(authHeaders(a.apiKey), { kid });
    expect(byOtherKey.statusCode).toBe(201);
    expect(byOtherKey.json().data.previous_api_key).toMatchObject({ kid, status: 'revoked' });
  });

  it('a session regenerates an expired key by kid, however long ago it expired', async () => {
    const { kid } = await expiredKey('prd', 10 * DAY);
    const res = await regenerate(sessionHeaders(a), { kid });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.previous_api_key).toMatchObject({ kid, status: 'revoked' });
  });

  it('the last moment inside the window still renews', async () => {
    const { key, expiresAt } = await expiredKey();
    t.clock.set(expiresAt + EXPIRED_KEY_RENEWAL_DAYS * DAY - 1);
    expect((await regenerate(authHeaders(key))).statusCode).toBe(201);
  });

  it('a key replaced by regeneration whose grace period ended stays expired: it names its successor and cannot renew itself', async () => {
    const rotated = await regenerate(authHeaders(a.apiKey), { grace_period_hours: 1 });
    expect(rotated.statusCode).toBe(201);
    t.clock.advance(HOUR);
    const res = await regenerate(authHeaders(a.apiKey));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'api_key_expired', detail: expect.stringContaining('replaced by a regenerated key') });
    const bySession = await regenerate(sessionHeaders(a), { kid: parseApiKey(a.apiKey)!.kid });
    expect(bySession.statusCode).toBe(409);
    expect(bySession.json().detail).toMatch(/replaced by a regenerated key: use that one/);
  });

  it('a revoked key is refused everywhere with 403 api_key_revoked, and the detail says to create a new key', async () => {
    expect((await t.app.inject({ method: 'DELETE', url: `${KEYS}/${a.apiKeyId}`, headers: sessionHeaders(a) })).statusCode).toBe(204);
    for (const res of [await me(a.apiKey), await regenerate(authHeaders(a.apiKey)), await regenerate({ authorization: `Bearer ${a.apiKey}` }, { kid: parseApiKey(a.apiKey)!.kid })]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('api_key_revoked');
      expect(res.json().detail).toContain('POST /api/v1/merchant/api-keys using another valid key or a dashboard session');
    }
    // A session cannot bring it back either.
    expect((await regenerate(sessionHeaders(a), { kid: parseApiKey(a.apiKey)!.kid })).statusCode).toBe(409);
  });

  it('a revoked key whose expiry also passed is still revoked, not renewable', async () => {
    const { key, id } = await expiredKey('prd', -HOUR / 2);
    expect((await t.app.inject({ method: 'DELETE', url: `${KEYS}/${id}`, headers: sessionHeaders(a) })).statusCode).toBe(204);
    t.clock.advance(HOUR);
    const res = await regenerate(authHeaders(key));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('api_key_revoked');
  });
});
