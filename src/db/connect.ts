// Opens Kysely over SQLite (embedded default) or PostgreSQL (scale-out). This file and the rest
// of src/db are the only places that know which dialect is in use.
import type SqliteDatabase from 'better-sqlite3';
import { type DatabaseIntrospector, Kysely, PostgresDialect, sql, SqliteDialect, type TableMetadata } from 'kysely';
import { createRequire } from 'node:module';
import type Pg from 'pg';
import type { Dialect } from '../config.ts';
import { type ListenHandlers, type Listener, listenOnPostgres } from './notify.ts';
import { createPrivately } from './private-files.ts';
import type { Database } from './schema.ts';

/** A connected database and how to close it. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  close(): Promise<void>;
  /** Connection pool use (PostgreSQL); SQLite has no pool. */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** Listens for other instances' notifications on a connection of its own (PostgreSQL; SQLite has no other instances). */
  listen?(channel: string, handlers: ListenHandlers): Listener;
}

/** Where to connect; `schema` isolates a PostgreSQL connection in its own search_path (tests). */
export interface ConnectOptions {
  dialect: Dialect;
  url: string;
  schema?: string;
  poolSize?: number;
  /**
   * SQLite only: leave per-row foreign-key enforcement off on this connection. For a connection
   * whose writes check their references themselves, once per batch and inside the same write
   * transaction (the scan writer); every other connection enforces them.
   */
  skipForeignKeyChecks?: boolean;
  /**
   * SQLite only: keep this connection's temporary tables and indexes in memory instead of a
   * temporary file. For the scan writer, whose per-batch tuple table (appendRowsSharing) cost
   * ~0.3 µs of CPU per scan as file writes; its contents are a batch's few distinct profiles.
   * Other connections keep SQLite's default, so a large sort spills to disk instead of memory.
   */
  memoryTempStore?: boolean;
}

// Each driver is loaded when a database of its dialect is first opened, not at startup: an
// instance on SQLite never needs pg (nor one on PostgreSQL better-sqlite3), and every module
// loaded stays resident for the life of the process (ADR 0020, idle memory).
const require = createRequire(import.meta.url);
let pgDriver: typeof Pg | null = null;
function loadPg(): typeof Pg {
  if (pgDriver) return pgDriver;
  const pg = require('pg') as typeof Pg;
  // Timestamps are stored as epoch milliseconds in BIGINT columns; pg would return them as strings.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  return (pgDriver = pg);
}
const loadSqlite = () => require('better-sqlite3') as typeof SqliteDatabase;

// Kysely's PostgreSQL introspector reads every schema's catalog and calls functions on each
// table; when another schema is dropped meanwhile (parallel test runs, other tenants' schemas)
// the query fails with 3F000. Tessera introspects only for migrations, and only its own schema,
// so this introspector lists the current schema's tables (names only).
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<any>;
  constructor(db: Kysely<any>) {
    this.#db = db;
  }
  async getSchemas() {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.#db);
    return rows;
  }
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, ns.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = current_schema() and c.relkind in ('r', 'v', 'p', 'f')`.execute(this.#db);
    return rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.kind === 'v', isForeign: r.kind === 'f', columns: [] }));
  }
}

class TesseraPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

const STATEMENT_CACHE_SIZE = 256;
/**
 * Page size of a new SQLite database. The scan writer appends thousands of rows a flush, and
 * SQLite writes the write-ahead log and its checkpoints a page per system call: 16 KiB pages
 * cost ~20 % less CPU a scan than the default 4 KiB (bench/scan-ingest.bench.ts 2.2 → 1.75 µs;
 * 64 KiB pages cost more again, whole pages rewritten for a few rows). The page cache is sized in
 * bytes, so it holds as much as before.
 */
export const SQLITE_PAGE_SIZE = 16_384;

/** Largest write-ahead log SQLite keeps once checkpointed (twice the usual 1,000 pages). */
export const SQLITE_WAL_LIMIT_BYTES = 32 * 1024 * 1024;
const NOTHING_TO_ROLL_BACK = 'select 0 where 0';

// Kysely's SQLite driver prepares every query afresh; SQLite parsing a 500-row INSERT (7,000
// placeholders) costs more than running it. Statements are reused by SQL text instead:
// better-sqlite3 is synchronous, so a cached statement is never shared by two queries at once,
// except one still being iterated (a streamed select), which `busy` reveals. SQLite re-prepares a
// statement itself after a schema change.
function cachePreparedStatements(sqlite: SqliteDatabase.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SqliteDatabase.Statement>();
  sqlite.prepare = ((text: string) => {
    // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, …);
    // Kysely's ROLLBACK then fails with "no transaction is active" and that error replaces the
    // real one (a full disk would answer 500 instead of 503). Nothing is left to roll back: no-op.
    const source = !sqlite.inTransaction && /^rollback$/i.test(text.trim()) ? NOTHING_TO_ROLL_BACK : text;
    const cached = cache.get(source);
    if (cached && !cached.busy) return cached;
    const statement = prepare(source);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

/** Opens the database described by `options`. */
export function connectDatabase(options: ConnectOptions): DatabaseHandle {
  if (options.dialect === 'postgres') {
    if (options.schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
    const connection = {
      connectionString: options.url,
      // A server that does not answer fails a request in seconds (a 503), instead of holding it open.
      connectionTimeoutMillis: 5000,
      // A server gone without a word (a dead host, a dropped route) is noticed by TCP keepalive
      // probes, from 10 s of silence on, instead of the operating system's default of two hours.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    };
    const pool = new (loadPg().Pool)({ ...connection, max: options.poolSize ?? 10 });
    // Backends of this handle's own pool: their notifications are this instance's own changes,
    // which it has applied already (ADR 0026).
    const ownBackends = new Set<number>();
    // An idle client losing its server must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    // Nor may a checked-out one: pg emits 'error' on a client whose connection drops (a server
    // restart) besides failing its query, and the pool listens only while the client is idle. The
    // failed query carries the error (a 503); the pool discards the broken client on release.
    pool.on('connect', (client) => {
      client.on('error', () => {});
      const pid = (client as unknown as { processID: number | null }).processID;
      if (pid !== null) ownBackends.add(pid);
    });
    pool.on('remove', (client) => ownBackends.delete((client as unknown as { processID: number }).processID));
    const db = new Kysely<Database>({ dialect: new TesseraPostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      close: () => db.destroy(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      // The connection options carry keepalive: an idle LISTEN connection otherwise notices a vanished server only when it next writes.
      listen: (channel, handlers) =>
        listenOnPostgres(() => new (loadPg().Client)(connection), channel, handlers, {
          ignoreSender: (pid) => ownBackends.has(pid),
        }),
    };
  }
  if (options.url !== ':memory:') createPrivately(options.url);
  const Sqlite = loadSqlite();
  const sqlite = new Sqlite(options.url);
  // Takes effect only on a database with no table yet, and must precede WAL mode: an existing
  // file keeps the page size it was created with (docs/operations.md says how to convert one).
  sqlite.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
  sqlite.pragma('journal_mode = WAL');
  // A burst the checkpoint could not keep up with (a long read, a backup) grows the write-ahead
  // log, and SQLite reuses it from the start without ever shrinking it: an audit saw 53 MB beside
  // a 13 MB database. Past this it is cut back after the next checkpoint; the usual log, 1,000
  // pages of 16 KiB, stays under it and costs nothing more.
  sqlite.pragma(`journal_size_limit = ${SQLITE_WAL_LIMIT_BYTES}`);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(options.skipForeignKeyChecks ? 'foreign_keys = OFF' : 'foreign_keys = ON');
  if (options.memoryTempStore) sqlite.pragma('temp_store = MEMORY');
  cachePreparedStatements(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
