// Webhook delivery throughput: N events drained by one worker (claim → sign → POST → record,
// batches of 10 in parallel) against the bare baseline of the same N POSTs, 10 at a time, to the
// same local receiver with no database. Prints deliveries/s and the ratio, per dialect.
//   node bench/webhook-delivery.ts [N]      (PostgreSQL pass when 127.0.0.1:5432 answers)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import type { Dialect } from '../src/config.ts';
import { runDeliveryWorker } from '../src/modules/webhooks/delivery.worker.ts';
import { emitEvent } from '../src/modules/webhooks/outbox.ts';
import { createEndpoint, destinationPolicy } from '../src/modules/webhooks/webhook-endpoint.service.ts';
import { createWebhookSecret } from '../src/modules/webhooks/webhook-secret.service.ts';
import { testConfig } from '../test/helpers/app.ts';
import { createTestDatabase } from '../test/helpers/dialects.ts';
import { postgresReachable } from '../test/helpers/postgres.ts';

const N = Number(process.argv[2] ?? 500);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok'));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

async function baseline(): Promise<number> {
  const body = JSON.stringify({ type: 'campaign.updated', timestamp: new Date().toISOString(), data: { i: 0 } });
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      request.on('error', reject);
      request.end(body);
    });
  const start = performance.now();
  for (let i = 0; i < N; i += 10) await Promise.all(Array.from({ length: Math.min(10, N - i) }, post));
  return performance.now() - start;
}

async function worker(dialect: Dialect): Promise<number> {
  const database = await createTestDatabase(dialect);
  const config = testConfig({ TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  const app = await buildApp(config, { database: database.handle, startWorker: false });
  try {
    const { db, clock } = app.ctx;
    const now = clock.now();
    await db.insertInto('accounts').values({ id: 'acc_bench', slug: 'bench', name: 'bench', created_at: now, updated_at: now }).execute();
    await createWebhookSecret(app.ctx, 'acc_bench');
    await createEndpoint(app.ctx, destinationPolicy(config), 'acc_bench', { url });
    for (let i = 0; i < N; i++) await emitEvent(db, { accountId: 'acc_bench', type: 'campaign.updated', data: { i }, occurredAt: now });
    const start = performance.now();
    let sent = 0;
    while (sent < N) sent += await runDeliveryWorker(app.ctx);
    return performance.now() - start;
  } finally {
    await app.close();
    await database.destroy();
  }
}

const base = await baseline();
console.log(`baseline: ${N} bare POSTs in ${base.toFixed(0)} ms (${((N / base) * 1000).toFixed(0)}/s)`);
for (const dialect of ['sqlite', ...((await postgresReachable()) ? ['postgres'] : [])] as Dialect[]) {
  const ms = await worker(dialect);
  console.log(`${dialect}: ${N} deliveries in ${ms.toFixed(0)} ms (${((N / ms) * 1000).toFixed(0)}/s), ${(ms / base).toFixed(2)}× the bare POST time`);
}
server.close();
