// PostgreSQL goes away under a running instance and comes back (a TCP relay in front of the test
// server is cut and restored, as a restart looks from the client; the shared server itself is
// never restarted): /readyz says 503 while it is gone, API requests under load fail fast with a
// 503 problem (Retry-After) instead of 500s or hung sockets, codes the instance served in the last
// 15 minutes keep redirecting (past the cache's 1 s TTL) and their scans wait in the bounded
// buffer, a person's browser gets a page rather than JSON for the rest, and once the server is back the pool reconnects, the
// held scans are written and the API answers, with no restart of the instance. The campaign
// change listener (LISTEN/NOTIFY) reconnects too and drops the redirect cache, since changes made
// meanwhile were not heard. SQLite's unavailable states map to the same 503.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { connectDatabase } from '../../src/db/connect.ts';
import { databaseUnavailableReason } from '../../src/db/dialect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { PING_TIMEOUT_MS } from '../../src/db/ping.ts';
import { REDIRECT_CACHE_TTL_MS, REDIRECT_SLOW_LOAD_MS } from '../../src/modules/redirects/redirect.routes.ts';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { testConfig } from '../helpers/app.ts';
import { ManualClock } from '../helpers/clock.ts';
import { relayToPostgres } from '../helpers/pg-relay.ts';
import { createTestSchema, TEST_DATABASE_URL } from '../helpers/postgres.ts';

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

  /** A fresh schema, migrated, reached through a relay the test can cut or stall. */
  async function behindRelay() {
    const schema = await createTestSchema();
    cleanups.push(schema.drop);
    const relay = await relayToPostgres();
    cleanups.push(relay.close);
    const database = connectDatabase({ dialect: 'postgres', url: relay.url, schema: schema.schema });
    await migrateToLatest(database.db);
    return { schema, relay, database };
  }

  it('answers 503 fast while it is gone, holds scans, and recovers without a restart', async () => {
    const { schema, relay, database } = await behindRelay();
    const clock = new ManualClock();
    const app = await buildApp(testConfig({ TESSERA_SCAN_BUFFER_MAX: '1000' }), { database, clock, startWorker: false });
    // A second instance reaching PostgreSQL directly: it keeps working through the outage.
    const direct = connectDatabase({ dialect: 'postgres', url: TEST_DATABASE_URL, schema: schema.schema });
    const other = await buildApp(testConfig(), { database: direct, clock, startWorker: false });
    cleanups.push(async () => {
      await other.close();
      await direct.close();
      await app.close();
      await database.close();
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const account = await signUp(app);
    const created = await app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey), payload: { name: 'c', destination: 'https://example.com/' } });
    const { id, short_code: code } = created.json() as { id: string; short_code: string };
    // A code this instance never served: nothing of it is cached here.
    const unseen = (await other.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey), payload: { name: 'u', destination: 'https://example.com/u' } })).json()
      .short_code as string;
    const listening = () => app.ctx.campaignChanges!.stats()?.connected === true;
    const scanState = async () => ({
      pending: app.ctx.scans.pending,
      dropped: app.ctx.scans.dropped,
      written: Number(/^tessera_scan_flush_batch_size_sum (\d+)$/m.exec((await app.metrics.exposition()).body)?.[1]),
    });
    await until('the change listener to connect', listening, 10_000);
    // The code is in the redirect cache now.
    expect((await app.inject({ method: 'GET', url: `/${code}` })).statusCode).toBe(302);
    await app.ctx.scans.flush();

    await relay.cut();
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().reason).toMatch(/postgres database unreachable/);
    await until('the listener to notice', () => !listening(), 10_000);
    // Long past the cache's TTL: the copy has expired, and a reload fails. A code served in the last
    // REDIRECT_STALE_MAX_MS keeps leading where it led; one never served here is a 503, with a
    // page for a person's browser.
    clock.advance(REDIRECT_CACHE_TTL_MS * 30);
    const unknownNow = await app.inject({ method: 'GET', url: `/${unseen}`, headers: { accept: 'text/html' } });
    expect(unknownNow.statusCode).toBe(503);
    expect(unknownNow.headers['retry-after']).toBe('5');
    expect(unknownNow.body).toContain('This page can’t be opened right now');
    expect((await app.inject({ method: 'GET', url: `/${unseen}` })).json()).toMatchObject({ code: 'not_ready', status: 503 });
    expect((await app.metrics.exposition()).body).toMatch(/^tessera_campaign_change_listener_connected\{channel="tessera_campaign_changed"\} 0$/m);
    // Under load, over real sockets: every API request is a 503 problem, answered fast; every
    // redirect is answered from the cache and its scan waits in memory.
    const timed = async (path: string, headers: Record<string, string> = {}) => {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      const body = await response.text();
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body, ms: performance.now() - started };
    };
    const apiCalls = Array.from({ length: 30 }, () => timed('/api/v1/campaigns', authHeaders(account.apiKey)));
    const redirects = Array.from({ length: 30 }, () => timed(`/${code}`));
    // One request after another's wait on the same failed reload, and after another TTL.
    const later = async () => {
      await Promise.all(redirects);
      clock.advance(REDIRECT_CACHE_TTL_MS);
      return timed(`/${code}`);
    };
    const api = await Promise.all(apiCalls);
    expect(api.map((a) => a.status)).toEqual(Array(30).fill(503));
    for (const answer of api) {
      expect(answer.retryAfter).toBe('5');
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'not_ready', status: 503 });
    }
    const slowest = Math.max(...api.map((a) => a.ms));
    console.log(`database-outage: 30 concurrent API requests while PostgreSQL is cut: all 503, slowest ${slowest.toFixed(0)} ms`);
    expect(slowest).toBeLessThan(6_000);
    expect((await Promise.all(redirects)).map((r) => r.status)).toEqual(Array(30).fill(302));
    expect((await later()).status).toBe(302);
    await app.ctx.scans.flush();
    // Held, none dropped, none written (the one before the cut aside): a failure says which broke.
    expect(await scanState()).toEqual({ pending: 31, dropped: 0, written: 1 });
    // Meanwhile the other instance changes the destination; this one cannot hear it.
    const moved = await other.inject({ method: 'PUT', url: `/api/v1/campaigns/${id}`, headers: authHeaders(account.apiKey), payload: { destination: 'https://example.org/moved' } });
    expect(moved.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/${code}` })).headers.location).toBe('https://example.com/');

    await relay.restore();
    // The pool reconnects on its own: no restart.
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await app.ctx.scans.flush();
    expect(await scanState()).toEqual({ pending: 0, dropped: 0, written: 33 });
    const scans = await database.db
      .selectFrom('scans')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(scans.n)).toBe(33);
    expect((await app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey) })).statusCode).toBe(200);
    // So does the listener, and having missed what changed it drops the cache: the clock has not
    // moved, yet the moved destination shows.
    await until('the listener to reconnect', listening, 15_000);
    expect((await app.inject({ method: 'GET', url: `/${code}` })).headers.location).toBe('https://example.org/moved');
    expect((await app.metrics.exposition()).body).toMatch(/^tessera_campaign_change_listener_connected\{channel="tessera_campaign_changed"\} 1$/m);
  }, 60_000);

  it('says 503 on /readyz within its timeout when PostgreSQL stops answering without closing the connection', async () => {
    const { relay, database } = await behindRelay();
    const clock = new ManualClock();
    const app = await buildApp(testConfig(), { database, clock, startWorker: false });
    cleanups.push(async () => {
      await app.close();
      await database.close();
    });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const account = await signUp(app);
    const created = await app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey), payload: { name: 'c', destination: 'https://example.com/' } });
    const code = created.json().short_code as string;
    expect((await app.inject({ method: 'GET', url: `/${code}` })).statusCode).toBe(302);
    // A hung host or a dropped route: no socket error, no reply. The probe must not hang with it
    // (a load balancer would see its own timeout, not "not ready").
    relay.stall();
    // The cached copy has expired and its reload hangs: the copy answers after REDIRECT_SLOW_LOAD_MS.
    clock.advance(REDIRECT_CACHE_TTL_MS * 2);
    const started = performance.now();
    const redirect = await app.inject({ method: 'GET', url: `/${code}` });
    const waited = performance.now() - started;
    expect(redirect.statusCode).toBe(302);
    expect(waited).toBeGreaterThanOrEqual(REDIRECT_SLOW_LOAD_MS - 5);
    expect(waited).toBeLessThan(PING_TIMEOUT_MS);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().reason).toBe(`postgres database unreachable: no answer within ${PING_TIMEOUT_MS / 1000} s`);
    relay.resume();
    // The stalled connection's reply was lost, so that client is stuck; the pool's others answer.
    await until('readiness to return', async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode === 200, 20_000);
    // The stuck client waits until its connection fails (here: the relay closes it, as TCP
    // eventually would); only then can the pool close.
    await relay.cut();
  }, 60_000);
});

/** Polls `probe` until it holds (real time: real sockets), failing after `timeoutMs`. */
async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
