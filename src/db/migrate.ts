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

// Kysely's migrator checks for its tables with an introspection query over every schema of the
// server; when another process drops its own schema during that query, PostgreSQL fails it with
// "schema … does not exist" (3F000) or "relation … does not exist" (42P01). Nothing has been
// applied at that point, so the run is simply tried again.
const INTROSPECTION_RACES = new Set(['3F000', '42P01']);

async function migrateWithRetry(db: Kysely<any>): Promise<MigrationResultSet> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await (await migrator(db)).migrateToLatest();
    const code = ((outcome.error as { code?: unknown } | undefined)?.code ?? '') as string;
    const applied = (outcome.results ?? []).some((r) => r.status !== 'NotExecuted');
    if (!outcome.error || applied || !INTROSPECTION_RACES.has(code) || attempt >= 5) return outcome;
  }
}

/** Applies every pending migration; returns the names applied now (empty when already current). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrateWithRetry(db);
  if (error) {
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
