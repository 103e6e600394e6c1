// backupSqlite against a database another connection writes to all along, as a serving instance
// does (its scan flush writes every second): SQLite restarts a stepwise backup from the first page
// after every such write, so a copy taken in small steps never finished on a large database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
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
