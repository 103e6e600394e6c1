// src/db/notify.ts on both dialects: a notification sent inside a transaction is heard only when
// it commits; the listener skips its own pool's notifications, reports a lost connection, and
// listens again (reporting that it resumed) once the server is back. On SQLite sending is a no-op.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { notifyOnCommit } from '../../src/db/notify.ts';
import { relayToPostgres } from '../helpers/pg-relay.ts';
import { createTestSchema, TEST_DATABASE_URL } from '../helpers/postgres.ts';

const CHANNEL = `tessera_test_${process.pid}`;

/** Polls `probe` until it holds (a real connection: real time), failing after `timeoutMs`. */
async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('sends nothing on SQLite (one process per file: nobody else to tell)', async () => {
  const sqlite = connectDatabase({ dialect: 'sqlite', url: ':memory:' });
  try {
    expect(sqlite.listen).toBeUndefined();
    await sqlite.db.transaction().execute((trx) => notifyOnCommit(trx, 'sqlite', CHANNEL, 'abc'));
  } finally {
    await sqlite.close();
  }
});

describe.runIf(inject('postgres'))('PostgreSQL LISTEN/NOTIFY', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    cleanups.length = 0;
  });

  async function open(url = TEST_DATABASE_URL): Promise<DatabaseHandle> {
    const schema = await createTestSchema();
    const handle = connectDatabase({ dialect: 'postgres', url, schema: schema.schema });
    cleanups.push(schema.drop, () => handle.close());
    return handle;
  }

  it('delivers on commit only, to other instances, and resumes after the connection is cut', async () => {
    const relay = await relayToPostgres();
    cleanups.push(relay.close);
    const listening = await open(relay.url);
    const sender = await open();
    const heard: string[] = [];
    const events: string[] = [];
    const listener = listening.listen!(CHANNEL, {
      notified: (key) => heard.push(key),
      listening: (resumed) => events.push(resumed ? 'resumed' : 'listening'),
      lost: () => events.push('lost'),
    });
    cleanups.push(() => listener.close());
    await until('listening', () => listener.connected);

    await sender.db
      .transaction()
      .execute(async (trx) => {
        await notifyOnCommit(trx, 'postgres', CHANNEL, 'rolled-back');
        throw new Error('roll back');
      })
      .catch(() => {});
    await sender.db.transaction().execute((trx) => notifyOnCommit(trx, 'postgres', CHANNEL, 'committed'));
    // The listener's own pool sends too: that change is applied already, so it is not heard.
    await listening.db.transaction().execute((trx) => notifyOnCommit(trx, 'postgres', CHANNEL, 'own'));
    await sender.db.transaction().execute((trx) => notifyOnCommit(trx, 'postgres', CHANNEL, 'last'));
    await until('the last notification', () => heard.includes('last'));
    expect(heard).toEqual(['committed', 'last']);

    await relay.cut();
    await until('the loss noticed', () => !listener.connected && events.includes('lost'));
    // Sent while the listener is away: lost for good, hence "resumed" (drop what you cached).
    await sender.db.transaction().execute((trx) => notifyOnCommit(trx, 'postgres', CHANNEL, 'missed'));
    await relay.restore();
    await until('listening again', () => listener.connected, 15_000);
    expect(events).toEqual(['listening', 'lost', 'resumed']);
    await sender.db.transaction().execute((trx) => notifyOnCommit(trx, 'postgres', CHANNEL, 'after'));
    await until('a notification after the reconnection', () => heard.includes('after'));
    expect(heard).toEqual(['committed', 'last', 'after']);

    await listener.close();
    expect(listener.connected).toBe(false);
  }, 30_000);
});
