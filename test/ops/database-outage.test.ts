// PostgreSQL goes away under a running instance and comes back (a TCP relay in front of the test
// server is cut and restored, as a restart looks from the client): /readyz says 503 while it is
// gone, API requests fail fast with a 503 problem (Retry-After) instead of 500s or hung sockets,
// cached redirects keep answering and their scans wait in the bounded buffer, and once the
// server is back the pool reconnects, the held scans are written and the API answers, with no
// restart of the instance. SQLite's unavailable states map to the same 503.
import net from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { connectDatabase } from '../../src/db/connect.ts';
import { databaseUnavailableReason } from '../../src/db/dialect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { testConfig } from '../helpers/app.ts';
import { ManualClock } from '../helpers/clock.ts';
import { createTestSchema, TEST_DATABASE_URL } from '../helpers/postgres.ts';

/** A TCP relay to the test PostgreSQL that can be cut (every connection dropped, new ones refused) and restored. */
async function relayToPostgres(): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const target = new URL(TEST_DATABASE_URL);
  const sockets = new Set<net.Socket>();
  const open = (port: number) =>
    new Promise<net.Server>((resolve) => {
      const server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  let server: net.Server | null = await open(0);
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(TEST_DATABASE_URL);
  url.host = `127.0.0.1:${port}`;
  const cut = async () => {
    if (!server) return;
    const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
    server = null;
  };
  return { url: url.toString(), cut, restore: async () => void (server ??= await open(port)), close: cut };
}

it('treats unreachable, restarting, full, read-only and locked databases as unavailable, and other errors not', () => {
  for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR_WRITE', 'SQLITE_BUSY']) {
    expect(databaseUnavailableReason(Object.assign(new Error('x'), { code })), code).not.toBeNull();
  }
  expect(databaseUnavailableReason(new Error('timeout exceeded when trying to connect'))).not.toBeNull();
  for (const code of ['23505', '42P01', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', undefined]) {
    expect(databaseUnavailableReason(Object.assign(new Error('x'), { code })), String(code)).toBeNull();
  }
});

describe.runIf(inject('postgres'))('PostgreSQL restarting under a running instance', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('answers 503 fast while it is gone, holds scans, and recovers without a restart', async () => {
    const schema = await createTestSchema();
    cleanups.push(schema.drop);
    const relay = await relayToPostgres();
    cleanups.push(relay.close);
    const database = connectDatabase({ dialect: 'postgres', url: relay.url, schema: schema.schema });
    await migrateToLatest(database.db);
    const clock = new ManualClock();
    const app = await buildApp(testConfig({ TESSERA_SCAN_BUFFER_MAX: '1000' }), { database, clock, startWorker: false });
    cleanups.push(async () => {
      await app.close();
      await database.close();
    });
    const account = await signUp(app);
    const created = await app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey), payload: { name: 'c', destination: 'https://example.com/' } });
    const code = created.json().short_code as string;
    // The code is in the redirect cache now (the clock does not move, so it stays there).
    expect((await app.inject({ method: 'GET', url: `/${code}` })).statusCode).toBe(302);
    await app.ctx.scans.flush();

    await relay.cut();
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().reason).toMatch(/postgres database unreachable/);
    const started = Date.now();
    const api = await app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey) });
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(api.statusCode).toBe(503);
    expect(api.headers['retry-after']).toBe('5');
    expect(api.json()).toMatchObject({ code: 'not_ready', status: 503 });
    // Redirects keep answering from the cache; their scans wait in memory.
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: `/${code}` })).statusCode).toBe(302);
    await app.ctx.scans.flush();
    expect(app.ctx.scans.pending).toBe(3);

    await relay.restore();
    // The pool reconnects on its own: no restart.
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await app.ctx.scans.flush();
    expect(app.ctx.scans.pending).toBe(0);
    const scans = await database.db.selectFrom('scans').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(scans.n)).toBe(4);
    expect((await app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey) })).statusCode).toBe(200);
  }, 60_000);
});
