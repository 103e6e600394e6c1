// Runs the migrations on either dialect. Running twice is a no-op: Kysely records what ran, and
// concurrent starts are serialised by its migration lock.
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { Migrator, type MigrationProvider, type Migration, type MigrationResultSet } from 'kysely/migration';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };

// Kysely looks for its bookkeeping tables in every schema it can see; on a PostgreSQL server
// that hosts several Tessera schemas (tests, or tenants of a shared server) it would find
// another schema's tables. Pin them to the connection's own schema.
async function migrator(db: Kysely<any>): Promise<Migrator> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return new Migrator({ db, provider });
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({ db, provider, migrationTableSchema: rows[0]?.schema ?? 'public' });
}

// Kysely 0.29 takes its migration lock outside the migration transaction, and on SQLite that
// lock is a plain autocommitted UPDATE, so two processes could both read "0002 pending" and both
// run it. On SQLite the whole run therefore happens inside BEGIN IMMEDIATE: the second process
// waits (busy_timeout) for the first to commit, then reads the finished state.
async function migrateSqliteSerialised(db: Kysely<any>): Promise<MigrationResultSet> {
  await sql`begin immediate`.execute(db);
  let outcome: MigrationResultSet;
  try {
    outcome = await new Migrator({ db, provider, disableTransactions: true }).migrateToLatest();
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
  await sql.raw(outcome.error ? 'rollback' : 'commit').execute(db);
  return outcome;
}

/** Applies every pending migration; returns the names applied now (empty when already current). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const { error, results } = isPostgres ? await (await migrator(db)).migrateToLatest() : await migrateSqliteSerialised(db);
  if (error) {
    // An older release started on a database a newer one migrated: say that, not "corrupted".
    const unknown = /previously executed migration (\S+) is missing/.exec(error instanceof Error ? error.message : '');
    if (unknown) {
      throw new Error(`this database was migrated by a newer release of Tessera (it has migration ${unknown[1]}, which this release does not know): start the newer release here, on every instance`, {
        cause: error,
      });
    }
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations that have not been applied yet. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
