// Runs a suite once per dialect, each test on a clean database: a fresh SQLite file, or a fresh
// PostgreSQL schema.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, inject } from 'vitest';
import type { Dialect } from '../../src/config.ts';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestSchema, TEST_DATABASE_URL } from './postgres.ts';

/** Dialects this run covers; PostgreSQL only when the global setup found a server. */
export function testDialects(): Dialect[] {
  const wanted = (process.env.TEST_DIALECTS ?? 'sqlite,postgres').split(',');
  return (['sqlite', 'postgres'] as Dialect[]).filter((d) => wanted.includes(d) && (d === 'sqlite' || inject('postgres')));
}

/** `describe` once per dialect, e.g. "campaigns [postgres]". */
export function describeDialects(name: string, body: (dialect: Dialect) => void): void {
  for (const dialect of testDialects()) describe(`${name} [${dialect}]`, () => body(dialect));
}

/** A fresh database and its connection details. */
export interface TestDatabase {
  handle: DatabaseHandle;
  dialect: Dialect;
  /** DATABASE_URL-style location (SQLite file or postgres URL). */
  url: string;
  /** PostgreSQL schema, when dialect is postgres. */
  schema?: string;
  /** Opens another connection to the same database (a second "instance"). */
  connectAgain(): DatabaseHandle;
  destroy(): Promise<void>;
}

/** Creates an empty database of `dialect`, migrated unless `migrate` is false. */
export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (dialect === 'postgres') {
    const { schema, drop } = await createTestSchema();
    const open = () => connectDatabase({ dialect, url: TEST_DATABASE_URL, schema, poolSize: 20 });
    const handle = open();
    if (options.migrate !== false) await migrateToLatest(handle.db);
    return {
      handle,
      dialect,
      url: TEST_DATABASE_URL,
      schema,
      connectAgain: open,
      async destroy() {
        await handle.close().catch(() => {});
        await drop();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-'));
  const file = path.join(dir, 'tessera.db');
  const open = () => connectDatabase({ dialect, url: file });
  const handle = open();
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    handle,
    dialect,
    url: file,
    connectAgain: open,
    async destroy() {
      await handle.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
