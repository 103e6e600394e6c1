// Where a SQLite connection's main database lives (so another thread can open the same file), and
// whether it can take writes.
import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';

/** The file behind a SQLite connection's main database, or null (in-memory, or not SQLite). */
export async function sqliteFilePath(db: Kysely<any>): Promise<string | null> {
  try {
    const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
    return rows[0]?.file ? rows[0].file : null;
  } catch {
    return null;
  }
}

/** Free space below which the disk holding the database counts as full: SQLite needs room to grow its log. */
export const MIN_FREE_BYTES = 4 * 1024 * 1024;

/**
 * Why this SQLite database cannot take writes right now, or null: the connection may only read,
 * the file has reached its page limit, the file or its directory is not writable, or the disk is
 * (nearly) full. Readiness asks, so a load balancer stops sending writes an instance would refuse
 * with 503s; the reasons read like databaseUnavailableReason's.
 */
export async function sqliteStorageProblem(db: Kysely<any>, minFreeBytes = MIN_FREE_BYTES): Promise<string | null> {
  const { rows } = await sql<{ query_only: number; page_count: number; max_page_count: number }>`
    select (select query_only from pragma_query_only) as query_only, (select page_count from pragma_page_count) as page_count,
      (select max_page_count from pragma_max_page_count) as max_page_count`.execute(db);
  const state = rows[0];
  if (state?.query_only) return 'sqlite: the database file is read-only';
  if (state && state.page_count >= state.max_page_count) return 'sqlite: the disk is full (the database reached its page limit)';
  const file = await sqliteFilePath(db);
  if (!file) return null;
  const dir = path.dirname(file);
  try {
    // The directory too: SQLite creates its -wal and -shm files beside the database.
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    return 'sqlite: the database file is read-only';
  }
  const { bavail, bsize } = fs.statfsSync(dir);
  const free = bavail * bsize;
  if (free < minFreeBytes) return `sqlite: the disk is full (${(free / 1024 / 1024).toFixed(1)} MB free)`;
  return null;
}
