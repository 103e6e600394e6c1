// How many item passwords one client network may have checked per minute, right or wrong. Only
// wrong passwords count against an item's own limits, so without this anyone holding a protected
// item's magic and password (a shared link with no view limit) could make the instance run
// argon2id (~45 ms of CPU, on libuv's four threads that DNS lookups and file reads share) as fast
// as the network allows: the outside audit's 64 parallel loops slowed sign-ins from 30–320 ms to
// ~2.5 s. Counted in the shared limiter (Redis when configured) before any verification.
import { rateLimitedError } from '../../http/rate-limit.ts';
import type { CreateLimitContext } from './item-create-limit.ts';
import { clientNetwork } from '../../http/client-ip.ts';

const CHECK_WINDOW_MS = 60_000;

/** Counts one password check from `clientIp`'s network; 429 rate_limited over the budget. */
export async function countPasswordCheck(ctx: CreateLimitContext, clientIp: string | undefined): Promise<void> {
  const hit = await ctx.rateLimiter.hit(`item-password-check:${clientNetwork(clientIp)}`, ctx.config.itemPasswordChecksPerMinute, CHECK_WINDOW_MS, ctx.clock.now());
  if (!hit.allowed) {
    throw rateLimitedError(hit, 'Too many item passwords checked from your network this minute; nothing was spent. Wait the number of seconds in Retry-After, then try again.');
  }
}
