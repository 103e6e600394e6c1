// Gates tell other systems what happened: every stored check-in emits a signed `checkin.created`
// in the transaction that stores it.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { liveUrl } from '../../src/modules/morph/morph.service.ts';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';
import { type Receiver, startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';

describeDialects('checkin.created webhooks', (dialect) => {
  let t: TestApp;
  let me: Tenant;
  let receiver: Receiver;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    me = await tenant(t);
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  it('sends one verified event per check-in, with its result', async () => {
    const secret = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers: me.headers })).json().data.secret as string;
    const endpoint = await t.app.inject({
      method: 'POST',
      url: '/api/v1/merchant/webhooks/endpoints',
      headers: me.headers,
      payload: { url: `${receiver.url}/gate`, event_types: ['checkin.created'] },
    });
    expect(endpoint.statusCode).toBe(201);
    const code = (
      await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'Seat 12A', destination: 'https://example.com/t/12a', qr_type: 'morphing' } })
    ).json();
    const payload = liveUrl(t.app.ctx, { id: code.id, accountId: '', shortCode: code.short_code }, 1, t.clock.now());

    const first = await t.app.inject({ method: 'POST', url: '/api/v1/checkins', headers: me.headers, payload: { payload, type: 'entry', scanner_id: 'gate-2' } });
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/checkins', headers: me.headers, payload: { payload, type: 'entry', scanner_id: 'gate-3' } });
    expect([first.json().result, second.json().result]).toEqual(['ok', 'already_redeemed']);

    await runDeliveryWorker(t.app.ctx);
    expect(receiver.received).toHaveLength(2);
    const events = receiver.received.map((r) => verifyAt(secret, r, t.clock.now()) as { type: string; data: { checkin: Record<string, unknown> } });
    expect(events.map((e) => e.type)).toEqual(['checkin.created', 'checkin.created']);
    expect(events.map((e) => e.data.checkin.result).sort()).toEqual(['already_redeemed', 'ok']);
    expect(events.find((e) => e.data.checkin.result === 'ok')!.data.checkin).toMatchObject({
      id: first.json().checkin_id,
      campaign_id: code.id,
      scanner_id: 'gate-2',
      short_code: code.short_code,
      type: 'entry',
    });
  });

  it('says why a scan was refused, whose ticket it was and when, beside the fields receivers already read', async () => {
    const secret = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers: me.headers })).json().data.secret as string;
    await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/endpoints', headers: me.headers, payload: { url: `${receiver.url}/gate`, event_types: ['checkin.created'] } });
    const code = (
      await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'Seat 12A', destination: 'https://example.com/t/12a', qr_type: 'morphing' } })
    ).json();
    const screenshot = liveUrl(t.app.ctx, { id: code.id, accountId: '', shortCode: code.short_code }, 1, t.clock.now());
    const admitted = (await t.app.inject({ method: 'POST', url: '/api/v1/checkins', headers: me.headers, payload: { payload: screenshot, scanner_id: 'gate-2' } })).json();
    t.clock.advance(10_000);
    const again = (await t.app.inject({ method: 'POST', url: '/api/v1/checkins', headers: me.headers, payload: { payload: screenshot, scanner_id: 'gate-3' } })).json();
    t.clock.advance(60_000);
    const stale = (await t.app.inject({ method: 'POST', url: '/api/v1/checkins', headers: me.headers, payload: { payload: screenshot, type: 'exit' } })).json();

    await runDeliveryWorker(t.app.ctx);
    const checkins = receiver.received.map((r) => (verifyAt(secret, r, t.clock.now()) as { data: { checkin: Record<string, unknown> } }).data.checkin);
    const byId = new Map(checkins.map((c) => [c.id, c]));
    const ticket = { short_code: code.short_code, name: 'Seat 12A', destination: 'https://example.com/t/12a' };
    expect(byId.get(admitted.checkin_id)).toMatchObject({ result: 'ok', reason: 'admitted', type: 'entry', ticket, admission: null, created_at: admitted.created_at });
    expect(byId.get(again.checkin_id)).toMatchObject({
      result: 'already_redeemed',
      reason: 'already_used',
      ticket,
      admission: { checkin_id: admitted.checkin_id, scanner_id: 'gate-2', created_at: admitted.created_at },
      created_at: again.created_at,
    });
    expect(byId.get(stale.checkin_id)).toMatchObject({ result: 'expired', reason: 'token_stale', type: 'exit', ticket, created_at: stale.created_at });
    // Kept for receivers that read it: the same instant, under its old name.
    for (const checkin of checkins) expect(checkin.checked_in_at).toBe(checkin.created_at);

    // The catalogue's sample shows the same fields.
    const catalogue = (await t.app.inject({ method: 'GET', url: '/api/v1/merchant/webhooks/event-types', headers: me.headers })).json().data as Array<{
      type: string;
      sample: { data: { checkin: Record<string, unknown> } };
    }>;
    const sample = catalogue.find((e) => e.type === 'checkin.created')!.sample.data.checkin;
    expect(Object.keys(sample).sort()).toEqual(Object.keys(byId.get(admitted.checkin_id)!).sort());
  });
});
