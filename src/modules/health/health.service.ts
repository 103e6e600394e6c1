// Readiness: the database answers and every migration has been applied.
import type { AppContext } from '../../context.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { pingDatabase } from '../../db/ping.ts';

/** Whether the instance can serve traffic, and if not, why. */
export async function checkReadiness(ctx: Pick<AppContext, 'db' | 'dialect'>): Promise<{ ready: true } | { ready: false; reason: string }> {
  try {
    await pingDatabase(ctx.db);
  } catch (error) {
    return { ready: false, reason: `${ctx.dialect} database unreachable: ${(error as Error).message}` };
  }
  try {
    const pending = await pendingMigrations(ctx.db);
    if (pending.length > 0) return { ready: false, reason: `migrations not applied: ${pending.join(', ')} (run \`tessera migrate\`)` };
  } catch (error) {
    return { ready: false, reason: `cannot read migration state: ${(error as Error).message}` };
  }
  return { ready: true };
}
