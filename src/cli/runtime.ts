// Opening the configured database the same way for every command: resolve the master key,
// connect, migrate. A bad environment fails here with the variable's name.
import { loadConfig, type Config } from '../config.ts';
import { ensureMasterKey } from '../crypto/master-key.ts';
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** Loads config (master key resolved) and an open, migrated database. */
export async function openRuntime(log: (message: string) => void): Promise<{ config: Config; database: DatabaseHandle }> {
  const config = ensureMasterKey(loadConfig(), log);
  const database = connectDatabase({ dialect: config.dialect, url: config.databaseUrl });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, database };
}
