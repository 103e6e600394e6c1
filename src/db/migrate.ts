// Runs the migrations on either dialect. Running twice is a no-op: Kysely records what ran, and
// concurrent starts are serialised by its migration lock.
import type { Kysely } from 'kysely';
import { Migrator, type MigrationProvider, type Migration } from 'kysely/migration';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider });
}

/** Applies every pending migration; returns the names applied now (empty when already current). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations that have not been applied yet. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
