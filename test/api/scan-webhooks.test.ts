// scan.created is opt-in: only endpoints that name it receive one event per stored scan.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';
import { type Receiver, startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';

describeDialects('scan.created webhooks', (dialect) => {
  let t: TestApp;
  let receiver: Receiver;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  async function subscribe(me: Tenant, path: string, eventTypes?: string[]): Promise<string> {
    const secret = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers: me.headers })).json().data.secret as string;
    const endpoint = await t.app.inject({
      method: 'POST',
      url: '/api/v1/merchant/webhooks/endpoints',
      headers: me.headers,
      payload: { url: `${receiver.url}${path}`, ...(eventTypes ? { event_types: eventTypes } : {}) },
    });
    expect(endpoint.statusCode).toBe(201);
    return secret;
  }

  async function code(me: Tenant): Promise<{ id: string; short_code: string }> {
    return (await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'Poster', destination: 'https://example.com/p', qr_type: 'dynamic' } })).json();
  }

  it('delivers one verified event per scan to endpoints that named it, none to wildcard subscribers', async () => {
    const listener = await tenant(t);
    const wildcard = await tenant(t);
    const secret = await subscribe(listener, '/scans', ['scan.created']);
    await subscribe(wildcard, '/everything');
    const mine = await code(listener);
    const theirs = await code(wildcard);
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
    for (const c of [mine, mine, theirs]) {
      expect((await t.app.inject({ method: 'GET', url: `/${c.short_code}`, headers: { 'user-agent': iphone } })).statusCode).toBe(302);
    }
    expect((await t.app.inject({ method: 'HEAD', url: `/${mine.short_code}` })).statusCode).toBe(302);
    await t.app.ctx.scans.flush();
    await runDeliveryWorker(t.app.ctx);

    // The wildcard endpoint still gets its own campaign.created; never a scan.created.
    const scanDeliveries = receiver.received.filter((r) => (JSON.parse(r.body) as { type: string }).type === 'scan.created');
    expect(scanDeliveries.map((r) => r.path)).toEqual(['/scans', '/scans']);
    for (const received of scanDeliveries) {
      const event = verifyAt(secret, received, t.clock.now()) as { type: string; data: { scan: Record<string, unknown> } };
      expect(event.type).toBe('scan.created');
      expect(event.data.scan).toMatchObject({ campaign_id: mine.id, os: 'iOS', device_type: 'mobile', is_bot: false });
    }
  });
});
