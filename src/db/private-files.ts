// Tessera's data is its owner's alone: the directories it creates are 0700 and the SQLite files
// 0600, as master.key already is (they hold form submissions, sessions and key digests).
import fs from 'node:fs';
import path from 'node:path';

/** Mode of directories Tessera creates for its data: the owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of the SQLite files: the owner only (they hold form submissions, sessions, key digests). */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes the database file (and any missing directory above it) readable by its owner only, before
 * SQLite opens it: SQLite creates the -wal and -shm files with the database file's permissions.
 * Files an older version left readable by others are tightened; directories that already exist
 * are the operator's and stay as they are.
 */
export function createPrivately(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const existing of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((fs.statSync(existing).mode & 0o077) !== 0) fs.chmodSync(existing, PRIVATE_FILE_MODE);
    } catch {
      // Absent (no WAL yet), or not ours to change: SQLite reports a file it cannot use.
    }
  }
}
