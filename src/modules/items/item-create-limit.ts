// How many items one client may create anonymously (audit M3). Each create stores up to 64 KiB
// for up to 720 hours, and a password costs ~45 ms of argon2id CPU, so without a limit anyone can
// fill the disk or busy the instance as fast as the network allows. Counted per client network
// (IPv4 address, IPv6 /64) in the shared limiter: in Redis when configured, else per instance.
import type { AppContext } from '../../context.ts';
import { type RateLimiter, rateLimitedError } from '../../http/rate-limit.ts';
import { clientNetwork } from '../../http/client-ip.ts';
import { AppError } from '../../errors.ts';
import { anonymousItemsHeld } from './items.repo.ts';

/** The window of both create limits. */
export const ITEM_CREATE_WINDOW_MS = 60_000;

/** What the create limit needs: the limits (config), the time and the shared limiter. */
export type CreateLimitContext = Pick<AppContext, 'clock' | 'config'> & { rateLimiter: RateLimiter };

/** What a row costs beyond its content (ids, hashes, the sealed copy's base64 and tag), so a flood of tiny items counts too. */
export const ANONYMOUS_ITEM_OVERHEAD_BYTES = 1024;

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

/**
 * Refuses an anonymous item of `contentBytes` when the live anonymous items already hold
 * TESSERA_ANONYMOUS_ITEMS_MB. The per-network rate alone let one address store 64 KiB a second
 * for 30 days (5 GB a day), and any number of addresses multiply it; this bounds the disk
 * whatever they number. Checked before the insert, not with it: concurrent creates may pass it
 * together, overshooting by at most those few items.
 */
export async function checkAnonymousStorage(ctx: Pick<AppContext, 'db' | 'config'>, contentBytes: number): Promise<void> {
  const held = await anonymousItemsHeld(ctx.db);
  const needed = held.bytes + held.items * ANONYMOUS_ITEM_OVERHEAD_BYTES + contentBytes + ANONYMOUS_ITEM_OVERHEAD_BYTES;
  if (needed <= ctx.config.anonymousItemsBytes) return;
  throw new AppError(
    'items_storage_full',
    `This instance already holds as many anonymous items as it keeps (${Math.round(ctx.config.anonymousItemsBytes / 1_048_576)} MiB); room comes back as they expire. Create the item with an API key or a signed-in account, or try again later.`,
    { headers: { 'retry-after': '600' } },
  );
}
