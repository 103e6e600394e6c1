// SQLite's files hold form submissions, sessions and key digests: the directories Tessera creates
// for them are 0700 and the database, -wal and -shm files 0600, like master.key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ensureMasterKey } from '../../src/crypto/master-key.ts';
import { connectDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('private data files (SQLite)', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });
  function tempRoot(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-perm-'));
    roots.push(root);
    return root;
  }

  it('creates the data directories 0700 and tessera.db, -wal and -shm 0600', async () => {
    const root = tempRoot();
    const file = path.join(root, 'data', 'nested', 'tessera.db');
    const handle = connectDatabase({ dialect: 'sqlite', url: file });
    try {
      await migrateToLatest(handle.db);
      for (const dir of [path.join(root, 'data'), path.join(root, 'data', 'nested')]) expect(modeOf(dir), dir).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) {
        expect(fs.existsSync(f), f).toBe(true);
        expect(modeOf(f), f).toBe(0o600);
      }
    } finally {
      await handle.close();
    }
  });

  it('tightens a database file an older version left world-readable', async () => {
    const root = tempRoot();
    fs.chmodSync(root, 0o755);
    const file = path.join(root, 'tessera.db');
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const handle = connectDatabase({ dialect: 'sqlite', url: file });
    try {
      await migrateToLatest(handle.db);
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      // A directory that already existed is the operator's: left as it was.
      expect(modeOf(root)).toBe(0o755);
    } finally {
      await handle.close();
    }
  });

  it('the data directory made for a generated master key is 0700', () => {
    const dir = path.join(tempRoot(), 'fresh');
    ensureMasterKey(loadConfig({ TESSERA_DATA_DIR: dir }), () => {});
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(dir, 'master.key'))).toBe(0o600);
  });
});
