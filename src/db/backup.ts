// Online backup of the SQLite database: SQLite's backup API copies the pages of one snapshot
// from a live connection, so the copy is consistent while `tessera serve` keeps reading and
// writing (WAL included). A
// file copy (`cp tessera.db`) is not: it can catch a half-checkpointed WAL.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { PRIVATE_FILE_MODE } from './private-files.ts';

/** What a finished backup holds. */
export interface BackupReport {
  file: string;
  bytes: number;
  pages: number;
  /** Migrations recorded in the copy: the schema version a restore brings back. */
  migrations: number;
}

/** The first ancestor of `file` that exists but is not a directory, if any (ENOTDIR names none). */
function fileInTheWay(file: string): string | null {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const stat = fs.statSync(dir, { throwIfNoEntry: false });
    if (stat) return stat.isDirectory() ? null : dir;
  }
  return null;
}

const exists = (target: string) => `${target} already exists; choose a new file name (a backup never overwrites)`;

// What an errno from checking or creating the target means, with the path it is about.
function explain(target: string, error: NodeJS.ErrnoException): string {
  const dir = path.dirname(target);
  switch (error.code) {
    case 'EEXIST':
      return exists(target);
    case 'ENOENT':
      return `the directory ${dir} does not exist; create it (or mount the backup disk) first`;
    case 'ENOTDIR':
      return `${fileInTheWay(target) ?? dir} is a file, not a directory`;
    case 'EACCES':
    case 'EPERM':
      return `the directory ${dir} is not writable by this user (uid ${process.getuid?.() ?? '?'})`;
    case 'EROFS':
      return `the directory ${dir} is on a read-only file system`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk holding ${dir} is full`;
    default:
      return error.message;
  }
}

/**
 * Why a backup cannot be written to `target`, or null. Asked before the copy starts, so the
 * answer names the path and what is wrong with it instead of SQLite's "unable to open database file".
 */
export function backupTargetProblem(target: string): string | null {
  try {
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    if (stat?.isDirectory()) return `it is a directory; give the name of a new file in it, such as ${path.join(target, 'tessera-backup.db')}`;
    if (stat) return exists(target);
    // Never created: a backup disk that is not mounted must not turn into a directory on the disk
    // it was meant to protect against, filled with copies nobody will find.
    const dir = fs.statSync(path.dirname(target));
    if (!dir.isDirectory()) return `${path.dirname(target)} is a file, not a directory`;
    fs.accessSync(path.dirname(target), fs.constants.W_OK | fs.constants.X_OK);
    return null;
  } catch (error) {
    return explain(target, error as NodeJS.ErrnoException);
  }
}

// A disk that fills up during the copy is the one failure left once the target was checked.
function explainSqlite(target: string, error: Error & { code?: unknown }): Error {
  if (error.code !== 'SQLITE_FULL') return error;
  return new Error(`cannot write the backup to ${target}: the disk holding ${path.dirname(target)} is full`, { cause: error });
}

/** Copies the SQLite database at `source` into a new file `target` (never overwritten) and checks the copy. */
export async function backupSqlite(source: string, target: string): Promise<BackupReport> {
  if (!fs.existsSync(source)) throw new Error(`no SQLite database at ${source}`);
  const problem = backupTargetProblem(target);
  if (problem) throw new Error(`cannot write the backup to ${target}: ${problem}`);
  const live = new SqliteDatabase(source, { fileMustExist: true });
  let created = false;
  try {
    // Created here, exclusively: a file that appeared since the check is not overwritten. The copy
    // holds the same data as the original: the owner alone may read it.
    try {
      fs.closeSync(fs.openSync(target, 'wx', PRIVATE_FILE_MODE));
    } catch (error) {
      throw new Error(`cannot write the backup to ${target}: ${explain(target, error as NodeJS.ErrnoException)}`, { cause: error });
    }
    created = true;
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
    // Only what this call created: a file that was there first is not ours to remove. A partial
    // copy looks like a backup to whoever finds it later.
    if (created) for (const file of [target, `${target}-wal`, `${target}-shm`, `${target}-journal`]) fs.rmSync(file, { force: true });
    throw explainSqlite(target, error as Error & { code?: unknown });
  } finally {
    live.close();
  }
}
