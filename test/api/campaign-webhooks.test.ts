// Campaign lifecycle changes reach subscribers as signed campaign.* webhooks, each emitted in the
// transaction of its change.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';
import { type Receiver, startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';

type Event = { type: string; data: { campaign: Record<string, unknown>; changed?: string[] } };

describeDialects('campaign.* webhooks', (dialect) => {
  let t: TestApp;
  let me: Tenant;
  let receiver: Receiver;
  let secret: string;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    me = await tenant(t);
    receiver = await startReceiver();
    secret = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers: me.headers })).json().data.secret;
    const endpoint = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/endpoints', headers: me.headers, payload: { url: `${receiver.url}/campaigns` } });
    expect(endpoint.statusCode).toBe(201);
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  // Webhooks promise no order (deliveries go out concurrently): sort by the event's own time.
  async function delivered(): Promise<Event[]> {
    await runDeliveryWorker(t.app.ctx);
    const events = receiver.received.map((r) => verifyAt(secret, r, t.clock.now()) as Event & { timestamp: string });
    return events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  }

  it('create, update and archive each emit their event with the campaign', async () => {
    const created = (
      await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'Spring', destination: 'https://example.com/a', qr_type: 'dynamic' } })
    ).json();
    t.clock.advance(1000);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${created.id}`, headers: me.headers, payload: { destination: 'https://example.com/b' } })).statusCode).toBe(200);
    t.clock.advance(1000);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${created.id}`, headers: me.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${created.id}`, headers: me.headers })).statusCode).toBe(200);

    const events = await delivered();
    expect(events.map((e) => e.type)).toEqual(['campaign.created', 'campaign.updated', 'campaign.archived']);
    expect(events[0]!.data.campaign).toMatchObject({ id: created.id, short_code: created.short_code, destination: 'https://example.com/a', status: 'active' });
    expect(events[1]!.data).toMatchObject({ campaign: { destination: 'https://example.com/b' }, changed: ['destination'] });
    expect(events[2]!.data.campaign).toMatchObject({ status: 'archived', archived_at: new Date(t.clock.now()).toISOString() });
  });

  // Each request read the campaign as active before any archived it: all of them archived it again
  // (campaign.archived once per request) and a change sent meanwhile was saved on the archived one.
  it('archiving at once from several requests emits campaign.archived once, and a change racing it is refused', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'Race', destination: 'https://example.com/a' } })).json();
    const url = `/api/v1/campaigns/${created.id}`;
    const answers = await Promise.all([
      ...[1, 2, 3, 4].map(() => t.app.inject({ method: 'DELETE', url, headers: me.headers })),
      t.app.inject({ method: 'PUT', url, headers: me.headers, payload: { destination: 'https://example.com/late' } }),
    ]);
    const put = answers.pop()!;
    expect(answers.map((res) => res.statusCode)).toEqual([200, 200, 200, 200]);
    for (const res of answers) expect(res.json()).toMatchObject({ status: 'archived' });
    const events = await delivered();
    expect(events.filter((e) => e.type === 'campaign.archived')).toHaveLength(1);
    const stored = (await t.app.inject({ method: 'GET', url, headers: me.headers })).json();
    if (put.statusCode === 200) {
      // The change came first, and nothing changed after the archive. (Sorted by name: the
      // events share the test clock's time.)
      expect(events.map((e) => e.type).sort()).toEqual(['campaign.archived', 'campaign.created', 'campaign.updated']);
      expect(stored.destination).toBe('https://example.com/late');
    } else {
      expect(put.statusCode).toBe(409);
      expect(put.json().detail).toBe(`Campaign '${created.id}' is archived and can no longer change.`);
      expect(events.map((e) => e.type).sort()).toEqual(['campaign.archived', 'campaign.created']);
      expect(stored.destination).toBe('https://example.com/a');
    }
  });

  it('bulk creation emits one campaign.created per code, never the morphing secret', async () => {
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/qrs/bulk',
      headers: me.headers,
      payload: { urls: ['https://e.com/1', 'https://e.com/2', 'https://e.com/3'], qr_type: 'morphing', design_config: {} },
    });
    expect(bulk.statusCode, bulk.body).toBe(201);
    const events = await delivered();
    expect(events.map((e) => e.type)).toEqual(['campaign.created', 'campaign.created', 'campaign.created']);
    expect(events.map((e) => e.data.campaign.id).sort()).toEqual(
      bulk
        .json()
        .data.map((c: { id: string }) => c.id)
        .sort(),
    );
    for (const c of bulk.json().data as Array<{ secret_key: string }>) expect(JSON.stringify(events)).not.toContain(c.secret_key);
  });

  it('a PUT of the GET body emits nothing when unchanged, and names only the field that changed', async () => {
    const created = (
      await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'Spring', destination: 'https://example.com/a', qr_type: 'dynamic' } })
    ).json();
    const read = (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${created.id}`, headers: me.headers })).json();
    t.clock.advance(1000);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${created.id}`, headers: me.headers, payload: read })).statusCode).toBe(200);
    t.clock.advance(1000);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${created.id}`, headers: me.headers, payload: { ...read, destination: 'https://example.com/b' } })).statusCode).toBe(200);
    const events = await delivered();
    expect(events.map((e) => e.type)).toEqual(['campaign.created', 'campaign.updated']);
    expect(events[1]!.data.changed).toEqual(['destination']);
  });

  it('a rejected change emits nothing', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'x', destination: 'javascript:alert(1)', qr_type: 'dynamic' } });
    expect(await delivered()).toEqual([]);
  });
});
