// The webhook HTTP surface with real authentication (API key and session): the seed-003 secret
// endpoints, endpoint management with SSRF refusal, the event catalogue, test pings verified by
// the standardwebhooks package, the delivery log and manual retries.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { MAX_ENDPOINTS_PER_ACCOUNT } from '../../src/modules/webhooks/webhook-endpoint.service.ts';
import { authHeaders, sessionHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { type Receiver, startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';

const BASE = '/api/v1/merchant/webhooks';

describeDialects('webhooks API', (dialect) => {
  let t: TestApp;
  let receiver: Receiver;
  let account: TestAccount;
  const others: TestApp[] = [];

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, who: TestAccount = account) =>
    t.app.inject({ method, url, headers: authHeaders(who.apiKey), ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    receiver = await startReceiver();
    account = await signUp(t.app);
  });
  afterEach(async () => {
    await receiver.close();
    for (const o of others.splice(0)) await o.close();
    await t.close();
  });

  it('creates a whsec_ secret once (seed shape), refuses a second create, and rotates', async () => {
    const created = await call('POST', `${BASE}/secret`);
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const body = created.json();
    expect(Object.keys(body).sort()).toEqual(['data', 'status']);
    expect(body.status).toBe('success');
    expect(Object.keys(body.data).sort()).toEqual(['id', 'kid', 'secret']);
    expect(body.data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(body.data.kid).toMatch(/^[a-z0-9]{12}$/);
    expect(body.data.secret).toMatch(/^whsec_[A-Za-z0-9]{43}$/);
    expect(Buffer.from(body.data.secret.slice(6), 'base64')).toHaveLength(32);

    const again = await call('POST', `${BASE}/secret`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.json().detail).toMatch(/rotate/);

    const rotated = await call('POST', `${BASE}/secret/rotate`);
    expect(rotated.statusCode).toBe(201);
    const r = rotated.json().data;
    expect(r.secret).toMatch(/^whsec_[A-Za-z0-9]{43}$/);
    expect(r.secret).not.toBe(body.data.secret);
    expect(r.previous).toEqual({ id: body.data.id, kid: body.data.kid, status: 'rotating', expires_at: new Date(t.clock.now() + 86_400_000).toISOString() });

    const list = (await call('GET', `${BASE}/secret`)).json().data;
    expect(list.map((s: { kid: string; status: string }) => [s.kid, s.status]).sort()).toEqual(
      [
        [body.data.kid, 'rotating'],
        [r.kid, 'active'],
      ].sort(),
    );
    expect(JSON.stringify(list)).not.toContain('whsec_');
    t.clock.advance(86_400_000);
    const later = (await call('GET', `${BASE}/secret`)).json().data;
    expect(later.find((s: { kid: string }) => s.kid === body.data.kid).status).toBe('disabled');
  });

  it('requires credentials; works with the dashboard session too', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: `${BASE}/secret` });
    expect(anonymous.statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'POST', url: `${BASE}/secret/rotate`, headers: { 'x-api-key': 'sec1-prd-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-42' } });
    expect(wrong.statusCode).toBe(401);
    const viaSession = await t.app.inject({ method: 'POST', url: `${BASE}/secret`, headers: sessionHeaders(account) });
    expect(viaSession.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: `${BASE}/endpoints` })).statusCode).toBe(401);
    expect((await call('POST', `${BASE}/secret/rotate`)).statusCode).toBe(201);
  });

  it('rotating without a secret is a 404 that says how to create one', async () => {
    const res = await call('POST', `${BASE}/secret/rotate`);
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toMatch(/POST \/api\/v1\/merchant\/webhooks\/secret/);
  });

  it('manages endpoints: create, list, get, update, delete; another account sees 404', async () => {
    expect((await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/a` })).statusCode).toBe(409); // no secret yet
    await call('POST', `${BASE}/secret`);
    const created = await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/a`, description: 'orders', event_types: ['payment.succeeded', 'scan.created'] });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json().data;
    expect(endpoint).toMatchObject({ url: `${receiver.url}/a`, description: 'orders', event_types: ['payment.succeeded', 'scan.created'], enabled: true, disabled_reason: null, failing_since: null });
    expect(endpoint.id).toMatch(/^whk_/);
    expect((await call('GET', `${BASE}/endpoints`)).json().data.map((e: { id: string }) => e.id)).toEqual([endpoint.id]);
    expect((await call('GET', `${BASE}/endpoints/${endpoint.id}`)).json().data.id).toBe(endpoint.id);

    const updated = await call('PUT', `${BASE}/endpoints/${endpoint.id}`, { event_types: ['*'], enabled: false });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().data).toMatchObject({ event_types: ['*'], enabled: false, description: 'orders' });
    // A disabled endpoint takes no test event: a declared 409 (afterEach checks every answer against the OpenAPI document).
    const ping = await call('POST', `${BASE}/endpoints/${endpoint.id}/test`);
    expect(ping.statusCode).toBe(409);
    expect(ping.json().detail).toMatch(/enable it/);

    const stranger = await signUp(t.app);
    expect((await call('GET', `${BASE}/endpoints/${endpoint.id}`, undefined, stranger)).statusCode).toBe(404);
    expect((await call('PUT', `${BASE}/endpoints/${endpoint.id}`, { enabled: true }, stranger)).statusCode).toBe(404);
    expect((await call('DELETE', `${BASE}/endpoints/${endpoint.id}`, undefined, stranger)).statusCode).toBe(404);
    expect((await call('GET', `${BASE}/endpoints/${endpoint.id}/deliveries`, undefined, stranger)).statusCode).toBe(404);
    expect((await call('GET', `${BASE}/endpoints`, undefined, stranger)).json().data).toEqual([]);

    expect((await call('DELETE', `${BASE}/endpoints/${endpoint.id}`)).statusCode).toBe(204);
    expect((await call('GET', `${BASE}/endpoints/${endpoint.id}`)).statusCode).toBe(404);
  });

  it('rejects bad input with 400 and a field, never 500', async () => {
    await call('POST', `${BASE}/secret`);
    const cases: Array<[unknown, string]> = [
      [{}, 'body/url'],
      [{ url: 'not a url' }, 'body/url'],
      [{ url: 'ftp://example.com/x' }, 'body/url'],
      [{ url: `${receiver.url}/x`, event_types: ['nope.nothing'] }, 'body/event_types'],
      [{ url: `${receiver.url}/x`, event_types: [] }, 'body/event_types'],
      [{ url: `${receiver.url}/x`, colour: 'red' }, 'body/colour'],
      [{ url: 42 }, 'body/url'],
    ];
    for (const [payload, field] of cases) {
      const res = await call('POST', `${BASE}/endpoints`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // A space inside the address is a typo to name (it used to be stored as %20); around it, trimmed.
    const spaced = await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/ hook` });
    expect(spaced.statusCode).toBe(400);
    expect(spaced.json().errors).toEqual([
      { field: 'body/url', message: 'must not contain spaces or invisible characters: check that the whole address was copied (a space inside a path is written %20)' },
    ]);
    const padded = await call('POST', `${BASE}/endpoints`, { url: `  ${receiver.url}/padded \n` });
    expect(padded.statusCode, padded.body).toBe(201);
    expect(padded.json().data.url).toBe(`${receiver.url}/padded`);
    const put = await call('PUT', `${BASE}/endpoints/whk_missing`, {});
    expect(put.statusCode).toBe(400);
    expect((await call('PUT', `${BASE}/endpoints/whk_missing`, { enabled: true })).statusCode).toBe(404);
    expect((await call('GET', `${BASE}/endpoints/whk_missing/deliveries?limit=0`)).statusCode).toBe(400);
    expect((await call('POST', `${BASE}/deliveries/dlv_missing/retry`)).statusCode).toBe(404);
  });

  it('refuses SSRF destinations at registration when nothing is allow-listed', async () => {
    const strict = await createTestApp(dialect, { database: t.database, clock: t.clock });
    others.push(strict);
    await call('POST', `${BASE}/secret`);
    for (const url of [
      `${receiver.url}/hook`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:8080/',
      'http://localhost:8080/',
      'http://10.0.0.8/',
      'http://[::ffff:169.254.169.254]/',
      'http://100.64.1.1/',
    ]) {
      const res = await strict.app.inject({ method: 'POST', url: `${BASE}/endpoints`, headers: authHeaders(account.apiKey), payload: { url } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: 'body/url' });
      expect(res.json().errors[0].message).toMatch(/private, loopback/);
      // A self-hoster is told the way through.
      expect(res.json().detail).toContain('TESSERA_WEBHOOK_ALLOWED_HOSTS');
    }
  });

  it('requires https in production', async () => {
    const prod = await createTestApp(dialect, { database: t.database, clock: t.clock, env: { NODE_ENV: 'production', TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    others.push(prod);
    await call('POST', `${BASE}/secret`);
    const res = await prod.app.inject({ method: 'POST', url: `${BASE}/endpoints`, headers: authHeaders(account.apiKey), payload: { url: `${receiver.url}/hook` } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toMatch(/https/);
  });

  it('lists the event catalogue with a sample per type; scan.created is opt-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${BASE}/event-types` });
    expect(res.statusCode).toBe(200);
    const types = res.json().data as Array<{ type: string; opt_in: boolean; sample: { type: string; data: object } }>;
    for (const name of [
      'campaign.created',
      'campaign.updated',
      'campaign.archived',
      'api_key.regenerated',
      'webhook_secret.rotated',
      'form.submitted',
      'checkin.created',
      'item.finalized',
      'payment.succeeded',
      'payment.failed',
      'payment.expired',
      'scan.created',
    ]) {
      const entry = types.find((e) => e.type === name);
      expect(entry, name).toBeDefined();
      expect(entry!.sample.type).toBe(name);
      expect(Object.keys(entry!.sample.data).length).toBeGreaterThan(0);
    }
    expect(types.filter((e) => e.opt_in).map((e) => e.type)).toEqual(['scan.created']);
  });

  it('sends a test ping the receiver verifies, logs it, and re-sends it on request with the same webhook-id', async () => {
    const secret = (await call('POST', `${BASE}/secret`)).json().data.secret as string;
    const endpoint = (await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/hook` })).json().data;
    receiver.script = [{ status: 500, body: 'boom' }];
    const ping = await call('POST', `${BASE}/endpoints/${endpoint.id}/test`);
    expect(ping.statusCode).toBe(202);
    const { event_id: eventId, delivery_id: deliveryId } = ping.json().data;
    await runDeliveryWorker(t.app.ctx, { random: () => 0.5 });
    expect(receiver.received).toHaveLength(1);
    expect(verifyAt(secret, receiver.received[0]!, t.clock.now())).toMatchObject({ type: 'ping' });

    let log = (await call('GET', `${BASE}/endpoints/${endpoint.id}/deliveries`)).json().data;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ id: deliveryId, event_id: eventId, event_type: 'ping', status: 'pending', attempts: 1, last_status_code: 500 });
    expect(log[0].next_attempt_at).toBe(new Date(t.clock.now() + 5000).toISOString());
    expect(log[0].attempt_log[0]).toMatchObject({ attempt: 1, status_code: 500, success: false, response_body: 'boom', at: new Date(t.clock.now()).toISOString() });

    const retry = await call('POST', `${BASE}/deliveries/${deliveryId}/retry`);
    expect(retry.statusCode).toBe(202);
    await runDeliveryWorker(t.app.ctx);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(eventId);
    log = (await call('GET', `${BASE}/endpoints/${endpoint.id}/deliveries`)).json().data;
    expect(log[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(log[0].attempt_log.map((a: { status_code: number }) => a.status_code)).toEqual([500, 200]);
  });

  // Each create counted the account's endpoints, then inserted: on PostgreSQL creates arriving
  // together all counted below the limit (20 at once near it left the account with 62).
  it(`creates arriving together near the limit stop at ${MAX_ENDPOINTS_PER_ACCOUNT} endpoints`, async () => {
    expect((await call('POST', `${BASE}/secret`)).statusCode).toBe(201);
    const create = (i: number) => call('POST', `${BASE}/endpoints`, { url: `http://127.0.0.1:9/hook-${i}` });
    for (let i = 0; i < MAX_ENDPOINTS_PER_ACCOUNT - 5; i++) expect((await create(i)).statusCode).toBe(201);
    const together = await Promise.all(Array.from({ length: 15 }, (_, i) => create(100 + i)));
    expect(together.map((res) => res.statusCode).sort()).toEqual([...Array(5).fill(201), ...Array(10).fill(409)]);
    expect((await call('GET', `${BASE}/endpoints`)).json().data).toHaveLength(MAX_ENDPOINTS_PER_ACCOUNT);
  });

  it('refuses to re-send a delivery of a paused endpoint with a declared 409 that says to resume it first', async () => {
    await call('POST', `${BASE}/secret`);
    const endpoint = (await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/hook` })).json().data;
    receiver.script = [{ status: 500, body: 'boom' }];
    const { delivery_id: deliveryId } = (await call('POST', `${BASE}/endpoints/${endpoint.id}/test`)).json().data;
    await runDeliveryWorker(t.app.ctx, { random: () => 0.5 });
    expect((await call('PUT', `${BASE}/endpoints/${endpoint.id}`, { enabled: false })).statusCode).toBe(200);
    // afterEach checks every answer against the OpenAPI document: the 409 must be declared.
    const retry = await call('POST', `${BASE}/deliveries/${deliveryId}/retry`);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().detail).toBe('The endpoint of this delivery is paused; resume it (enabled: true) first, then send the delivery again.');
    expect(receiver.received).toHaveLength(1);
  });

  it('signs with both secrets during rotation and only the new one after 24 h (through the API)', async () => {
    const first = (await call('POST', `${BASE}/secret`)).json().data.secret as string;
    const endpoint = (await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/hook`, event_types: ['webhook_secret.rotated'] })).json().data;
    const second = (await call('POST', `${BASE}/secret/rotate`)).json().data.secret as string;
    await runDeliveryWorker(t.app.ctx);
    const during = receiver.received[0]!;
    expect(verifyAt(first, during, t.clock.now())).toMatchObject({ type: 'webhook_secret.rotated' });
    expect(verifyAt(second, during, t.clock.now())).toMatchObject({ type: 'webhook_secret.rotated' });
    t.clock.advance(86_400_000);
    await call('POST', `${BASE}/endpoints/${endpoint.id}/test`);
    await runDeliveryWorker(t.app.ctx);
    const after = receiver.received[1]!;
    expect(verifyAt(second, after, t.clock.now())).toMatchObject({ type: 'ping' });
    expect(() => verifyAt(first, after, t.clock.now())).toThrow(/No matching signature/);
  });

  it('a second rotation within 24 h keeps the first secret signing for its own 24 h; a fifth closes the oldest window, its expiry then', async () => {
    const first = (await call('POST', `${BASE}/secret`)).json().data;
    const endpoint = (await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/hook` })).json().data;
    const second = (await call('POST', `${BASE}/secret/rotate`)).json().data;
    t.clock.advance(90_000);
    const third = (await call('POST', `${BASE}/secret/rotate`)).json().data;
    await call('POST', `${BASE}/endpoints/${endpoint.id}/test`);
    await runDeliveryWorker(t.app.ctx);
    const pings = () => receiver.received.filter((w) => JSON.parse(w.body).type === 'ping');
    const ping = pings().at(-1)!;
    // Every secret still in its window verifies the delivery: the first two and the new one.
    for (const secret of [first.secret, second.secret, third.secret]) expect(verifyAt(secret, ping, t.clock.now())).toMatchObject({ type: 'ping' });
    const statuses = async () => new Map(((await call('GET', `${BASE}/secret`)).json().data as { kid: string; status: string; expires_at: string | null }[]).map((s) => [s.kid, s]));
    const listed = await statuses();
    expect(listed.get(first.kid)).toMatchObject({ status: 'rotating', expires_at: new Date(t.clock.now() - 90_000 + 86_400_000).toISOString() });
    expect(listed.get(second.kid)).toMatchObject({ status: 'rotating', expires_at: new Date(t.clock.now() + 86_400_000).toISOString() });
    // Three more rotations: five rotated out in a day, only the newest four keep signing.
    for (let i = 0; i < 3; i++) await call('POST', `${BASE}/secret/rotate`);
    const after = await statuses();
    expect(after.get(first.kid)).toMatchObject({ status: 'disabled', expires_at: new Date(t.clock.now()).toISOString() });
    expect([...after.values()].filter((s) => s.status === 'rotating')).toHaveLength(4);
    await call('POST', `${BASE}/endpoints/${endpoint.id}/test`);
    await runDeliveryWorker(t.app.ctx);
    const last = pings().at(-1)!;
    expect(pings()).toHaveLength(2);
    expect(String(last.headers['webhook-signature']).split(' ')).toHaveLength(5);
    expect(() => verifyAt(first.secret, last, t.clock.now())).toThrow(/No matching signature/);
    expect(verifyAt(second.secret, last, t.clock.now())).toMatchObject({ type: 'ping' });
    // The first window closes on time for the others: a day after the second rotation only the rest sign.
    t.clock.advance(86_400_000);
    expect([...(await statuses()).values()].filter((s) => s.status === 'rotating')).toHaveLength(0);
  });

  it('previous_valid_hours: 0 stops a leaked secret at once; out of range is a 400; no body keeps the 24 hours', async () => {
    const first = (await call('POST', `${BASE}/secret`)).json().data;
    const endpoint = (await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/hook` })).json().data;
    for (const previous_valid_hours of [-1, 25, 1.5, '0']) {
      const bad = await call('POST', `${BASE}/secret/rotate`, { previous_valid_hours });
      expect(bad.statusCode, JSON.stringify(previous_valid_hours)).toBe(400);
      expect(bad.json().errors[0].field).toBe('body/previous_valid_hours');
    }
    const rotated = await call('POST', `${BASE}/secret/rotate`, { previous_valid_hours: 0 });
    expect(rotated.statusCode).toBe(201);
    expect(rotated.json().data.previous).toEqual({ id: first.id, kid: first.kid, status: 'disabled', expires_at: new Date(t.clock.now()).toISOString() });
    await call('POST', `${BASE}/endpoints/${endpoint.id}/test`);
    await runDeliveryWorker(t.app.ctx);
    const ping = receiver.received.filter((w) => JSON.parse(w.body).type === 'ping').at(-1)!;
    expect(String(ping.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => verifyAt(first.secret, ping, t.clock.now())).toThrow(/No matching signature/);
    expect(verifyAt(rotated.json().data.secret, ping, t.clock.now())).toMatchObject({ type: 'ping' });
    const listed = (await call('GET', `${BASE}/secret`)).json().data as { kid: string; status: string }[];
    expect(listed.find((s) => s.kid === first.kid)?.status).toBe('disabled');
    // A few hours: the window is that long.
    const later = (await call('POST', `${BASE}/secret/rotate`, { previous_valid_hours: 2 })).json().data;
    expect(later.previous).toMatchObject({ status: 'rotating', expires_at: new Date(t.clock.now() + 2 * 3_600_000).toISOString() });
  });

  it('a shortened window cuts every rotated-out secret: after previous_valid_hours 0 only the new secret signs', async () => {
    const first = (await call('POST', `${BASE}/secret`)).json().data;
    const endpoint = (await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/hook` })).json().data;
    const second = (await call('POST', `${BASE}/secret/rotate`)).json().data;
    const third = (await call('POST', `${BASE}/secret/rotate`)).json().data;
    const statuses = async () => ((await call('GET', `${BASE}/secret`)).json().data as { kid: string; status: string; expires_at: string | null }[]).map((s) => [s.kid, s.status, s.expires_at]);
    // Two hours: both older windows (24 h) end two hours from now; none is extended.
    t.clock.advance(60_000);
    const fourth = (await call('POST', `${BASE}/secret/rotate`, { previous_valid_hours: 2 })).json().data;
    const inTwoHours = new Date(t.clock.now() + 2 * 3_600_000).toISOString();
    expect(await statuses()).toEqual(
      expect.arrayContaining([
        [first.kid, 'rotating', inTwoHours],
        [second.kid, 'rotating', inTwoHours],
        [third.kid, 'rotating', inTwoHours],
        [fourth.kid, 'active', null],
      ]),
    );
    const fifth = (await call('POST', `${BASE}/secret/rotate`, { previous_valid_hours: 0 })).json().data;
    expect((await statuses()).filter(([, status]) => status !== 'disabled')).toEqual([[fifth.kid, 'active', null]]);
    await call('POST', `${BASE}/endpoints/${endpoint.id}/test`);
    await runDeliveryWorker(t.app.ctx);
    const ping = receiver.received.filter((w) => JSON.parse(w.body).type === 'ping').at(-1)!;
    expect(String(ping.headers['webhook-signature']).split(' ')).toHaveLength(1);
    for (const old of [first, second, third, fourth]) expect(() => verifyAt(old.secret, ping, t.clock.now())).toThrow(/No matching signature/);
    expect(verifyAt(fifth.secret, ping, t.clock.now())).toMatchObject({ type: 'ping' });
  });

  it('a tst key reads the webhook configuration and sends test events but changes none of it (403)', async () => {
    await call('POST', `${BASE}/secret`);
    const endpoint = (await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/hook` })).json().data;
    const tst = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: authHeaders(account.apiKey), payload: { env: 'tst' } })).json().data.full_key as string;
    const asTest = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url, headers: authHeaders(tst), ...(payload ? { payload } : {}) });
    for (const [method, url, payload] of [
      ['POST', `${BASE}/secret`],
      ['POST', `${BASE}/secret/rotate`, { previous_valid_hours: 0 }],
      ['POST', `${BASE}/endpoints`, { url: `${receiver.url}/other` }],
      ['PUT', `${BASE}/endpoints/${endpoint.id}`, { url: `${receiver.url}/stolen` }],
      ['DELETE', `${BASE}/endpoints/${endpoint.id}`],
    ] as const) {
      const res = await asTest(method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/^A tst key cannot .+ Use a prd key or the dashboard\.$/) });
    }
    expect((await asTest('GET', `${BASE}/endpoints/${endpoint.id}`)).json().data.url).toBe(`${receiver.url}/hook`);
    expect((await asTest('GET', `${BASE}/secret`)).json().data.map((s: { status: string }) => s.status)).toEqual(['active']);
    expect((await asTest('POST', `${BASE}/endpoints/${endpoint.id}/test`)).statusCode).toBe(202);
  });

  // Deliveries have no mode, so every one may carry a live event: a leaked tst key must neither
  // read the log (live events, the receivers' answers) nor make a receiver act on a live event again.
  it('a tst key neither reads the delivery log nor re-sends a delivery (403); the receiver gets nothing more', async () => {
    await call('POST', `${BASE}/secret`);
    const endpoint = (await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/hook`, event_types: ['campaign.created'] })).json().data;
    expect((await call('POST', '/api/v1/campaigns', { name: 'Poster', destination: 'https://example.com/' })).statusCode).toBe(201);
    await runDeliveryWorker(t.app.ctx);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = (await call('GET', `${BASE}/endpoints/${endpoint.id}/deliveries`)).json().data;
    expect(delivery).toMatchObject({ event_type: 'campaign.created', status: 'succeeded', attempts: 1 });
    const tst = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: authHeaders(account.apiKey), payload: { env: 'tst' } })).json().data.full_key as string;
    for (const [method, url, detail] of [
      ['GET', `${BASE}/endpoints/${endpoint.id}/deliveries`, 'A tst key cannot read the webhook delivery log'],
      ['POST', `${BASE}/deliveries/${delivery.id}/retry`, 'A tst key cannot retry a webhook delivery'],
      // Refused before the lookup, as endpoint changes are: a tst key learns nothing of which ids exist.
      ['POST', `${BASE}/deliveries/dlv_missing/retry`, 'A tst key cannot retry a webhook delivery'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: authHeaders(tst) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        code: 'forbidden',
        detail: `${detail}: deliveries carry live events, and the receivers answer them as live traffic. Use a prd key or the dashboard.`,
      });
    }
    await runDeliveryWorker(t.app.ctx);
    expect(receiver.received).toHaveLength(1);
    expect((await call('GET', `${BASE}/endpoints/${endpoint.id}/deliveries`)).json().data[0]).toMatchObject({ id: delivery.id, status: 'succeeded', attempts: 1 });
    // A prd key still re-sends it, and a session reads the log.
    expect((await call('POST', `${BASE}/deliveries/${delivery.id}/retry`)).statusCode).toBe(202);
    await runDeliveryWorker(t.app.ctx);
    expect(receiver.received).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: `${BASE}/endpoints/${endpoint.id}/deliveries`, headers: sessionHeaders(account) })).json().data[0]).toMatchObject({
      id: delivery.id,
      attempts: 2,
    });
  });

  it('create and rotate take an Idempotency-Key: a retry after a lost answer gets the same secret, nothing rotates twice', async () => {
    const keyed = (path: string, key: string) => t.app.inject({ method: 'POST', url: `${BASE}${path}`, headers: { ...authHeaders(account.apiKey), 'idempotency-key': key } });
    const created = await keyed('/secret', 'create-1');
    const retried = await keyed('/secret', 'create-1');
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json().data.secret).toBe(created.json().data.secret);
    const rotated = await keyed('/secret/rotate', 'rotate-1');
    const again = await keyed('/secret/rotate', 'rotate-1');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().data.secret).toBe(rotated.json().data.secret);
    const secrets = (await call('GET', `${BASE}/secret`)).json().data as { status: string }[];
    expect(secrets.map((s) => s.status).sort()).toEqual(['active', 'rotating']);
  });

  it('regenerating an API key emits api_key.regenerated in the same transaction, without the key', async () => {
    const secret = (await call('POST', `${BASE}/secret`)).json().data.secret as string;
    await call('POST', `${BASE}/endpoints`, { url: `${receiver.url}/hook`, event_types: ['api_key.regenerated'] });
    const regenerated = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', headers: authHeaders(account.apiKey) });
    expect(regenerated.statusCode).toBe(201);
    const { api_key: apiKey, full_key: fullKey } = regenerated.json().data;
    await runDeliveryWorker(t.app.ctx);
    expect(receiver.received).toHaveLength(1);
    const event = verifyAt(secret, receiver.received[0]!, t.clock.now()) as { type: string; data: { api_key: { kid: string }; previous: { id: string } } };
    expect(event.type).toBe('api_key.regenerated');
    expect(event.data.api_key.kid).toBe(apiKey.kid);
    expect(event.data.previous.id).toBe(account.apiKeyId);
    expect(receiver.received[0]!.body).not.toContain(fullKey);
  });

  it('never writes a signing secret to the logs', async () => {
    const logged = await createTestApp(dialect, { database: t.database, clock: t.clock, captureLogs: true, env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    others.push(logged);
    const post = (url: string, payload?: object) => logged.app.inject({ method: 'POST', url, headers: authHeaders(account.apiKey), ...(payload ? { payload } : {}) });
    const first = (await post(`${BASE}/secret`)).json().data.secret as string;
    await post(`${BASE}/endpoints`, { url: `${receiver.url}/hook` });
    const second = (await post(`${BASE}/secret/rotate`)).json().data.secret as string;
    receiver.fallback = { status: 500, body: 'nope' };
    await runDeliveryWorker(logged.app.ctx);
    expect(receiver.received).toHaveLength(1);
    expect(logged.logs.length).toBeGreaterThan(0);
    const all = logged.logs.join('\n');
    for (const secret of [first, second]) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(secret.slice(6));
    }
  });

  it('documents every webhook route in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['/secret', '/secret/rotate', '/event-types', '/endpoints', '/endpoints/{id}', '/endpoints/{id}/test', '/endpoints/{id}/deliveries', '/deliveries/{id}/retry']) {
      expect(spec.paths[`${BASE}${path}`], path).toBeDefined();
    }
    expect(spec.paths[`${BASE}/secret`].post.responses['201']).toBeDefined();
  });
});
