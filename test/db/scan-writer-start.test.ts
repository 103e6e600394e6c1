// A SQLite scan writer whose thread cannot be started (Node refuses a new thread: no memory, a
// thread limit, a missing worker file): the batch that asked for it fails and stays with the
// buffer, and close() still resolves, so a shutdown reports what is lost instead of failing.
// SQLite only: PostgreSQL writes in the process and starts no thread.
import pino from 'pino';
import { afterEach, expect, it, vi } from 'vitest';

const refusal = vi.hoisted(() => ({ on: false }));

vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class RefusingWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      if (refusal.on) throw Object.assign(new Error('Worker initialization failure: 11'), { code: 'ERR_WORKER_INIT_FAILED' });
      super(...args);
    }
  }
  return { ...actual, default: { ...actual, Worker: RefusingWorker }, Worker: RefusingWorker };
});

const { workerWriter } = await import('../../src/modules/scans/scan-writer.ts');
const { createTestDatabase } = await import('../helpers/dialects.ts');
const { testConfig } = await import('../helpers/app.ts');

let destroy: (() => Promise<void>) | undefined;
afterEach(async () => {
  refusal.on = false;
  await destroy?.();
  destroy = undefined;
});

async function writerOnFile() {
  const database = await createTestDatabase('sqlite');
  destroy = () => database.destroy();
  const config = testConfig();
  if (!config.masterKey) throw new Error('testConfig sets a master key');
  return workerWriter({ db: database.handle.db, dialect: 'sqlite', config: { ...config, masterKey: config.masterKey }, log: pino({ level: 'silent' }) });
}

const scan = { campaignId: 'cmp_x', accountId: 'acc_x', occurredAt: 1, userAgent: null, referrer: null, ip: null, country: null };

it('fails the batch and still closes when the thread cannot start', async () => {
  const writer = await writerOnFile();
  refusal.on = true;
  const written = writer.write([scan]);
  // close() while the start is under way: before, it rejected with the start's error.
  await expect(writer.close()).resolves.toBeUndefined();
  await expect(written).rejects.toThrow(/Worker initialization failure/);
  expect(writer.threadId()).toBeNull();
});

it('starts a thread on the next batch once starting works again', async () => {
  const writer = await writerOnFile();
  refusal.on = true;
  await expect(writer.write([scan])).rejects.toThrow(/Worker initialization failure/);
  refusal.on = false;
  // The campaign does not exist, so the flush stores nothing, but a thread took the batch.
  await writer.write([scan]);
  expect(writer.threadId()).toBeGreaterThan(0);
  await writer.close();
  expect(writer.threadId()).toBeNull();
});
