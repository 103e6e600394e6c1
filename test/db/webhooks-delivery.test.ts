// The delivery system through its services and worker (no HTTP auth needed): outbox in the
// caller's transaction, signatures checked by the standardwebhooks package, rotation window,
// retry schedule, 410, the 5-day rule, redirects and SSRF at delivery time, crash recovery and
// concurrent workers.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { claimDeliveries, deliveryTimeoutMs, ENDPOINT_CONCURRENCY, runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { emitEvent, emitEvents } from '../../src/modules/webhooks/outbox.ts';
import { RETRY_SCHEDULE_MS } from '../../src/modules/webhooks/retry-schedule.ts';
import { listEndpointDeliveries, pruneDeliveryLog, retryDelivery } from '../../src/modules/webhooks/webhook-delivery.service.ts';
import { createEndpoint, destinationPolicy, getWebhookEndpoint, sendTestEvent, updateWebhookEndpoint } from '../../src/modules/webhooks/webhook-endpoint.service.ts';
import { createWebhookSecret, expireRotatedSecrets, listWebhookSecrets, rotateWebhookSecret } from '../../src/modules/webhooks/webhook-secret.service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { type Receiver, startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';

const ALLOW = { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
const noJitter = { random: () => 0.5 };

describeDialects('webhook delivery', (dialect) => {
  let t: TestApp;
  let ctx: AppContext;
  let receiver: Receiver;
  const extra: TestApp[] = [];
  const accountId = 'acc_webhooks1';

  async function addAccount(app: TestApp, id: string): Promise<void> {
    const now = app.clock.now();
    await app.app.ctx.db
      .insertInto('accounts')
      .values({ id, slug: id.replace('_', '-').toLowerCase(), name: id, created_at: now, updated_at: now })
      .execute();
  }

  async function setup(eventTypes: string[] = ['*'], path = '/hook') {
    const secret = await createWebhookSecret(ctx, accountId);
    const endpoint = await createEndpoint(ctx, destinationPolicy(ctx.config), accountId, { url: `${receiver.url}${path}`, event_types: eventTypes });
    return { secret: secret.secret, endpoint };
  }

  const emit = (type = 'campaign.created', data: Record<string, unknown> = { campaign: { id: 'cmp_1' } }) =>
    ctx.db.transaction().execute((trx) => emitEvent(trx, { accountId, type, data, occurredAt: ctx.clock.now() }));

  async function deliveries(endpointId: string) {
    return listEndpointDeliveries(ctx, accountId, endpointId, 200);
  }

  beforeEach(async () => {
    t = await createTestApp(dialect, { env: ALLOW });
    ctx = t.app.ctx;
    receiver = await startReceiver();
    await addAccount(t, accountId);
  });
  afterEach(async () => {
    await receiver.close();
    for (const other of extra.splice(0)) await other.close();
    await t.close();
  });

  it('writes events in the caller transaction: a rollback leaves no event and no delivery', async () => {
    const { endpoint } = await setup();
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await emitEvent(trx, { accountId, type: 'campaign.created', data: {}, occurredAt: ctx.clock.now() });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliveries(endpoint.id)).toEqual([]);
    expect(await runDeliveryWorker(ctx)).toBe(0);
    expect(receiver.received).toHaveLength(0);
    await expect(emitEvent(ctx.db, { accountId, type: 'no.such.type', data: {}, occurredAt: 0 })).rejects.toThrow(/unknown webhook event type/);
  });

  it('delivers a signed event that the standardwebhooks package verifies, and logs the attempt', async () => {
    const { secret, endpoint } = await setup();
    receiver.fallback = { status: 200, body: 'x'.repeat(5000) };
    const { eventId, deliveries: count } = await emit('campaign.created', { campaign: { id: 'cmp_1', name: 'Spring' } });
    expect(count).toBe(1);
    expect(await runDeliveryWorker(ctx)).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [hook] = receiver.received;
    expect(hook!.path).toBe('/hook');
    expect(hook!.headers['content-type']).toBe('application/json');
    expect(hook!.headers['webhook-id']).toBe(eventId);
    expect(hook!.headers['webhook-timestamp']).toBe(String(Math.floor(ctx.clock.now() / 1000)));
    expect(verifyAt(secret, hook!, ctx.clock.now())).toEqual({ type: 'campaign.created', timestamp: new Date(ctx.clock.now()).toISOString(), data: { campaign: { id: 'cmp_1', name: 'Spring' } } });
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ event_id: eventId, status: 'succeeded', attempts: 1, last_status_code: 200 });
    expect(delivery!.attempt_log).toHaveLength(1);
    expect(delivery!.attempt_log[0]).toMatchObject({ attempt: 1, status_code: 200, success: true, error: null });
    expect(delivery!.attempt_log[0]!.response_body).toHaveLength(1024);
    expect(delivery!.attempt_log[0]!.latency_ms).toBeGreaterThanOrEqual(0);
    expect(await runDeliveryWorker(ctx)).toBe(0);
  });

  it('emitEvents writes a batch with one result per event, subscriptions applied per account', async () => {
    const { endpoint } = await setup(['scan.created']);
    await ctx.db.insertInto('accounts').values({ id: 'acc_other', slug: 'other', name: 'o', created_at: 0, updated_at: 0 }).execute();
    const results = await ctx.db.transaction().execute((trx) =>
      emitEvents(trx, [
        { accountId, type: 'scan.created', data: { n: 1 }, occurredAt: ctx.clock.now() },
        { accountId, type: 'campaign.created', data: {}, occurredAt: ctx.clock.now() },
        { accountId: 'acc_other', type: 'scan.created', data: {}, occurredAt: ctx.clock.now() },
        { accountId, type: 'scan.created', data: { n: 2 }, occurredAt: ctx.clock.now() },
      ]),
    );
    expect(results.map((r) => r.deliveries)).toEqual([1, 0, 0, 1]);
    await runDeliveryWorker(ctx);
    expect(receiver.received.map((r) => JSON.parse(r.body).data.n).sort()).toEqual([1, 2]);
    expect((await deliveries(endpoint.id)).every((d) => d.status === 'succeeded')).toBe(true);
  });

  it('keeps delivery logs 30 days, never dropping an event that is still pending', async () => {
    const { endpoint } = await setup();
    await emit();
    await runDeliveryWorker(ctx, noJitter); // succeeds
    receiver.fallback = { status: 500 };
    await emit(); // stays pending (failing)
    await runDeliveryWorker(ctx, noJitter);
    t.clock.advance(30 * 86_400_000 + 1);
    expect(await pruneDeliveryLog(ctx)).toBe(1);
    const left = await deliveries(endpoint.id);
    expect(left.map((d) => d.status)).toEqual(['pending']);
    expect(left[0]!.attempt_log.length).toBeGreaterThan(0);
    expect(await ctx.db.selectFrom('webhook_attempts').select('delivery_id').execute()).toHaveLength(left[0]!.attempt_log.length);
  });

  it('delivers only to enabled endpoints subscribed to the type; scan.created only to endpoints naming it', async () => {
    const { endpoint: all } = await setup(['*'], '/all');
    const only = await createEndpoint(ctx, destinationPolicy(ctx.config), accountId, { url: `${receiver.url}/scans`, event_types: ['scan.created', 'payment.succeeded'] });
    const off = await createEndpoint(ctx, destinationPolicy(ctx.config), accountId, { url: `${receiver.url}/off`, event_types: ['*'], enabled: false });
    expect((await emit('scan.created', {})).deliveries).toBe(1);
    expect((await emit('payment.succeeded', {})).deliveries).toBe(2);
    expect((await emit('campaign.updated', {})).deliveries).toBe(1);
    await runDeliveryWorker(ctx);
    const seen = receiver.received.map((r) => `${r.path} ${JSON.parse(r.body).type}`).sort();
    expect(seen).toEqual(['/all campaign.updated', '/all payment.succeeded', '/scans payment.succeeded', '/scans scan.created']);
    expect((await deliveries(off.id)).length).toBe(0);
    expect((await deliveries(all.id)).length).toBe(2);
    expect((await deliveries(only.id)).length).toBe(2);
  });

  it('signs with both secrets during rotation; after 24 h only the new one verifies', async () => {
    const { secret: oldSecret } = await setup();
    const rotated = await rotateWebhookSecret(ctx, accountId);
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9]{43}$/);
    expect(rotated.previous.expires_at).toBe(new Date(ctx.clock.now() + 86_400_000).toISOString());
    // The rotation itself emitted webhook_secret.rotated.
    await runDeliveryWorker(ctx);
    expect(receiver.received).toHaveLength(1);
    const during = receiver.received[0]!;
    expect(JSON.parse(during.body).type).toBe('webhook_secret.rotated');
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyAt(oldSecret, during, ctx.clock.now())).toBeTruthy();
    expect(verifyAt(rotated.secret, during, ctx.clock.now())).toBeTruthy();

    t.clock.advance(24 * 3600_000 - 1000);
    await emit();
    await runDeliveryWorker(ctx);
    const late = receiver.received[1]!;
    expect(verifyAt(oldSecret, late, ctx.clock.now())).toBeTruthy();

    t.clock.advance(1000);
    const statuses = await listWebhookSecrets(ctx, accountId);
    expect(statuses.map((s) => s.status).sort()).toEqual(['active', 'disabled']);
    await emit();
    await runDeliveryWorker(ctx);
    const after = receiver.received[2]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifyAt(rotated.secret, after, ctx.clock.now())).toBeTruthy();
    expect(() => verifyAt(oldSecret, after, ctx.clock.now())).toThrow(/No matching signature/);
    expect(await expireRotatedSecrets(ctx)).toBe(1);
    const rows = await ctx.db.selectFrom('webhook_secrets').select(['kid', 'status']).where('id', '=', rotated.previous.id).execute();
    expect(rows).toEqual([{ kid: rotated.previous.kid, status: 'disabled' }]);
  });

  it('creating a second secret is refused (rotate instead); rotating without one is a 404', async () => {
    await expect(rotateWebhookSecret(ctx, accountId)).rejects.toMatchObject({ status: 404 });
    await createWebhookSecret(ctx, accountId);
    await expect(createWebhookSecret(ctx, accountId)).rejects.toMatchObject({ status: 409, code: 'conflict' });
    const stored = await ctx.db.selectFrom('webhook_secrets').select('secret_sealed').execute();
    expect(stored[0]!.secret_sealed).not.toContain('whsec_');
  });

  it('retries on the schedule (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) with the same webhook-id', async () => {
    const { secret, endpoint } = await setup();
    receiver.script = Array.from({ length: 7 }, () => ({ status: 500, body: 'down' }));
    const { eventId } = await emit();
    const start = ctx.clock.now();
    expect(await runDeliveryWorker(ctx, noJitter)).toBe(1); // attempt 1, immediately
    let elapsed = 0;
    for (let attempt = 2; attempt <= 8; attempt++) {
      const wait = RETRY_SCHEDULE_MS[attempt - 1]!;
      t.clock.set(start + elapsed + wait - 1);
      expect(await runDeliveryWorker(ctx, noJitter)).toBe(0); // not due yet
      t.clock.set(start + elapsed + wait);
      expect(await runDeliveryWorker(ctx, noJitter)).toBe(1);
      elapsed += wait;
    }
    expect(receiver.received).toHaveLength(8);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([eventId]));
    expect(verifyAt(secret, receiver.received[7]!, ctx.clock.now())).toBeTruthy();
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 8 });
    expect(delivery!.attempt_log.map((a) => a.status_code)).toEqual([500, 500, 500, 500, 500, 500, 500, 200]);
    expect(delivery!.attempt_log[0]!.response_body).toBe('down');
    expect((await getWebhookEndpoint(ctx, accountId, endpoint.id)).failing_since).toBeNull();
  });

  it('marks a delivery failed after the last attempt, and a manual retry sends it again with the same webhook-id', async () => {
    const { endpoint } = await setup();
    receiver.fallback = { status: 503 };
    const { eventId } = await emit();
    for (let i = 0; i < 8; i++) {
      await runDeliveryWorker(ctx, noJitter);
      t.clock.advance(36_000_000);
    }
    let [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 8, next_attempt_at: null, last_status_code: 503 });
    receiver.fallback = { status: 204 };
    await retryDelivery(ctx, accountId, delivery!.id);
    expect(await runDeliveryWorker(ctx)).toBe(1);
    [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 9 });
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(eventId);
    await expect(retryDelivery(ctx, 'acc_other', delivery!.id)).rejects.toMatchObject({ status: 404 });
  });

  it('honours a Retry-After longer than the schedule', async () => {
    const { endpoint } = await setup();
    receiver.script = [{ status: 429, headers: { 'retry-after': '600' } }];
    await emit();
    await runDeliveryWorker(ctx, noJitter);
    const [delivery] = await deliveries(endpoint.id);
    expect(Date.parse(delivery!.next_attempt_at!)).toBe(ctx.clock.now() + 600_000);
  });

  it('410 Gone disables the endpoint at once, with the reason', async () => {
    const { endpoint } = await setup();
    receiver.script = [{ status: 410 }];
    await emit();
    await runDeliveryWorker(ctx);
    const after = await getWebhookEndpoint(ctx, accountId, endpoint.id);
    expect(after.enabled).toBe(false);
    // Why, and what to do about it (the dashboard shows it as the reason for the pause).
    expect(after.disabled_reason).toBe('The endpoint answered 410 Gone, so it was disabled. Enable it again once it should receive events.');
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await emit()).deliveries).toBe(0);
    await expect(sendTestEvent(ctx, accountId, endpoint.id)).rejects.toMatchObject({ status: 409 });
    // Enabling it again clears the reason and it receives events again.
    await updateWebhookEndpoint(ctx, destinationPolicy(ctx.config), accountId, endpoint.id, { enabled: true });
    const ping = await sendTestEvent(ctx, accountId, endpoint.id);
    await runDeliveryWorker(ctx);
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(ping.event_id);
    expect(JSON.parse(receiver.received.at(-1)!.body).type).toBe('ping');
  });

  it('disables an endpoint that has failed continuously for 5 days', async () => {
    const { endpoint } = await setup();
    receiver.fallback = { status: 500 };
    const start = ctx.clock.now();
    // New events keep arriving; every attempt fails.
    while (ctx.clock.now() - start < 5 * 86_400_000) {
      await emit();
      await runDeliveryWorker(ctx, noJitter);
      expect((await getWebhookEndpoint(ctx, accountId, endpoint.id)).enabled).toBe(true);
      t.clock.advance(12 * 3600_000);
    }
    t.clock.set(start + 5 * 86_400_000);
    await emit();
    await runDeliveryWorker(ctx, noJitter);
    const after = await getWebhookEndpoint(ctx, accountId, endpoint.id);
    expect(after.enabled).toBe(false);
    expect(after.failing_since).toBe(new Date(start).toISOString());
    expect(after.disabled_reason).toMatch(/5 days/);
  });

  it('does not follow redirects (a redirect to the metadata address is a failed attempt)', async () => {
    const { endpoint } = await setup();
    receiver.script = [{ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }];
    await emit();
    await runDeliveryWorker(ctx, noJitter);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'pending', last_status_code: 302 });
    expect(delivery!.last_error).toMatch(/redirects are not followed/);
  });

  it('checks the destination again at delivery time: no allow-list, or DNS now pointing inside', async () => {
    const { endpoint } = await setup();
    await emit();
    // A second instance on the same database without the allow-list refuses 127.0.0.1.
    const strict = await createTestApp(dialect, { database: t.database, clock: t.clock });
    extra.push(strict);
    expect(await runDeliveryWorker(strict.app.ctx, noJitter)).toBe(1);
    expect(receiver.received).toHaveLength(0);
    let [delivery] = await deliveries(endpoint.id);
    expect(delivery!.last_error).toMatch(/destination refused: URL points to 127\.0\.0\.1/);

    // A host that resolved publicly at registration and privately now (DNS rebinding).
    const port = new URL(receiver.url).port;
    const dns = { answer: '93.184.216.34' };
    const resolve = async () => [{ address: dns.answer, family: 4 as const }];
    const rebinding = await createEndpoint(ctx, { ...destinationPolicy(ctx.config), resolve }, accountId, { url: `http://rebind.example:${port}/`, event_types: ['payment.failed'] });
    await emit('payment.failed', {});
    dns.answer = '10.0.0.7';
    t.clock.advance(10_000);
    await runDeliveryWorker(ctx, { ...noJitter, resolve });
    [delivery] = await deliveries(rebinding.id);
    expect(delivery!.last_error).toMatch(/rebind\.example resolves to 10\.0\.0\.7/);
  });

  it('a worker that dies after claiming loses nothing: after the lease expires another instance delivers with the same webhook-id', async () => {
    const { secret } = await setup();
    const { eventId } = await emit();
    const doomed = await createTestApp(dialect, { database: t.database, clock: t.clock, env: ALLOW });
    const claimed = await claimDeliveries(doomed.app.ctx, 10);
    expect(claimed).toHaveLength(1);
    await doomed.close(); // crash: the lease is held, nothing recorded

    const survivor = await createTestApp(dialect, { database: t.database, clock: t.clock, env: ALLOW });
    extra.push(survivor);
    expect(await runDeliveryWorker(survivor.app.ctx)).toBe(0); // lease still held
    t.clock.advance(60_001);
    expect(await runDeliveryWorker(survivor.app.ctx)).toBe(1);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers['webhook-id']).toBe(eventId);
    expect(verifyAt(secret, receiver.received[0]!, ctx.clock.now())).toBeTruthy();
  });

  it('a worker killed while its request is in flight: after restart the event arrives again with the same webhook-id', async () => {
    const { secret, endpoint } = await setup();
    const { eventId } = await emit();
    receiver.script = [{ status: 0, hang: true }];
    const doomed = await createTestApp(dialect, { database: t.database, clock: t.clock, env: ALLOW });
    const inflight = runDeliveryWorker(doomed.app.ctx).catch((error: unknown) => error);
    await receiver.waitFor(1); // the request reached the receiver, which never answers
    await doomed.close(); // the process dies: its database connection is gone
    receiver.dropConnections();
    expect(await inflight).toBeInstanceOf(Error); // it could not record anything

    const survivor = await createTestApp(dialect, { database: t.database, clock: t.clock, env: ALLOW });
    extra.push(survivor);
    t.clock.advance(60_001);
    expect(await runDeliveryWorker(survivor.app.ctx)).toBe(1);
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([eventId, eventId]);
    expect(verifyAt(secret, receiver.received[1]!, ctx.clock.now())).toBeTruthy();
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('a lease shorter than twice the send timeout shortens the send: a slow receiver fails before its claim can be taken over (it was sent every event twice)', async () => {
    const { endpoint } = await setup();
    await emit();
    receiver.script = [{ status: 0, hang: true }];
    const shortLease = await createTestApp(dialect, { database: t.database, clock: t.clock, env: { ...ALLOW, TESSERA_WEBHOOK_LEASE_SECONDS: '1' } });
    extra.push(shortLease);
    const started = performance.now();
    expect(await runDeliveryWorker(shortLease.app.ctx)).toBe(1);
    expect(performance.now() - started).toBeLessThan(5_000);
    receiver.dropConnections();
    const [delivery] = await deliveries(endpoint.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_error: 'no complete answer within 0.5 s' });
    expect([deliveryTimeoutMs(60_000), deliveryTimeoutMs(20_000), deliveryTimeoutMs(1_000)]).toEqual([15_000, 10_000, 500]);
  });

  /** A second account with its own secret and an endpoint at `url`; returns an emitter of its events. */
  async function otherAccount(url: string) {
    const other = 'acc_webhooks2';
    await addAccount(t, other);
    await createWebhookSecret(ctx, other);
    const endpoint = await createEndpoint(ctx, destinationPolicy(ctx.config), other, { url, event_types: ['*'] });
    const emitOther = () => ctx.db.transaction().execute((trx) => emitEvent(trx, { accountId: other, type: 'campaign.created', data: {}, occurredAt: ctx.clock.now() }));
    return { endpoint, emitOther };
  }

  it(`one endpoint's backlog does not hold another account's event back: a claim takes at most ${ENDPOINT_CONCURRENCY} of one endpoint, counting those in flight`, async () => {
    const { endpoint } = await setup();
    const { endpoint: theirs, emitOther } = await otherAccount(`${receiver.url}/theirs`);
    for (let i = 0; i < 30; i++) await emit('campaign.updated', { i });
    t.clock.advance(1);
    await emitOther();
    const first = await claimDeliveries(ctx, 10);
    expect(first.filter((d) => d.endpoint_id === endpoint.id)).toHaveLength(ENDPOINT_CONCURRENCY);
    expect(first.filter((d) => d.endpoint_id === theirs.id)).toHaveLength(1);
    // Still in flight: nothing more of the first endpoint until one of them settles or its lease ends.
    expect(await claimDeliveries(ctx, 10)).toHaveLength(0);
    t.clock.advance(60_001); // the leases end (their worker died): the same places open again
    const again = await claimDeliveries(ctx, 10);
    expect(again.filter((d) => d.endpoint_id === endpoint.id)).toHaveLength(ENDPOINT_CONCURRENCY);
    expect(again.filter((d) => d.endpoint_id === theirs.id)).toHaveLength(1);
  });

  it("a receiver that never answers holds only its own endpoint's deliveries: the other endpoints' arrive meanwhile", async () => {
    const slow = await startReceiver();
    try {
      await createWebhookSecret(ctx, accountId);
      const slowEndpoint = await createEndpoint(ctx, destinationPolicy(ctx.config), accountId, { url: `${slow.url}/slow`, event_types: ['*'] });
      slow.fallback = { status: 0, hang: true };
      const { emitOther } = await otherAccount(`${receiver.url}/theirs`);
      for (let i = 0; i < 10; i++) await emit('campaign.updated', { i }); // 10 to the slow endpoint, first in line
      t.clock.advance(1);
      for (let i = 0; i < 5; i++) await emitOther();
      const run = runDeliveryWorker(ctx, noJitter);
      await receiver.waitFor(5); // before the change, these waited for the hanging batch's 15 s timeout
      expect(slow.received).toHaveLength(ENDPOINT_CONCURRENCY);
      slow.fallback = { status: 200, body: 'ok' };
      slow.dropConnections();
      expect(await run).toBe(15);
      expect(slow.received).toHaveLength(10); // every event once; the four cut off go again on their retry schedule
      const log = await listEndpointDeliveries(ctx, accountId, slowEndpoint.id, 200);
      expect(log.filter((d) => d.status === 'pending')).toHaveLength(ENDPOINT_CONCURRENCY); // the dropped ones retry later
    } finally {
      await slow.close();
    }
  });

  it.runIf(dialect === 'postgres')('two workers on PostgreSQL never deliver the same event twice', async () => {
    await setup();
    const n = 60;
    const ids = new Set<string>();
    for (let i = 0; i < n; i++) ids.add((await emit('campaign.updated', { i })).eventId);
    const other = await createTestApp(dialect, { database: t.database, clock: t.clock, env: ALLOW });
    extra.push(other);
    const work = (c: AppContext) => Promise.all([runDeliveryWorker(c, { batchSize: 5 }), runDeliveryWorker(c, { batchSize: 5 })]);
    const [a, b] = await Promise.all([work(ctx), work(other.app.ctx)]);
    expect([...a, ...b].reduce((x, y) => x + y, 0)).toBe(n);
    const seen = receiver.received.map((r) => String(r.headers['webhook-id']));
    expect(seen).toHaveLength(n);
    expect(new Set(seen)).toEqual(ids);
  });
});
