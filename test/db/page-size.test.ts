// A new SQLite database is created with 16 KiB pages (SQLITE_PAGE_SIZE: the scan writer's WAL
// writes cost less CPU a scan); a database created before keeps its page size and works as it did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase, SQLITE_PAGE_SIZE, SQLITE_WAL_LIMIT_BYTES } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

// The page size as the file itself records it: bytes 16–17 of the header, big-endian.
const headerPageSize = (file: string) => {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header.readUInt16BE(16);
};

describe('SQLite page size', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });
  const tempFile = () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-page-'));
    roots.push(root);
    return path.join(root, 'tessera.db');
  };

  it('creates a new database with 16 KiB pages, in WAL mode', async () => {
    const file = tempFile();
    const handle = connectDatabase({ dialect: 'sqlite', url: file });
    try {
      await migrateToLatest(handle.db);
      const pageSize = await sql<{ page_size: number }>`pragma page_size`.execute(handle.db);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
      expect(pageSize.rows[0]!.page_size).toBe(SQLITE_PAGE_SIZE);
      expect(mode.rows[0]!.journal_mode).toBe('wal');
      await sql`pragma wal_checkpoint(truncate)`.execute(handle.db);
    } finally {
      await handle.close();
    }
    expect(SQLITE_PAGE_SIZE).toBe(16_384);
    expect(headerPageSize(file)).toBe(16_384);
  });

  it('leaves a database created with 4 KiB pages at 4 KiB, readable and writable', async () => {
    const file = tempFile();
    const older = new SqliteDatabase(file);
    older.pragma('journal_mode = WAL');
    older.exec('create table kept (id integer primary key, note text)');
    older.prepare('insert into kept (note) values (?)').run('before');
    older.close();
    expect(headerPageSize(file)).toBe(4096);

    const handle = connectDatabase({ dialect: 'sqlite', url: file });
    try {
      await migrateToLatest(handle.db);
      await sql`insert into kept (note) values ('after')`.execute(handle.db);
      const notes = await sql<{ note: string }>`select note from kept order by id`.execute(handle.db);
      expect(notes.rows.map((row) => row.note)).toEqual(['before', 'after']);
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db);
      expect(check.rows[0]!.integrity_check).toBe('ok');
      const pageSize = await sql<{ page_size: number }>`pragma page_size`.execute(handle.db);
      expect(pageSize.rows[0]!.page_size).toBe(4096);
    } finally {
      await handle.close();
    }
    expect(headerPageSize(file)).toBe(4096);
  });
});

describe('SQLite write-ahead log', () => {
  it('is cut back to SQLITE_WAL_LIMIT_BYTES once a burst a reader held back is checkpointed (it kept its largest size for good)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-wal-'));
    const file = path.join(root, 'tessera.db');
    const handle = connectDatabase({ dialect: 'sqlite', url: file });
    const reader = new SqliteDatabase(file);
    try {
      await sql`create table burst (id integer primary key, body blob)`.execute(handle.db);
      // A read transaction keeps every frame since it began: the log grows past its usual size.
      reader.exec('begin');
      reader.prepare('select count(*) from burst').get();
      const body = Buffer.alloc(64 * 1024, 7);
      for (let i = 0; i < 800; i++) await sql`insert into burst (body) values (${body})`.execute(handle.db);
      const grown = fs.statSync(`${file}-wal`).size;
      expect(grown).toBeGreaterThan(SQLITE_WAL_LIMIT_BYTES * 1.4);
      reader.exec('commit');
      // The next checkpoints copy the log back and start it over: it is cut to the limit.
      await sql`pragma wal_checkpoint(passive)`.execute(handle.db);
      await sql`insert into burst (body) values (${body})`.execute(handle.db);
      await sql`pragma wal_checkpoint(passive)`.execute(handle.db);
      await sql`insert into burst (body) values (${body})`.execute(handle.db);
      expect(fs.statSync(`${file}-wal`).size).toBeLessThanOrEqual(SQLITE_WAL_LIMIT_BYTES);
      const limit = await sql<{ journal_size_limit: number }>`pragma journal_size_limit`.execute(handle.db);
      expect(limit.rows[0]!.journal_size_limit).toBe(SQLITE_WAL_LIMIT_BYTES);
    } finally {
      reader.close();
      await handle.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
