// SQLite on a full or read-only disk, as SQLite itself reports them: a page limit the file has
// reached (SQLITE_FULL, what a full disk returns) and a connection that may not write
// (SQLITE_READONLY). Writes answer 503 problems with Retry-After and a log line naming the reason,
// never a 500; nothing is half-written (integrity check); writes succeed again once space returns.
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { sqliteStorageProblem } from '../../src/db/sqlite-file.ts';

let t: TestApp | undefined;
afterEach(async () => t?.close());

const logged = (app: TestApp) => app.logs.map((line) => JSON.parse(line) as { msg: string; reason?: string });

it('a full disk answers 503 with a clear log line, corrupts nothing, and recovers when space returns', async () => {
  t = await createTestApp('sqlite', { captureLogs: true });
  const account = await signUp(t.app);
  const db = t.database.handle.db;
  const create = (i: number) =>
    t!.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey), payload: { name: `campaign ${i}`, destination: `https://example.com/${'p'.repeat(1500)}` } });
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
  await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(db);
  const statuses: number[] = [];
  for (let i = 0; i < 100 && !statuses.includes(503); i++) statuses.push((await create(i)).statusCode);
  expect(statuses).not.toContain(500);
  expect(statuses.at(-1)).toBe(503);
  const refused = await create(1000);
  expect(refused.statusCode).toBe(503);
  expect(refused.headers['retry-after']).toBe('5');
  expect(refused.json()).toMatchObject({ code: 'not_ready' });
  expect(logged(t).some((line) => line.msg === 'request failed: database unavailable' && line.reason === 'sqlite: the disk is full')).toBe(true);
  // Readiness says so too: reads still work, so only asking about space tells.
  const full = await t.app.inject({ method: 'GET', url: '/readyz' });
  expect(full.statusCode).toBe(503);
  expect(full.json().reason).toBe('sqlite: the disk is full (the database reached its page limit); writes are refused');

  await sql.raw('pragma max_page_count = 1073741823').execute(db);
  expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  expect((await create(2000)).statusCode).toBe(201);
  const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  expect(check.rows[0]!.integrity_check).toBe('ok');
  // Every campaign answered 201 is stored whole; the refused ones left nothing behind.
  const listed = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns?limit=100', headers: authHeaders(account.apiKey) });
  expect(listed.json().data).toHaveLength(statuses.filter((s) => s === 201).length + 1);
});

it('a read-only database answers 503 naming it, and writes work again once it is writable', async () => {
  t = await createTestApp('sqlite', { captureLogs: true });
  const account = await signUp(t.app);
  const db = t.database.handle.db;
  await sql`pragma query_only = on`.execute(db);
  const refused = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey), payload: { name: 'c', destination: 'https://example.com/' } });
  expect(refused.statusCode).toBe(503);
  expect(logged(t).some((line) => line.reason === 'sqlite: the database file is read-only')).toBe(true);
  const readOnly = await t.app.inject({ method: 'GET', url: '/readyz' });
  expect(readOnly.statusCode).toBe(503);
  expect(readOnly.json().reason).toBe('sqlite: the database file is read-only; writes are refused');
  await sql`pragma query_only = off`.execute(db);
  expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey), payload: { name: 'c', destination: 'https://example.com/' } })).statusCode).toBe(201);
});

it('readiness counts a disk with less free space than SQLite needs to grow as full, naming what is left', async () => {
  t = await createTestApp('sqlite');
  const db = t.database.handle.db;
  // No test may fill the real disk: the threshold is raised past what any disk has free instead.
  expect(await sqliteStorageProblem(db, Number.MAX_SAFE_INTEGER)).toMatch(/^sqlite: the disk is full \([\d.]+ MB free\)$/);
  expect(await sqliteStorageProblem(db)).toBeNull();
});
