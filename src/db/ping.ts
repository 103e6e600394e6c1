import { sql, type Kysely } from 'kysely';

/** How long readiness waits for the database: a load balancer must hear "not ready" while it still matters. */
export const PING_TIMEOUT_MS = 2000;

/**
 * Runs a trivial query; throws when the database does not answer, or not within `timeoutMs`. A
 * server that stops answering without closing the connection (a hung host, a dropped route) would
 * otherwise hold the readiness probe as long as TCP takes to notice, and the probe would time out
 * at the load balancer instead of saying 503.
 */
export async function pingDatabase(db: Kysely<any>, timeoutMs = PING_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
