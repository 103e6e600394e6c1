// backupSqlite against a database another connection writes to all along, as a serving instance
// does (its scan flush writes every second): SQLite restarts a stepwise backup from the first page
// after every such write, so a copy taken in small steps never finished on a large database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupSqlite } from '../../src/db/backup.ts';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

it('finishes a backup while another connection writes between its steps, and the copy is one consistent snapshot', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-backup-unit-'));
  dirs.push(dir);
  const file = path.join(dir, 'tessera.db');
  const live = new SqliteDatabase(file);
  live.pragma('journal_mode = WAL');
  live.exec('create table t (id integer primary key, v blob)');
  const insert = live.prepare('insert into t (v) values (?)');
  // ~5,000 pages: dozens of steps at the old 256 pages a step.
  live.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run(Buffer.alloc(1000, i % 256));
  })();
  let writes = 0;
  let writing = true;
  // One write on every turn of the event loop, which is where the backup yields between steps.
  const write = () => {
    if (!writing) return;
    insert.run(Buffer.alloc(100));
    writes++;
    setImmediate(write);
  };
  write();
  try {
    const report = await backupSqlite(file, path.join(dir, 'copy.db'));
    expect(writes).toBeGreaterThan(1);
    expect(report.pages).toBeGreaterThan(5000);
    const copy = new SqliteDatabase(report.file, { readonly: true });
    const { n } = copy.prepare('select count(*) as n from t').get() as { n: number };
    copy.close();
    // Every row of the initial load, and the writes up to the snapshot: never a torn copy.
    expect(n).toBeGreaterThanOrEqual(20_000);
    expect(n).toBeLessThanOrEqual(20_000 + writes);
  } finally {
    writing = false;
    live.close();
  }
}, 30_000);

describe('a target that cannot be written is refused before the copy starts, naming the path and why', () => {
  function source(): { dir: string; file: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-backup-unit-'));
    dirs.push(dir);
    const file = path.join(dir, 'tessera.db');
    const db = new SqliteDatabase(file);
    db.exec('create table t (id integer primary key)');
    db.close();
    return { dir, file };
  }

  // Running as root, a directory's permission bits do not stop writes: the case that shows the
  // message then is a parent that is a regular file, which stops everyone.
  it.skipIf(process.getuid?.() === 0)('a read-only directory (0500)', async () => {
    const { dir, file } = source();
    const readOnly = path.join(dir, 'read-only');
    fs.mkdirSync(readOnly, { mode: 0o500 });
    try {
      const target = path.join(readOnly, 'copy.db');
      await expect(backupSqlite(file, target)).rejects.toThrow(`cannot write the backup to ${target}: the directory ${readOnly} is not writable by this user`);
      expect(fs.readdirSync(readOnly)).toEqual([]);
    } finally {
      fs.chmodSync(readOnly, 0o700);
    }
  });

  it('a parent that is a regular file, directly or further up', async () => {
    const { dir, file } = source();
    const regular = path.join(dir, 'a-file');
    fs.writeFileSync(regular, '');
    for (const target of [path.join(regular, 'copy.db'), path.join(regular, 'sub', 'copy.db')]) {
      await expect(backupSqlite(file, target)).rejects.toThrow(`cannot write the backup to ${target}: ${regular} is a file, not a directory`);
    }
    expect(fs.readFileSync(regular, 'utf8')).toBe('');
  });

  it('a directory that does not exist (not created), and a PATH that is a directory', async () => {
    const { dir, file } = source();
    const missing = path.join(dir, 'not-mounted');
    await expect(backupSqlite(file, path.join(missing, 'copy.db'))).rejects.toThrow(
      `cannot write the backup to ${path.join(missing, 'copy.db')}: the directory ${missing} does not exist; create it (or mount the backup disk) first`,
    );
    expect(fs.existsSync(missing)).toBe(false);
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    await expect(backupSqlite(file, backups)).rejects.toThrow(
      `cannot write the backup to ${backups}: it is a directory; give the name of a new file in it, such as ${path.join(backups, 'tessera-backup.db')}`,
    );
    expect(fs.readdirSync(backups)).toEqual([]);
  });

  it('an existing file is left as it was', async () => {
    const { dir, file } = source();
    const existing = path.join(dir, 'copy.db');
    fs.writeFileSync(existing, 'precious');
    await expect(backupSqlite(file, existing)).rejects.toThrow(`cannot write the backup to ${existing}: ${existing} already exists; choose a new file name`);
    expect(fs.readFileSync(existing, 'utf8')).toBe('precious');
  });

  it('a copy that fails leaves no file behind', async () => {
    const { dir } = source();
    // A source SQLite cannot open (a directory) and one that is not a database: the first failed
    // after the empty target had been created, and left it.
    const notADatabase = path.join(dir, 'garbage.db');
    fs.writeFileSync(notADatabase, Buffer.alloc(8192, 7));
    for (const bad of [path.join(dir, 'a-directory'), notADatabase]) {
      fs.mkdirSync(path.join(dir, 'a-directory'), { recursive: true });
      const target = path.join(dir, `copy-of-${path.basename(bad)}`);
      await expect(backupSqlite(bad, target)).rejects.toThrow();
      expect(fs.readdirSync(dir).filter((name) => name.startsWith('copy-of-'))).toEqual([]);
    }
  });
});
