// Readiness: the database answers and every migration has been applied.
import type { Kysely } from 'kysely';
import type { Dialect } from '../../config.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { pingDatabase } from '../../db/ping.ts';

/** Whether the instance can serve traffic, and if not, why. */
export async function checkReadiness(db: Kysely<any>, dialect: Dialect): Promise<{ ready: true } | { ready: false; reason: string }> {
  try {
    await pingDatabase(db);
  } catch (error) {
    return { ready: false, reason: `${dialect} database unreachable: ${(error as Error).message}` };
  }
  try {
    const pending = await pendingMigrations(db);
    if (pending.length > 0) return { ready: false, reason: `migrations not applied: ${pending.join(', ')} (run \`tessera migrate\`)` };
  } catch (error) {
    return { ready: false, reason: `cannot read migration state: ${(error as Error).message}` };
  }
  return { ready: true };
}
