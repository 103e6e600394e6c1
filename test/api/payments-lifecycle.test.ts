// The payment lifecycle: pending → succeeded | failed | expired | canceled, each transition once
// (also when requests and instances race), each emitting payment.<status> through the outbox,
// signed and verified with `standardwebhooks`, with `livemode`; the sweeper on a moved clock.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { expireDuePayments } from '../../src/modules/payments/payment.service.ts';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { authHeaders, sessionHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { INIT, initPayment, putProfile, testKey } from '../helpers/payments.ts';
import { type Receiver, startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';

type Event = { type: string; data: { payment: Record<string, any> } };

describeDialects('payment lifecycle', (dialect) => {
  let t: TestApp;
  let account: TestAccount;
  let receiver: Receiver;
  let secret: string;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    account = await signUp(t.app);
    receiver = await startReceiver();
    const headers = authHeaders(account.apiKey);
    secret = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers })).json().data.secret;
    const endpoint = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/endpoints', headers, payload: { url: `${receiver.url}/hook`, event_types: ['*'] } });
    expect(endpoint.statusCode).toBe(201);
    await putProfile(t.app, account);
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  const post = (url: string, key: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: authHeaders(key), ...(payload ? { payload } : {}) });

  /** Delivers what is due and returns the verified events received so far. */
  async function events(): Promise<Event[]> {
    await runDeliveryWorker(t.app.ctx);
    return receiver.received.map((w) => verifyAt(secret, w, t.clock.now()) as Event);
  }

  it('cancel: once, with payment.created then payment.canceled; a second cancel is 409', async () => {
    const p = (await initPayment(t.app, account.apiKey, INIT.sepa)).json().data;
    t.clock.advance(1000);
    const canceled = await post(`/api/v1/payments/${p.id}/cancel`, account.apiKey);
    expect(canceled.statusCode).toBe(200);
    expect(canceled.json().data).toMatchObject({ status: 'canceled', canceled_at: new Date(t.clock.now()).toISOString() });
    const again = await post(`/api/v1/payments/${p.id}/cancel`, account.apiKey);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict', payment_status: 'canceled' });
    expect((await post(`/api/v1/payments/${p.id}/mark-paid`, account.apiKey, { note: 'cash' })).statusCode).toBe(409);
    // Deliveries run concurrently, so arrival order is not emission order.
    const received = (await events()).sort((a, b) => a.type.localeCompare(b.type));
    expect(received.map((e) => [e.type, e.data.payment.status, e.data.payment.livemode])).toEqual([
      ['payment.canceled', 'canceled', true],
      ['payment.created', 'pending', true],
    ]);
    expect(received[1]!.data.payment).toMatchObject({ id: p.id, qr_payload: p.qr_payload, creditor_reference: p.creditor_reference });
  });

  it('mark-paid: records the note and who did it (API key or person), emits payment.succeeded', async () => {
    const byKey = (await initPayment(t.app, account.apiKey, INIT.upi)).json().data;
    const byPerson = (await initPayment(t.app, account.apiKey, { ...INIT.upi, reference: 'ORD20240043' })).json().data;
    const blank = await post(`/api/v1/payments/${byKey.id}/mark-paid`, account.apiKey, { note: '   ' });
    expect(blank.statusCode).toBe(400);
    expect((await post(`/api/v1/payments/${byKey.id}/mark-paid`, account.apiKey, {})).statusCode).toBe(400);
    const paid = await post(`/api/v1/payments/${byKey.id}/mark-paid`, account.apiKey, { note: 'cash at the counter' });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().data).toMatchObject({
      status: 'succeeded',
      settlement: { via: 'manual', note: 'cash at the counter', by: `api_key:${account.apiKeyId}` },
      paid_at: new Date(t.clock.now()).toISOString(),
    });
    const session = await t.app.inject({ method: 'POST', url: `/api/v1/payments/${byPerson.id}/mark-paid`, headers: sessionHeaders(account), payload: { note: 'transfer seen in the banking app' } });
    expect(session.statusCode).toBe(200);
    expect(session.json().data.settlement).toEqual({ via: 'manual', note: 'transfer seen in the banking app', by: `user:${account.userId}` });
    const succeeded = (await events()).filter((e) => e.type === 'payment.succeeded');
    expect(succeeded.map((e) => e.data.payment.id).sort()).toEqual([byKey.id, byPerson.id].sort());
  });

  it('simulate: only test payments with a tst key (prd → 403), same events with livemode false', async () => {
    const tst = await testKey(t.app, account);
    const live = (await initPayment(t.app, account.apiKey, INIT.pix)).json().data;
    const forbidden = await post(`/api/v1/payments/${live.id}/simulate`, account.apiKey, { outcome: 'succeeded' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().detail).toMatch(/sec1-tst/);
    const session = await t.app.inject({ method: 'POST', url: `/api/v1/payments/${live.id}/simulate`, headers: sessionHeaders(account), payload: { outcome: 'succeeded' } });
    expect(session.statusCode).toBe(403);
    expect(session.json().detail).toMatch(/mode=test/);
    // A tst key cannot reach a live payment at all.
    expect((await post(`/api/v1/payments/${live.id}/simulate`, tst, { outcome: 'succeeded' })).statusCode).toBe(404);

    const ok = (await initPayment(t.app, tst, INIT.pix)).json().data;
    const bad = (await initPayment(t.app, tst, { ...INIT.pix, reference: 'pedido-78' })).json().data;
    expect((await post(`/api/v1/payments/${ok.id}/simulate`, tst, { outcome: 'maybe' })).statusCode).toBe(400);
    const s1 = await post(`/api/v1/payments/${ok.id}/simulate`, tst, { outcome: 'succeeded' });
    const s2 = await post(`/api/v1/payments/${bad.id}/simulate`, tst, { outcome: 'failed' });
    expect(s1.json().data).toMatchObject({ status: 'succeeded', livemode: false, settlement: { via: 'simulation' } });
    expect(s2.json().data).toMatchObject({ status: 'failed', livemode: false, failure_reason: 'simulated_failure' });
    expect((await post(`/api/v1/payments/${ok.id}/simulate`, tst, { outcome: 'failed' })).statusCode).toBe(409);
    const received = (await events()).filter((e) => e.data.payment.livemode === false);
    expect(received.map((e) => e.type).sort()).toEqual(['payment.created', 'payment.created', 'payment.failed', 'payment.succeeded']);
  });

  it('signed in, mode=test works on test payments (list, get, simulate, mark paid, cancel); a key naming the other mode gets 400', async () => {
    const tst = await testKey(t.app, account);
    const live = (await initPayment(t.app, account.apiKey, INIT.pix)).json().data;
    const a = (await initPayment(t.app, tst, INIT.pix)).json().data;
    const b = (await initPayment(t.app, tst, { ...INIT.pix, reference: 'pedido-78' })).json().data;
    const c = (await initPayment(t.app, tst, { ...INIT.pix, reference: 'pedido-79' })).json().data;
    const asPerson = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: sessionHeaders(account), ...(payload ? { payload } : {}) });
    const ids = async (url: string) => (await asPerson('GET', url)).json().data.map((p: { id: string }) => p.id);

    // Live by default, test on request: the two never mix.
    expect(await ids('/api/v1/payments')).toEqual([live.id]);
    expect(await ids('/api/v1/payments?mode=live')).toEqual([live.id]);
    expect((await ids('/api/v1/payments?mode=test')).sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await asPerson('GET', `/api/v1/payments/${a.id}`)).statusCode).toBe(404);
    expect((await asPerson('GET', `/api/v1/payments/${a.id}?mode=test`)).json().data).toMatchObject({ id: a.id, livemode: false });
    expect((await asPerson('GET', `/api/v1/payments/${live.id}?mode=test`)).statusCode).toBe(404);
    expect((await asPerson('GET', '/api/v1/payments?mode=sandbox')).statusCode).toBe(400);

    // What a person does to a test payment: simulate the bank, mark paid, cancel; each with its event.
    const simulated = await asPerson('POST', `/api/v1/payments/${a.id}/simulate?mode=test`, { outcome: 'succeeded' });
    expect(simulated.json().data).toMatchObject({ status: 'succeeded', livemode: false, settlement: { via: 'simulation', by: `user:${account.userId}` } });
    expect((await asPerson('POST', `/api/v1/payments/${b.id}/mark-paid?mode=test`, { note: 'cash' })).json().data).toMatchObject({ status: 'succeeded', livemode: false });
    expect((await asPerson('POST', `/api/v1/payments/${c.id}/cancel?mode=test`)).json().data).toMatchObject({ status: 'canceled', livemode: false });
    // Live mode still cannot simulate, signed in or not.
    expect((await asPerson('POST', `/api/v1/payments/${live.id}/simulate?mode=live`, { outcome: 'succeeded' })).statusCode).toBe(403);
    const received = (await events()).filter((e) => e.data.payment.livemode === false).map((e) => e.type);
    expect(received.sort()).toEqual(['payment.canceled', 'payment.created', 'payment.created', 'payment.created', 'payment.succeeded', 'payment.succeeded']);

    // A key works in its own mode; naming it is allowed, naming the other is a 400 that says why.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/payments?mode=test', headers: authHeaders(tst) })).json().data).toHaveLength(3);
    const wrong = await t.app.inject({ method: 'GET', url: '/api/v1/payments?mode=test', headers: authHeaders(account.apiKey) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'querystring/mode', message: 'must be live for this key' }] });
    expect(wrong.json().detail).toMatch(/sec1-tst/);
    const crossed = await t.app.inject({ method: 'POST', url: `/api/v1/payments/${live.id}/cancel?mode=live`, headers: authHeaders(tst) });
    expect(crossed.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/payments/${live.id}`, headers: authHeaders(account.apiKey) })).json().data.status).toBe('pending');
    // A person creates in the mode they work in (the dashboard's test view creates test payments).
    const made = await asPerson('POST', '/api/v1/payments/init?mode=test', { ...INIT.pix, reference: 'pedido-80' });
    expect(made.statusCode).toBe(201);
    expect(made.json().data).toMatchObject({ reference: 'pedido-80', livemode: false });
    expect((await asPerson('POST', '/api/v1/payments/init', { ...INIT.pix, reference: 'pedido-81' })).json().data).toMatchObject({ livemode: true });
    const keyCrossed = await t.app.inject({ method: 'POST', url: '/api/v1/payments/init?mode=test', headers: authHeaders(account.apiKey), payload: { ...INIT.pix, reference: 'pedido-82' } });
    expect(keyCrossed.statusCode).toBe(400);
    // An unknown mode is refused before anything is created.
    const unknown = await asPerson('POST', '/api/v1/payments/init?mode=sandbox', { ...INIT.pix, reference: 'pedido-83' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('querystring/mode');
    expect(await ids('/api/v1/payments?reference=pedido-83')).toEqual([]);
  });

  it('the sweeper expires due payments exactly once, on the injected clock', async () => {
    const short = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, expires_in: 60 })).json().data;
    const long = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'order-2', expires_in: 3600 })).json().data;
    const paid = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'order-3', expires_in: 60 })).json().data;
    await post(`/api/v1/payments/${paid.id}/mark-paid`, account.apiKey, { note: 'cash' });
    t.clock.advance(59_999);
    expect(await expireDuePayments(t.app.ctx)).toBe(0);
    t.clock.advance(1);
    expect(await expireDuePayments(t.app.ctx)).toBe(1);
    expect(await expireDuePayments(t.app.ctx)).toBe(0);
    const get = (id: string) => t.app.inject({ method: 'GET', url: `/api/v1/payments/${id}`, headers: authHeaders(account.apiKey) });
    expect((await get(short.id)).json().data).toMatchObject({ status: 'expired', expired_at: new Date(t.clock.now()).toISOString() });
    expect((await get(long.id)).json().data.status).toBe('pending');
    expect((await get(paid.id)).json().data.status).toBe('succeeded');
    expect((await post(`/api/v1/payments/${short.id}/cancel`, account.apiKey)).statusCode).toBe(409);
    const expired = (await events()).filter((e) => e.type === 'payment.expired');
    expect(expired.map((e) => e.data.payment.id)).toEqual([short.id]);
  });

  it('past its deadline but before the sweep, a payment cannot settle: it expires then, once, and says so', async () => {
    const p = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, expires_in: 60 })).json().data;
    t.clock.advance(60_000);
    const late = await post(`/api/v1/payments/${p.id}/mark-paid`, account.apiKey, { note: 'cash' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'conflict', payment_status: 'expired' });
    expect((await post(`/api/v1/payments/${p.id}/cancel`, account.apiKey)).json()).toMatchObject({ payment_status: 'expired' });
    // The sweep that follows finds nothing left to expire: payment.expired went out once.
    expect(await expireDuePayments(t.app.ctx)).toBe(0);
    const expired = (await events()).filter((e) => e.type === 'payment.expired');
    expect(expired.map((e) => e.data.payment.id)).toEqual([p.id]);
  });

  it('mark-paid with late: true settles an expired payment once (money that arrived after the deadline); without it the 409 says how', async () => {
    const p = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, expires_in: 60 })).json().data;
    t.clock.advance(61_000);
    expect(await expireDuePayments(t.app.ctx)).toBe(1);
    const refused = await post(`/api/v1/payments/${p.id}/mark-paid`, account.apiKey, { note: 'transfer on day 3' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ payment_status: 'expired' });
    expect(refused.json().detail).toContain('"late": true');
    const accepted = await post(`/api/v1/payments/${p.id}/mark-paid`, account.apiKey, { note: 'transfer on day 3', late: true });
    expect(accepted.statusCode).toBe(200);
    const paid = accepted.json().data;
    expect(paid).toMatchObject({ status: 'succeeded', settlement: { via: 'manual', note: 'transfer on day 3' } });
    expect(Date.parse(paid.paid_at)).toBeGreaterThan(Date.parse(paid.expires_at));
    expect(paid.expired_at).not.toBeNull();
    // Once: a second late mark-paid is a conflict, and payment.succeeded went out once.
    expect((await post(`/api/v1/payments/${p.id}/mark-paid`, account.apiKey, { note: 'again', late: true })).json()).toMatchObject({ payment_status: 'succeeded' });
    expect((await events()).filter((e) => e.type === 'payment.succeeded').map((e) => e.data.payment.id)).toEqual([p.id]);
    // Due but not yet swept: it expires, then settles late, in one call.
    const due = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, expires_in: 60 })).json().data;
    t.clock.advance(61_000);
    expect((await post(`/api/v1/payments/${due.id}/mark-paid`, account.apiKey, { note: 'cash', late: true })).json().data.status).toBe('succeeded');
    expect((await events()).filter((e) => e.type === 'payment.expired').map((e) => e.data.payment.id)).toContain(due.id);
    // A canceled payment stays canceled; late changes nothing for a payment still pending.
    const canceled = (await initPayment(t.app, account.apiKey, INIT.sepa)).json().data;
    await post(`/api/v1/payments/${canceled.id}/cancel`, account.apiKey);
    expect((await post(`/api/v1/payments/${canceled.id}/mark-paid`, account.apiKey, { note: 'cash', late: true })).json()).toMatchObject({ payment_status: 'canceled' });
    const pending = (await initPayment(t.app, account.apiKey, INIT.sepa)).json().data;
    expect((await post(`/api/v1/payments/${pending.id}/mark-paid`, account.apiKey, { note: 'cash', late: true })).json().data.status).toBe('succeeded');
  });

  it('racing transitions: of a cancel and a mark-paid at once, exactly one wins', async () => {
    for (let i = 0; i < 5; i++) {
      const p = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: `race-${i}` })).json().data;
      const [a, b] = await Promise.all([post(`/api/v1/payments/${p.id}/cancel`, account.apiKey), post(`/api/v1/payments/${p.id}/mark-paid`, account.apiKey, { note: 'cash' })]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    }
    const finals = (await events()).filter((e) => e.type !== 'payment.created');
    expect(finals).toHaveLength(5);
  });

  // Two instances share one database only on PostgreSQL (an SQLite file has a single writer process).
  it.runIf(dialect === 'postgres')('sweepers on two PostgreSQL instances emit each payment.expired once', async () => {
    const second = await createTestApp(dialect, { database: t.database, clock: t.clock, env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push((await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: `sweep-${i}`, expires_in: 60 })).json().data.id);
      t.clock.advance(61_000);
      const counts = await Promise.all([expireDuePayments(t.app.ctx, 7), expireDuePayments(second.app.ctx, 7), expireDuePayments(t.app.ctx, 7), expireDuePayments(second.app.ctx, 7)]);
      // Whatever a racing sweeper left for the other is finished by the next run.
      const rest = await expireDuePayments(t.app.ctx);
      expect(counts.reduce((a, b) => a + b, 0) + rest).toBe(40);
      const expired = (await events()).filter((e) => e.type === 'payment.expired').map((e) => e.data.payment.id);
      expect(expired).toHaveLength(40);
      expect(new Set(expired)).toEqual(new Set(ids));
    } finally {
      await second.close();
    }
  });
});
