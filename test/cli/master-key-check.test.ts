// A database remembers the master key it was first used with (migration 0021): a start with
// another one is refused, naming TESSERA_MASTER_KEY, where it used to come up ready and answer 500
// to every read of what the first key encrypted, spending an item's view on each (operator audit).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openRuntime } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import { masterKeyNotWithDatabase } from '../../src/crypto/master-key.ts';
import { TEST_MASTER_KEY } from '../helpers/app.ts';

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-key-check-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const quiet = () => ({ info: () => {}, warn: () => {} });
const open = async (env: Record<string, string>) => {
  const runtime = await openRuntime(quiet, { TESSERA_DATA_DIR: dir, ...env });
  await runtime.database.close();
  return runtime.config;
};

it('refuses a master key other than the one the database was first used with, naming the variable', async () => {
  await open({ TESSERA_MASTER_KEY: TEST_MASTER_KEY });
  const other = '1f'.repeat(32);
  await expect(open({ TESSERA_MASTER_KEY: other })).rejects.toMatchObject({
    name: 'ConfigError',
    variable: 'TESSERA_MASTER_KEY',
    message: expect.stringMatching(/^TESSERA_MASTER_KEY: is not the master key this database was first used with.*every instance on one database needs the same key$/),
  });
  // The key it was first used with still opens it; so does a command that needs no key.
  expect((await open({ TESSERA_MASTER_KEY: TEST_MASTER_KEY })).masterKey?.toString('hex')).toBe(TEST_MASTER_KEY);
  await (await openRuntime(quiet, { TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: other }, { masterKey: false })).database.close();
});

it('a development data directory moved to production with a new TESSERA_MASTER_KEY is refused, naming the generated key file', async () => {
  const generated = await open({});
  expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(true);
  await expect(open({ TESSERA_MASTER_KEY: TEST_MASTER_KEY })).rejects.toThrow(`a development start without it generated it into ${path.join(dir, 'master.key')}`);
  expect((await open({ TESSERA_MASTER_KEY: generated.masterKey!.toString('hex') })).masterKey).toEqual(generated.masterKey);
});

it('a restored database with no key set and no key file is refused before a wrong key is written, saying where the key goes', async () => {
  await open({});
  const restored = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-key-restore-'));
  try {
    fs.copyFileSync(path.join(dir, 'tessera.db'), path.join(restored, 'tessera.db'));
    const attempt = openRuntime(quiet, { TESSERA_DATA_DIR: restored });
    await expect(attempt).rejects.toMatchObject({ name: 'ConfigError', variable: 'TESSERA_MASTER_KEY' });
    await expect(attempt).rejects.toThrow(`Copy the master.key of the data directory the database came from to ${path.join(restored, 'master.key')} (mode 0600), or set TESSERA_MASTER_KEY to it.`);
    expect(fs.existsSync(path.join(restored, 'master.key'))).toBe(false);
    // With the key beside it the restore opens; a fresh directory still gets a key generated.
    fs.copyFileSync(path.join(dir, 'master.key'), path.join(restored, 'master.key'));
    const runtime = await openRuntime(quiet, { TESSERA_DATA_DIR: restored });
    await runtime.database.close();
    expect(runtime.config.masterKey).toEqual(Buffer.from(fs.readFileSync(path.join(dir, 'master.key'), 'utf8').trim(), 'hex'));
  } finally {
    fs.rmSync(restored, { recursive: true, force: true });
  }
});

it('a restored copy from before the database recorded its key (migration 0021) is refused too when it holds accounts', async () => {
  await open({});
  const copy = new SqliteDatabase(path.join(dir, 'tessera.db'));
  copy.prepare('delete from master_key_checks').run();
  copy.prepare('insert into accounts (id, slug, name, created_at, updated_at) values (?, ?, ?, ?, ?)').run('acc_old', 'old', 'Old', 1, 1);
  copy.close();
  fs.rmSync(path.join(dir, 'master.key'));
  await expect(openRuntime(quiet, { TESSERA_DATA_DIR: dir })).rejects.toThrow('but this database was used with a master key before');
  expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
});

it('the refusal speaks of the other instances on PostgreSQL, not of a moved database file', () => {
  const postgres = masterKeyNotWithDatabase(loadConfig({ DATABASE_URL: 'postgres://tessera@db.internal:5432/tessera', TESSERA_DATA_DIR: dir })).message;
  expect(postgres).toContain('this PostgreSQL database was used with a master key before');
  expect(postgres).toContain("Set TESSERA_MASTER_KEY to the key the database's other instances use");
  expect(postgres).not.toContain('moved database file');
  const sqlite = masterKeyNotWithDatabase(loadConfig({ TESSERA_DATA_DIR: dir })).message;
  expect(sqlite).toContain('a restored backup or a moved database file');
});
