// An item created with an API key belongs to that account: when it is finalized and archived,
// the account hears about it through a signed `item.finalized` webhook.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { sweepItems } from '../../src/modules/items/item-archival.ts';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { type Receiver, startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';

describeDialects('item.finalized webhooks', (dialect) => {
  let t: TestApp;
  let account: TestAccount;
  let receiver: Receiver;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    account = await signUp(t.app);
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  it('emits one signed item.finalized per archived attributed item, none for anonymous ones', async () => {
    const headers = authHeaders(account.apiKey);
    const secret = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers })).json().data.secret as string;
    const endpoint = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/endpoints', headers, payload: { url: `${receiver.url}/hook`, event_types: ['item.finalized'] } });
    expect(endpoint.statusCode).toBe(201);

    const owned = await t.app.inject({ method: 'POST', url: '/api/v0/items', headers, payload: { content: 'ticket', ttlHours: 1, viewLimit: 1 } });
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v0/items', payload: { content: 'anon', ttlHours: 1, viewLimit: 1 } });
    expect([owned.statusCode, anonymous.statusCode]).toEqual([201, 201]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v0/items/${owned.json().magic}` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v0/items/${anonymous.json().magic}` })).statusCode).toBe(200);

    expect(await sweepItems({ db: t.database.handle.db, clock: t.clock })).toBe(2);
    expect(await sweepItems({ db: t.database.handle.db, clock: t.clock })).toBe(0);
    await runDeliveryWorker(t.app.ctx);

    expect(receiver.received).toHaveLength(1);
    const event = verifyAt(secret, receiver.received[0]!, t.clock.now()) as { type: string; data: { item: Record<string, unknown> } };
    expect(event.type).toBe('item.finalized');
    expect(event.data.item).toMatchObject({ state: 'ARCHIVAL', reason: 'view_limit_reached', view_count: 1, view_limit: 1 });
    expect(JSON.stringify(event)).not.toContain(owned.json().magic);
    expect(JSON.stringify(event)).not.toContain('ticket');
  });
});
