// Throttling password guesses at sign-in without handing strangers a way to lock people out.
// Wrong passwords are counted per "client of an email": each browser the user has signed in from
// before (a known device, see known-device.ts) is its own client, and every other caller of that
// email shares one. So a flood of guesses from anywhere locks the email for unknown clients (a
// botnet gets ten guesses per quarter hour in total, not ten per address), while the owner's own
// browsers keep signing in; a stolen device cookie buys an attacker no more than the same budget.
// The windows are tiered, so persistent guessing backs off from a quarter hour to a day.
// Only wrong passwords count, and like the item password limit each is counted before it is
// answered: a wrong guess that finds the budget spent gets a 429, never its verdict.
import type { AppError } from '../../errors.ts';
import { type RateLimiter, type RateLimitResult, rateLimitedError } from '../../http/rate-limit.ts';

/** Wrong passwords a client of an email may send: every tier applies at once. */
export const WRONG_PASSWORD_TIERS: ReadonlyArray<{ limit: number; windowMs: number }> = [
  { limit: 10, windowMs: 15 * 60_000 },
  { limit: 50, windowMs: 24 * 3_600_000 },
];

/** Whose budget a sign-in attempt spends: a known device of the user, or every other caller of the email. */
export type LoginClient = { device: string } | { email: string };

function keyOf(client: LoginClient): string {
  return 'device' in client ? `login:fail:device:${client.device}` : `login:fail:email:${client.email}`;
}

function locked(refused: RateLimitResult): AppError {
  return rateLimitedError(refused, 'Too many wrong passwords for this email; wait the number of seconds in Retry-After. Browsers that have signed in to this account before can still sign in.');
}

/** The refusal with the longest wait among `results`, or null when every tier allows. */
function longestRefusal(results: RateLimitResult[]): RateLimitResult | null {
  return results.filter((r) => !r.allowed).sort((a, b) => b.resetMs - a.resetMs)[0] ?? null;
}

/** Throws the 429 when the client's budget is spent (check before verifying, and again before accepting). */
export async function assertLoginOpen(limiter: RateLimiter, client: LoginClient, now: number): Promise<void> {
  const key = keyOf(client);
  const refused = longestRefusal(await Promise.all(WRONG_PASSWORD_TIERS.map((tier) => limiter.peek(key, tier.limit, tier.windowMs, now))));
  if (refused) throw locked(refused);
}

/** Counts a wrong password; returns the answer it gets: `wrong` while within budget, else the 429. */
export async function countWrongPassword(limiter: RateLimiter, client: LoginClient, now: number, wrong: AppError): Promise<AppError> {
  const key = keyOf(client);
  const refused = longestRefusal(await Promise.all(WRONG_PASSWORD_TIERS.map((tier) => limiter.hit(key, tier.limit, tier.windowMs, now))));
  return refused ? locked(refused) : wrong;
}
