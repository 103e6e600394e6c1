// Readiness: the database answers, can take writes (SQLite: not full, not read-only) and every
// migration has been applied.
import type { AppContext } from '../../context.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { pingDatabase } from '../../db/ping.ts';
import { sqliteStorageProblem } from '../../db/sqlite-file.ts';

/** Whether the instance can serve traffic, and if not, why. */
export async function checkReadiness(ctx: Pick<AppContext, 'db' | 'dialect'>): Promise<{ ready: true } | { ready: false; reason: string }> {
  try {
    await pingDatabase(ctx.db);
  } catch (error) {
    return { ready: false, reason: `${ctx.dialect} database unreachable: ${(error as Error).message}` };
  }
  // SQLite reads fine from a full or read-only disk; only writes fail, so it is asked directly.
  if (ctx.dialect === 'sqlite') {
    const problem = await sqliteStorageProblem(ctx.db);
    if (problem) return { ready: false, reason: `${problem}; writes are refused` };
  }
  try {
    const pending = await pendingMigrations(ctx.db);
    if (pending.length > 0) return { ready: false, reason: `migrations not applied: ${pending.join(', ')} (run \`tessera migrate\`)` };
  } catch (error) {
    return { ready: false, reason: `cannot read migration state: ${(error as Error).message}` };
  }
  return { ready: true };
}
