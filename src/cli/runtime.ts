// Opening the configured database the same way for every command: resolve the master key,
// connect, migrate. A bad environment fails here with the variable's name, and a database that
// cannot be reached or opened with where it is and the variable that chose it.
import { systemClock } from '../clock.ts';
import { loadConfig, type Config } from '../config.ts';
import { checkMasterKey, ensureMasterKey, masterKeyNotWithDatabase, wouldGenerateMasterKey } from '../crypto/master-key.ts';
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts';
import { type InstanceLock, InstanceLockedError, lockSqliteDatabase } from '../db/instance-lock.ts';
import { recordedKeyCheck, usedWithAMasterKey } from '../db/master-key-check.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** Where the configured database is, for messages: the SQLite file, or the PostgreSQL URL without its password. */
export function describeDatabase(config: Config): string {
  if (config.dialect === 'sqlite') return `SQLite file ${config.databaseUrl}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}

/** The SQLite file as a start-up line's field (`databaseFile`); nothing for PostgreSQL, whose URL may hold a password. */
export function sqliteFile(config: Config): { databaseFile?: string } {
  return config.dialect === 'sqlite' ? { databaseFile: config.databaseUrl } : {};
}

/** Where openRuntime says what it did: doubtful settings, migrations applied, a development master key generated. */
export interface RuntimeLog {
  info(message: string): void;
  warn(message: string): void;
}

/** For commands a person runs in a terminal: plain lines, as the rest of their output. */
export function plainLines(write: (text: string) => void): () => RuntimeLog {
  return () => ({ info: write, warn: write });
}

/** The lock a long-running command holds on a SQLite file (docs/operations.md: one process per file); none in memory or on PostgreSQL. */
function lockFor(config: Config, command: string | undefined, warn: (message: string) => void): InstanceLock | null {
  if (!command || config.dialect !== 'sqlite' || config.databaseUrl === ':memory:') return null;
  return lockSqliteDatabase(config.databaseUrl, { command, now: systemClock.now() }, warn);
}

// The lock goes with the database: every way a command ends closes it.
function releasingOnClose(database: DatabaseHandle, lock: InstanceLock | null): DatabaseHandle {
  if (!lock) return database;
  return {
    ...database,
    close: async () => {
      try {
        await database.close();
      } finally {
        lock.release();
      }
    },
  };
}

/**
 * Loads config (master key resolved unless `masterKey: false`) and an open, migrated database;
 * `applied` lists the migrations this call ran. `logFor` gets the configuration first, so a
 * server or worker can report through its JSON logger at the configured level. `env` defaults to
 * the process's (benches pass their own). `soleProcess` names a command that must be the only
 * process on a SQLite file (`serve`, `worker`): while another holds it, the start is refused
 * before anything opens.
 */
export async function openRuntime(
  logFor: (config: Config) => RuntimeLog,
  env?: Record<string, string | undefined>,
  { masterKey = true, soleProcess }: { masterKey?: boolean; soleProcess?: string } = {},
): Promise<{ config: Config; database: DatabaseHandle; applied: string[] }> {
  const loaded = loadConfig(env);
  const log = logFor(loaded);
  const warn = (message: string) => log.warn(message);
  for (const warning of loaded.warnings) warn(warning);
  // In production the key comes from the environment or the start is refused, before anything
  // opens. In development a missing key is generated into the data directory, but only once the
  // database has opened: a command that fails to connect (or a PostgreSQL setup run from some
  // directory) must not leave a secret behind that a later start there would quietly use.
  const early = masterKey && loaded.production ? ensureMasterKey(loaded, warn) : loaded;
  let lock: InstanceLock | null = null;
  let database: DatabaseHandle | undefined;
  let applied: string[];
  try {
    lock = lockFor(early, soleProcess, warn);
    database = releasingOnClose(connectDatabase({ dialect: early.dialect, url: early.databaseUrl }), lock);
    applied = await migrateToLatest(database.db);
    if (applied.length) log.info(`applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    if (database) await database.close().catch(() => {});
    else lock?.release();
    if (error instanceof InstanceLockedError) throw error;
    throw new Error(`cannot open ${describeDatabase(early)} (${early.dialect === 'postgres' ? 'DATABASE_URL' : 'TESSERA_DATA_DIR or DATABASE_URL'}): ${(error as Error).message}`, { cause: error });
  }
  try {
    const db = database.db;
    if (masterKey && wouldGenerateMasterKey(early) && (await usedWithAMasterKey(db))) throw masterKeyNotWithDatabase(early);
    const config = masterKey ? ensureMasterKey(early, warn) : early;
    if (masterKey) await checkMasterKey(config, (check) => recordedKeyCheck(db, check, systemClock.now()));
    return { config, database, applied };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
