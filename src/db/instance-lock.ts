// One process per SQLite file (docs/operations.md, Topologies): a second `tessera serve`, or a
// `tessera worker` beside one, would claim the same webhook deliveries (SQLite has no row locks)
// and never hear the other's campaign changes. Each takes this lock before it opens the database
// and refuses to start while another process holds it.
//
// The lock is SQLite's own, on a small database beside the data file (`tessera.db.lock`): a read
// transaction held for the life of the process. The kernel drops it when the process ends, however
// it ends (SIGKILL, out of memory, power loss), and processes in other containers sharing the
// volume see it. A pid file could not tell: a pid says nothing in another container's pid namespace
// or after a reboot, and a dead server's pid is soon another process's. The file records who holds
// the lock, for the refusal's message, and stays when the process stops: removing it could let two
// processes lock two different files of one name. Deleting it while nothing runs is harmless.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { createPrivately, PRIVATE_DIR_MODE } from './private-files.ts';

// Loaded when a lock is taken, as connect.ts loads the drivers: an instance on PostgreSQL never needs it.
const require = createRequire(import.meta.url);
// Held here until released: better-sqlite3 closes a connection the garbage collector finds
// unreachable, and with it the lock, while the process runs on (a test saw a second start let in).
const held = new Set<SqliteDatabase.Database>();

/** Who holds (or last held) the lock of a SQLite file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The command that took it: `serve` or `worker`. */
  command: string;
  startedAt: number;
}

/** A held lock; `release` lets the next process start without a takeover. */
export interface InstanceLock {
  readonly file: string;
  release(): void;
}

/** Another process holds the lock: the start is refused with this message. */
export class InstanceLockedError extends Error {}

/** The lock file of the SQLite database `database`: the same one whoever names it through a symbolic link. */
export function lockFileFor(database: string): string {
  for (const real of [() => fs.realpathSync(database), () => path.join(fs.realpathSync(path.dirname(database)), path.basename(database))]) {
    try {
      return `${real()}.lock`;
    } catch {
      // Not there yet: the database is created after its lock is taken.
    }
  }
  return `${database}.lock`;
}

function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on host ${holder.host}, \`tessera ${holder.command}\` started ${new Date(holder.startedAt).toISOString()}`;
}

function refusal(database: string, holder: LockHolder | null): InstanceLockedError {
  return new InstanceLockedError(
    `another Tessera process (${holder ? describeHolder(holder) : 'pid unknown'}) is using the SQLite file ${database}: SQLite takes one process per file, ` +
      'and `tessera serve` runs the background jobs itself. Stop that process first, or move to PostgreSQL to run several (docs/operations.md)',
  );
}

// Null while none was recorded, or while another process is between taking and holding the lock.
function readHolder(lock: SqliteDatabase.Database): (LockHolder & { token: string }) | null {
  try {
    const row = lock.prepare('select token, pid, host, command, started_at as startedAt from holder where id = 1').get();
    return (row as (LockHolder & { token: string }) | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock of the SQLite file `database` for this process, or throws InstanceLockedError
 * naming the process that holds it. A holder recorded but gone (it ended without releasing) is
 * taken over, and `warn` says so.
 */
export function lockSqliteDatabase(database: string, me: { command: string; now: number }, warn: (message: string) => void): InstanceLock {
  fs.mkdirSync(path.dirname(database), { recursive: true, mode: PRIVATE_DIR_MODE });
  const file = lockFileFor(database);
  // Only when missing: closing a descriptor of the file would drop a lock this process holds on it.
  if (!fs.existsSync(file)) createPrivately(file);
  const Sqlite = require('better-sqlite3') as typeof SqliteDatabase;
  const lock = new Sqlite(file, { timeout: 0 });
  try {
    let granted = true;
    try {
      // Granted at once, or never: only while no process holds its read transaction open.
      lock.exec('begin exclusive');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
      granted = false;
    }
    // A process taking its turn holds the file for a moment: the reads below wait that out.
    lock.pragma('busy_timeout = 2000');
    if (!granted) throw refusal(database, readHolder(lock));
    lock.exec(
      'create table if not exists holder (id integer primary key check (id = 1), token text not null, pid integer not null, host text not null, command text not null, started_at integer not null)',
    );
    const previous = readHolder(lock);
    const token = randomUUID();
    lock.prepare('insert or replace into holder (id, token, pid, host, command, started_at) values (1, ?, ?, ?, ?, ?)').run(token, process.pid, os.hostname(), me.command, me.now);
    lock.exec('commit');
    // Held from here on. Between the commit and this read another process may have taken its turn:
    // the row then names it, and it is the one that runs.
    lock.exec('begin');
    const holder = readHolder(lock);
    if (holder?.token !== token) throw refusal(database, holder);
    if (previous) warn(`took over the lock ${file} from ${describeHolder(previous)}, which ended without stopping cleanly`);
    held.add(lock);
    return { file, release: () => release(lock, token) };
  } catch (error) {
    lock.close();
    throw error;
  }
}

// The record goes, so the next start does not report a takeover (a process starting at that very
// moment holds the file for a few milliseconds: the busy timeout waits for it).
function release(lock: SqliteDatabase.Database, token: string): void {
  if (!held.delete(lock)) return;
  try {
    lock.exec('rollback');
    lock.prepare('delete from holder where token = ?').run(token);
  } catch {
    // Left recorded: the next start reports a takeover, and starts all the same.
  } finally {
    lock.close();
  }
}
