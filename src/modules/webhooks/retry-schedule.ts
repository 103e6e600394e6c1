// When a failed delivery is tried again. The schedule follows Svix/Standard Webhooks practice:
// quick retries for blips, then hours apart for outages, about 32 hours in total.

/** Delay before attempt n+1 (index n), in ms: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_SCHEDULE_MS: readonly number[] = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** Attempts a delivery gets before it is marked failed. */
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;

/** Relative jitter applied to each delay, so endpoints recovering from an outage are not stampeded. */
export const JITTER = 0.1;

/**
 * Delay after attempt `attemptsMade` (1-based) failed, or null when no attempt is left.
 * `retryAfterMs` (from a Retry-After header) wins when it asks for longer; `random` is in [0, 1).
 */
export function nextRetryDelay(attemptsMade: number, retryAfterMs: number | null, random: number = Math.random()): number | null {
  if (attemptsMade >= MAX_ATTEMPTS) return null;
  const base = RETRY_SCHEDULE_MS[attemptsMade]!;
  const jittered = Math.round(base * (1 + JITTER * (2 * random - 1)));
  return Math.max(jittered, retryAfterMs ?? 0);
}

// A receiver asking for more than a day would stall its queue past any useful point.
const MAX_RETRY_AFTER_S = 86_400;

/** Parses Retry-After (delta seconds or an HTTP date) into ms from `now`; null when absent or invalid. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_S) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.min(at - now, MAX_RETRY_AFTER_S * 1000));
}
