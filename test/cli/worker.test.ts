// `tessera worker` as a real process: it delivers due webhooks, stops cleanly on SIGTERM, and
// when it is SIGKILLed with a request in flight the event is delivered again after restart with
// the same webhook-id. SQLite file shared between the process and the test.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { parseMasterKey } from '../../src/config.ts';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { emitEvent } from '../../src/modules/webhooks/outbox.ts';
import { createEndpoint, destinationPolicy } from '../../src/modules/webhooks/webhook-endpoint.service.ts';
import { createWebhookSecret } from '../../src/modules/webhooks/webhook-secret.service.ts';
import { createTestApp, TEST_MASTER_KEY, testConfig } from '../helpers/app.ts';
import { ManualClock } from '../helpers/clock.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { type Receiver, startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';

const ENV = { TESSERA_MASTER_KEY: TEST_MASTER_KEY, TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' };

describe('tessera worker', () => {
  let database: TestDatabase | undefined;
  let receiver: Receiver | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await receiver?.close();
    await database?.destroy();
    child = receiver = database = undefined;
  });

  async function prepare() {
    database = await createTestDatabase('sqlite');
    receiver = await startReceiver();
    const db = database.handle.db;
    const now = Date.now();
    await db.insertInto('accounts').values({ id: 'acc_cli', slug: 'cli', name: 'cli', created_at: now, updated_at: now }).execute();
    const config = { ...testConfig(ENV), masterKey: parseMasterKey(TEST_MASTER_KEY) };
    const { secret } = await createWebhookSecret({ db, clock: systemClock, config }, 'acc_cli');
    await createEndpoint({ db, clock: systemClock, dialect: 'sqlite' }, destinationPolicy(config), 'acc_cli', { url: `${receiver.url}/hook` });
    const { eventId } = await emitEvent(db, { accountId: 'acc_cli', type: 'payment.succeeded', data: { payment: { id: 'pay_1' } }, occurredAt: now });
    return { secret, eventId };
  }

  function startWorker(env: Record<string, string> = {}): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
    const proc = spawn(process.execPath, ['src/main.ts', 'worker'], { env: { ...process.env, ...ENV, DATABASE_URL: database!.url, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let output = '';
    proc.stdout!.on('data', (chunk) => (output += chunk));
    proc.stderr!.on('data', (chunk) => (output += chunk));
    return { child: proc, exited: new Promise((resolve) => proc.on('exit', (code) => resolve(code))), output: () => output };
  }

  it('delivers due events and exits 0 on SIGTERM', async () => {
    const { secret, eventId } = await prepare();
    const worker = startWorker();
    await receiver!.waitFor(1);
    expect(receiver!.received[0]!.headers['webhook-id']).toBe(eventId);
    expect(verifyAt(secret, receiver!.received[0]!, Date.now())).toMatchObject({ type: 'payment.succeeded' });
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('SIGTERM while a job hangs: exits 1 after TESSERA_SHUTDOWN_TIMEOUT_MS, naming the job (it waited for the job, holding its metrics port)', async () => {
    await prepare();
    receiver!.script = [{ status: 0, hang: true }];
    const worker = startWorker({ LOG_LEVEL: 'warn', TESSERA_SHUTDOWN_TIMEOUT_MS: '500' });
    await receiver!.waitFor(1);
    const signalled = performance.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(1);
    // Well before the delivery's own 15 s timeout would have ended the job.
    expect(performance.now() - signalled).toBeLessThan(10_000);
    const line = worker
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; running?: string[] })
      .find((l) => l.msg.startsWith('worker stop timed out'));
    expect(line).toMatchObject({ msg: 'worker stop timed out (TESSERA_SHUTDOWN_TIMEOUT_MS); exiting', running: ['webhook-delivery'] });
    receiver!.dropConnections();
  });

  it('SIGKILLed mid-delivery: after restart the event arrives again with the same webhook-id', async () => {
    const { secret, eventId } = await prepare();
    receiver!.script = [{ status: 0, hang: true }];
    const worker = startWorker();
    await receiver!.waitFor(1);
    worker.child.kill('SIGKILL');
    await worker.exited;
    receiver!.dropConnections();

    // The restarted worker (here in-process, its clock past the dead worker's 60 s lease).
    const clock = new ManualClock(Date.now() + 61_000);
    const restarted = await createTestApp('sqlite', { database, clock, env: ENV });
    try {
      expect(await runDeliveryWorker(restarted.app.ctx)).toBe(1);
    } finally {
      await restarted.close();
    }
    expect(receiver!.received.map((r) => r.headers['webhook-id'])).toEqual([eventId, eventId]);
    expect(verifyAt(secret, receiver!.received[1]!, clock.now())).toMatchObject({ type: 'payment.succeeded' });
  });
});
