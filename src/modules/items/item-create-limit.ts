// How many items one client may create anonymously (audit M3). Each create stores up to 64 KiB
// for up to 720 hours, and a password costs ~45 ms of argon2id CPU, so without a limit anyone can
// fill the disk or busy the instance as fast as the network allows. Counted per client network
// (IPv4 address, IPv6 /64) in the shared limiter: in Redis when configured, else per instance.
import type { AppContext } from '../../context.ts';
import { type RateLimiter, rateLimitedError } from '../../http/rate-limit.ts';
import { clientNetwork } from '../../http/client-ip.ts';

/** The window of both create limits. */
export const ITEM_CREATE_WINDOW_MS = 60_000;

/** What the create limit needs: the limits (config), the time and the shared limiter. */
export type CreateLimitContext = Pick<AppContext, 'clock' | 'config'> & { rateLimiter: RateLimiter };

/**
 * Counts an anonymous create from `clientIp`, and a password-protected one against the lower
 * password budget too (the argon2id hash, not the storage, is what an instance runs out of first);
 * 429 rate_limited over either. Callers run it after validation, so a rejected body costs no budget,
 * and before hashing, so a refused one costs no argon2id.
 */
export async function countAnonymousCreate(ctx: CreateLimitContext, clientIp: string | undefined, withPassword: boolean): Promise<void> {
  const network = clientNetwork(clientIp);
  const now = ctx.clock.now();
  const all = await ctx.rateLimiter.hit(`item-create:${network}`, ctx.config.itemCreatesPerMinute, ITEM_CREATE_WINDOW_MS, now);
  if (!all.allowed) {
    throw rateLimitedError(all, 'Too many items created from your network this minute; wait the number of seconds in Retry-After, or create them with an API key (it has its own budget).');
  }
  if (!withPassword) return;
  const protectedOnes = await ctx.rateLimiter.hit(`item-create-password:${network}`, ctx.config.itemPasswordCreatesPerMinute, ITEM_CREATE_WINDOW_MS, now);
  if (!protectedOnes.allowed) {
    throw rateLimitedError(
      protectedOnes,
      'Too many password-protected items created from your network this minute; wait the number of seconds in Retry-After, or create them with an API key (it has its own budget).',
    );
  }
}
