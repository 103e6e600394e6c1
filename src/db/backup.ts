// Online backup of the SQLite database: SQLite's backup API copies the pages of one snapshot
// from a live connection, so the copy is consistent while `tessera serve` keeps reading and
// writing (WAL included). A
// file copy (`cp tessera.db`) is not: it can catch a half-checkpointed WAL.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createPrivately } from './private-files.ts';

/** What a finished backup holds. */
export interface BackupReport {
  file: string;
  bytes: number;
  pages: number;
  /** Migrations recorded in the copy: the schema version a restore brings back. */
  migrations: number;
}

/** Copies the SQLite database at `source` into a new file `target` (never overwritten) and checks the copy. */
export async function backupSqlite(source: string, target: string): Promise<BackupReport> {
  if (!fs.existsSync(source)) throw new Error(`no SQLite database at ${source}`);
  if (fs.existsSync(target)) throw new Error(`${target} already exists; choose a new file name (a backup never overwrites)`);
  // Never created: a backup disk that is not mounted must not turn into a directory on the disk
  // it was meant to protect against, filled with copies nobody will find.
  const dir = path.dirname(path.resolve(target));
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${dir} is not an existing directory; create it (or mount the backup disk) first`);
  // The copy holds the same data as the original: the owner alone may read it.
  createPrivately(target);
  const live = new SqliteDatabase(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    // Everything in one step. SQLite restarts a backup from the first page whenever another
    // connection writes between steps, and a serving instance writes every second (the scan
    // flush): in 256-page steps a 1 GB database never finished. One step copies one snapshot
    // (WAL: writers carry on; the log only cannot be checkpointed past it until the copy ends).
    const { totalPages } = await live.backup(target, { progress: ({ totalPages }) => Math.max(totalPages, 1) });
    // Read-write, though it only reads: the copy is in WAL mode like its source, and only a
    // connection that may write removes the -wal and -shm files it opens when it closes.
    const copy = new SqliteDatabase(target, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the backup failed its integrity check: ${String(check)}`);
      const migrations = (copy.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'").get() as { n: number }).n
        ? (copy.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n
        : 0;
      return { file: target, bytes: fs.statSync(target).size, pages: totalPages, migrations };
    } finally {
      copy.close();
    }
  } catch (error) {
    for (const file of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(file, { force: true });
    throw error;
  } finally {
    live.close();
  }
}
