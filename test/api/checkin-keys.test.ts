// Check-in keys (scope `checkin`): a door scanner's key checks tickets in and reads check-ins and
// events, and every other route refuses it before reading the request, so a key lost with a
// scanner cannot change a code, read form answers or mint other keys.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTicketBatch, liveTicketUrl, postCheckin } from '../helpers/checkins.ts';
import { describeDialects } from '../helpers/dialects.ts';
import type { Tenant } from '../helpers/tenants.ts';

type Operation = { method: string; path: string; security?: Array<Record<string, string[]>> };

// Every route a check-in key may call, as "METHOD path" of the OpenAPI document.
const ALLOWED = [
  'GET /api/v1/auth/me',
  'GET /api/v1/checkins',
  'POST /api/v1/checkins',
  'GET /api/v1/checkins/export.csv',
  'GET /api/v1/checkins/summary',
  'GET /api/v1/qrs/batches',
  'GET /api/v1/qrs/batches/{batch_id}',
];

describeDialects('check-in keys', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  let full: Tenant;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    a = await signUp(t.app);
    full = { accountId: a.accountId, apiKey: a.apiKey, headers: authHeaders(a.apiKey) };
  });
  afterEach(async () => t.close());

  async function createKey(headers: Record<string, string>, payload: Record<string, unknown>) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().data as { api_key: { id: string; kid: string; scope: string; env: string }; full_key: string };
  }

  async function doorKey(env: 'prd' | 'tst' = 'prd'): Promise<Tenant> {
    const created = await createKey(sessionHeaders(a), { env, name: 'North door scanner', scope: 'checkin' });
    expect(created.api_key.scope).toBe('checkin');
    return { accountId: a.accountId, apiKey: created.full_key, headers: authHeaders(created.full_key) };
  }

  it('is made on request, shown as such in the list and to itself; keys stay `all` by default', async () => {
    const door = await doorKey();
    const plain = await createKey(full.headers, { env: 'prd' });
    expect(plain.api_key.scope).toBe('all');
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/merchant/api-keys', headers: sessionHeaders(a) })).json().data.api_keys as Array<{ name: string | null; scope: string }>;
    expect(list.find((k) => k.name === 'North door scanner')?.scope).toBe('checkin');
    expect(list.filter((k) => k.scope === 'all')).toHaveLength(list.length - 1);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: door.headers });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ via: 'api_key', scope: 'checkin', account: { id: a.accountId } });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: sessionHeaders(a) })).json().scope).toBe('all');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: full.headers, payload: { env: 'prd', scope: 'door' } });
    expect(wrong.statusCode, wrong.body).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'body/scope' })]);
  });

  it('every route but the check-in ones answers it 403 api_key_scope before reading the request', async () => {
    const door = await doorKey();
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { security?: Operation['security'] }>> };
    const operations = Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, security: op.security })));
    const required = operations.filter((op) => !!op.security?.length && op.security.every((r) => Object.keys(r).length > 0));
    expect(required.length).toBeGreaterThan(40);
    const allowed: string[] = [];
    for (const op of required) {
      const url = op.path.replace(/\{[^}]+\}/g, 'zzzzzzzz');
      // A body that would fail validation: the refusal must come first, and name what to use instead.
      const res = await t.app.inject({
        method: op.method as 'POST',
        url,
        headers: { ...door.headers, 'content-type': 'application/json' },
        payload: op.method === 'GET' || op.method === 'DELETE' ? undefined : '{"junk":true}',
      });
      if (res.json().code !== 'api_key_scope') {
        allowed.push(`${op.method} ${op.path}`);
        continue;
      }
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toBe(
        `This API key can only check tickets in (scope checkin), so it cannot call ${op.method} ${op.path.replace(/\{([^}]+)\}/g, ':$1')}. Use a key with scope all, or the dashboard.`,
      );
      expect(res.json().errors).toBeUndefined();
    }
    expect(allowed.sort()).toEqual([...ALLOWED].sort());
    // Nothing was made or changed on the way.
    const keys = (await t.app.inject({ method: 'GET', url: '/api/v1/merchant/api-keys', headers: full.headers })).json().data.api_keys;
    expect(keys).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: full.headers })).json().data).toEqual([]);
  });

  it('checks an event in and reads its log, figures, export and name; renaming the event or minting a key is refused', async () => {
    const door = await doorKey();
    const event = await createTicketBatch(t, full, 2);
    const named = await t.app.inject({ method: 'PATCH', url: `/api/v1/qrs/batches/${event.batch_id}`, headers: full.headers, payload: { name: 'Spring fair' } });
    expect(named.statusCode, named.body).toBe(200);

    const admitted = await postCheckin(t, door, { payload: liveTicketUrl(t, event.data[0]!), type: 'entry', batch_id: event.batch_id, scanner_id: 'north' });
    expect(admitted.statusCode, admitted.body).toBe(200);
    expect(admitted.json()).toMatchObject({ result: 'ok', reason: 'admitted', batch_id: event.batch_id });
    const again = await postCheckin(t, door, { payload: liveTicketUrl(t, event.data[0]!), type: 'entry', batch_id: event.batch_id });
    expect(again.json().reason).toBe('already_used');

    const read = (url: string) => t.app.inject({ method: 'GET', url, headers: door.headers });
    const log = await read(`/api/v1/checkins?batch_id=${event.batch_id}`);
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().data).toHaveLength(2);
    const summary = await read(`/api/v1/checkins/summary?batch_id=${event.batch_id}`);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json().tickets).toMatchObject({ total: 2, admitted: 1 });
    const csv = await read(`/api/v1/checkins/export.csv?batch_id=${event.batch_id}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body.trim().split(/\r?\n/)).toHaveLength(3);
    expect((await read(`/api/v1/qrs/batches/${event.batch_id}`)).json().name).toBe('Spring fair');
    // Events only: a marketing batch's destinations are not the door's business.
    const flyers = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: full.headers, payload: { urls: ['https://example.com/private?token=abc'], design_config: {} } });
    expect(flyers.statusCode, flyers.body).toBe(201);
    expect((await read('/api/v1/qrs/batches')).json().data.map((b: { batch_id: string }) => b.batch_id)).toEqual([event.batch_id]);
    expect((await read('/api/v1/qrs/batches?qr_type=dynamic')).json().data.map((b: { batch_id: string }) => b.batch_id)).toEqual([event.batch_id]);
    const hidden = await read(`/api/v1/qrs/batches/${flyers.json().batch_id}`);
    expect([hidden.statusCode, hidden.json().code]).toEqual([404, 'not_found']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/qrs/batches', headers: full.headers })).json().data).toHaveLength(2);

    const rename = await t.app.inject({ method: 'PATCH', url: `/api/v1/qrs/batches/${event.batch_id}`, headers: door.headers, payload: { name: 'Hijacked' } });
    expect([rename.statusCode, rename.json().code]).toEqual([403, 'api_key_scope']);
    const mint = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: door.headers, payload: { env: 'prd' } });
    expect([mint.statusCode, mint.json().code]).toEqual([403, 'api_key_scope']);
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/merchant/api-keys/${full.apiKey}`, headers: door.headers });
    expect([revoke.statusCode, revoke.json().code]).toEqual([403, 'api_key_scope']);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/qrs/batches/${event.batch_id}`, headers: full.headers })).json().name).toBe('Spring fair');
  });

  it('a tst check-in key checks in only test tickets, as every tst key does', async () => {
    const door = await doorKey('tst');
    const liveEvent = await createTicketBatch(t, full, 1);
    const refused = await postCheckin(t, door, { payload: liveTicketUrl(t, liveEvent.data[0]!), type: 'entry' });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'forbidden']);
    const tst = await createKey(sessionHeaders(a), { env: 'tst' });
    const testEvent = await createTicketBatch(t, { ...full, headers: authHeaders(tst.full_key) }, 1);
    const admitted = await postCheckin(t, door, { payload: liveTicketUrl(t, testEvent.data[0]!), type: 'entry' });
    expect(admitted.json().reason).toBe('admitted');
  });

  it('the database admits only the scopes this version knows (all, checkin)', async () => {
    const door = await doorKey();
    await expect(
      t.database.handle.db
        .updateTable('api_keys')
        .set({ scope: 'door' as 'checkin' })
        .where('name', '=', 'North door scanner')
        .execute(),
    ).rejects.toThrow();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: door.headers })).json().scope).toBe('checkin');
  });

  it('regenerated by a session, its successor is a check-in key too', async () => {
    const door = await doorKey();
    const kid = door.apiKey.split('-')[2]; // sec1-{env}-{kid}-{secret}-{checksum}
    const regenerated = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', headers: sessionHeaders(a), payload: { kid } });
    expect(regenerated.statusCode, regenerated.body).toBe(201);
    expect(regenerated.json().data.api_key.scope).toBe('checkin');
    const successor = authHeaders(regenerated.json().data.full_key);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: successor })).json().code).toBe('api_key_scope');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: successor })).json().scope).toBe('checkin');
    // The key cannot regenerate itself into anything: key management is closed to it.
    const itself = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', headers: successor });
    expect([itself.statusCode, itself.json().code]).toEqual([403, 'api_key_scope']);
  });

  it('on a route where credentials are optional it counts as no credentials: an item it creates belongs to nobody', async () => {
    const door = await doorKey();
    const created = await t.app.inject({ method: 'POST', url: '/api/v0/items', headers: door.headers, payload: { content: 'door note', ttlHours: 1 } });
    expect(created.statusCode, created.body).toBe(201);
    const signedIn = await t.app.inject({ method: 'POST', url: '/api/v0/items', headers: full.headers, payload: { content: 'office note', ttlHours: 1 } });
    expect(signedIn.statusCode, signedIn.body).toBe(201);
    const owners = await t.database.handle.db.selectFrom('items').select('account_id').orderBy('created_at').orderBy('id').execute();
    expect(owners.map((row) => row.account_id).sort()).toEqual([a.accountId, null].sort());
  });
});
