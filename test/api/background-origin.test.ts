// Background work names what triggered it: a webhook delivery's log lines carry the id of the
// request that caused its event (X-Request-Id, kept from the caller), even when the delivery runs
// later or in another process; events written by background work carry none (a scan flush is
// nobody's request; test/unit/scan-buffer.test.ts checks that a failed flush names its trigger).
import { afterEach, expect, it } from 'vitest';
import { inBackground } from '../../src/http/request-context.ts';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { emitPing } from '../../src/modules/webhooks/outbox.ts';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { startReceiver } from '../helpers/webhook-receiver.ts';

describeDialects('origin of background work', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
  });

  it('a delivery names the request that caused its event, also when another instance delivers it', async () => {
    const t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    apps.push(t);
    // The worker is another instance on the same database, logging at debug.
    const worker = await createTestApp(dialect, { database: t.database, clock: t.clock, captureLogs: true, env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    apps.push(worker);
    const receiver = await startReceiver();
    try {
      const account = await signUp(t.app);
      const call = (url: string, payload?: object, headers: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url, headers: { ...authHeaders(account.apiKey), ...headers }, ...(payload ? { payload } : {}) });
      await call('/api/v1/merchant/webhooks/secret');
      const endpoint = (await call('/api/v1/merchant/webhooks/endpoints', { url: `${receiver.url}/hook` })).json().data;
      const ping = await call(`/api/v1/merchant/webhooks/endpoints/${endpoint.id}/test`, undefined, { 'x-request-id': 'trace-4711' });
      expect(ping.statusCode).toBe(202);
      expect(ping.headers['x-request-id']).toBe('trace-4711');
      // An event written by background work (no request) carries none.
      await inBackground('test sweep', () => emitPing(t.app.ctx.db, account.accountId, endpoint.id, t.clock.now()));
      await runDeliveryWorker(worker.app.ctx, { random: () => 0.5 });
      const lines = worker.logs.map((line) => JSON.parse(line) as { msg: string; eventId?: string; requestId?: string | null }).filter((line) => line.msg === 'webhook delivery attempted');
      expect(lines).toHaveLength(2);
      expect(lines.find((line) => line.eventId === ping.json().data.event_id)?.requestId).toBe('trace-4711');
      expect(lines.find((line) => line.eventId !== ping.json().data.event_id)?.requestId).toBeNull();
    } finally {
      await receiver.close();
    }
  });
});
