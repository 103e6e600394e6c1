// Fixed-window rate limiting shared by every module (API keys, logins, item passwords, forms).
// The memory store serves one process; with REDIS_URL the Redis store makes limits hold across
// instances. Both take `now` from the caller, so tests move a clock instead of sleeping.
import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';

/** The outcome of one hit. */
export interface RateLimitResult {
  allowed: boolean;
  /** Hits left in this window (0 when refused). */
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
  limit: number;
}

/**
 * A counter per key and window; `hit` counts one request and says whether it is allowed. `peek`
 * counts nothing and says whether one more hit would be (for limits that count only failures).
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitResult>;
  peek(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitResult>;
  close(): Promise<void>;
}

function result(count: number, limit: number, windowStart: number, windowMs: number, now: number): RateLimitResult {
  return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetMs: windowStart + windowMs - now, limit };
}

/** What a peek at `count` hits says: whether the next hit would be allowed. */
function peeked(count: number, limit: number, windowStart: number, windowMs: number, now: number): RateLimitResult {
  return { ...result(count, limit, windowStart, windowMs, now), allowed: count < limit };
}

/** In-process fixed windows; expired entries are swept as the map grows. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number; windowMs: number }>();
  private sweepAt = 10_000;

  /** Counts a hit on `key`. */
  async hit(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitResult> {
    const entry = this.entry(key, windowMs, now);
    entry.count++;
    return result(entry.count, limit, entry.start, windowMs, now);
  }

  /**
   * Raises `key`'s count in the current window to at least `count` and returns the count it
   * holds: how the Redis store keeps what it last heard, so an outage neither resets a limit nor,
   * once Redis is back, forgets what was counted here meanwhile.
   */
  raise(key: string, count: number, windowMs: number, now: number): number {
    const start = Math.floor(now / windowMs) * windowMs;
    const held = this.windows.get(`${windowMs}:${key}`);
    if (held && held.start === start && held.count >= count) return held.count;
    if (count === 0) return 0;
    const entry = this.entry(key, windowMs, now);
    entry.count = count;
    return count;
  }

  private entry(key: string, windowMs: number, now: number): { start: number; count: number; windowMs: number } {
    const start = Math.floor(now / windowMs) * windowMs;
    const id = `${windowMs}:${key}`;
    let entry = this.windows.get(id);
    if (!entry || entry.start !== start) {
      entry = { start, count: 0, windowMs };
      this.windows.set(id, entry);
      if (this.windows.size > this.sweepAt) this.sweep(now);
    }
    return entry;
  }

  /** Reads `key`'s count without adding to it. */
  async peek(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitResult> {
    const start = Math.floor(now / windowMs) * windowMs;
    const entry = this.windows.get(`${windowMs}:${key}`);
    return peeked(entry && entry.start === start ? entry.count : 0, limit, start, windowMs, now);
  }

  private sweep(now: number): void {
    for (const [id, entry] of this.windows) if (entry.start + entry.windowMs <= now) this.windows.delete(id);
    this.sweepAt = Math.max(10_000, this.windows.size * 2);
  }

  /** Nothing to release. */
  async close(): Promise<void> {}
}

// INCR and set the expiry in one round trip; the key expires a window after it closes.
const HIT_SCRIPT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;
// Raises a count to at least ARGV[1] (an instance counted more than Redis holds: during an outage,
// or Redis restarted empty), keeping the same expiry rule.
const RAISE_SCRIPT = `local n = tonumber(redis.call('GET', KEYS[1]) or '0') if n < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end return n`;

/**
 * Fixed windows in Redis, shared by every instance. While Redis fails, each instance counts in its
 * own memory instead (ADR 0020), starting from the shared count it last heard for the key: limits
 * loosen by the number of instances but never open or reset (a locked sign-in stays locked);
 * once Redis answers again the shared counts are used, or this instance's when it counted more
 * during the outage in the same window. `onError` hears about the first failure of an outage,
 * `onRecover` about its end: one log line each, not one per request.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly onError: (error: unknown) => void;
  private readonly onRecover: () => void;
  private readonly fallback = new MemoryRateLimiter();
  /** Whether the last Redis call failed (counting in memory meanwhile). */
  degraded = false;

  constructor(redis: Redis, prefix: string, onError: (error: unknown) => void = () => {}, onRecover: () => void = () => {}) {
    this.redis = redis;
    this.prefix = prefix;
    this.onError = onError;
    this.onRecover = onRecover;
  }

  private failed(error: unknown): void {
    if (!this.degraded) this.onError(error);
    this.degraded = true;
    // A Redis that stops answering on an open connection (a hung server, a dropped route) would
    // cost every request the command timeout. Dropping the connection makes the next commands fail
    // at once (no offline queue) until ioredis has reconnected and Redis answers its ready check.
    if (error instanceof Error && error.message === COMMAND_TIMED_OUT) this.redis.disconnect(true);
  }

  /** Starts counting in memory: Redis did not answer when the limiter was created (reported once, like an outage). */
  startDegraded(error: unknown): void {
    this.failed(error);
  }

  private succeeded(): void {
    if (this.degraded) this.onRecover();
    this.degraded = false;
  }

  /** Counts a hit on `key`. */
  async hit(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitResult> {
    const start = Math.floor(now / windowMs) * windowMs;
    try {
      const shared = Number(await this.redis.eval(HIT_SCRIPT, 1, this.key(key, windowMs, start), String(windowMs * 2)));
      this.succeeded();
      return result(this.reconcile(key, shared, windowMs, start, now), limit, start, windowMs, now);
    } catch (error) {
      // A Redis outage degrades limits to this instance's own counts; it neither opens them nor takes the API down.
      this.failed(error);
      return this.fallback.hit(key, limit, windowMs, now);
    }
  }

  /** Reads `key`'s count without adding to it. */
  async peek(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitResult> {
    const start = Math.floor(now / windowMs) * windowMs;
    try {
      const shared = Number((await this.redis.get(this.key(key, windowMs, start))) ?? 0);
      this.succeeded();
      return peeked(this.reconcile(key, shared, windowMs, start, now), limit, start, windowMs, now);
    } catch (error) {
      this.failed(error);
      return this.fallback.peek(key, limit, windowMs, now);
    }
  }

  /**
   * The count to judge by: the larger of Redis's and this instance's. When this instance's is
   * larger, Redis is told (in the background), so the other instances hold the key to it too.
   */
  private reconcile(key: string, shared: number, windowMs: number, start: number, now: number): number {
    const count = this.fallback.raise(key, shared, windowMs, now);
    if (count > shared) void this.redis.eval(RAISE_SCRIPT, 1, this.key(key, windowMs, start), String(count), String(windowMs * 2)).catch(() => {});
    return count;
  }

  private key(key: string, windowMs: number, start: number): string {
    return `${this.prefix}rl:${windowMs}:${start}:${key}`;
  }

  /** Closes the Redis connection. */
  async close(): Promise<void> {
    // quit() waits for a reply that never comes when the server is gone.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

// ioredis's error for a command that got no reply within `commandTimeout`.
const COMMAND_TIMED_OUT = 'Command timed out';
/** How long a rate-limit check waits for Redis before counting in memory: a request waits at most this once per outage. */
export const REDIS_COMMAND_TIMEOUT_MS = 250;

/** A Redis store when `redisUrl` is set, else the in-memory store. */
export async function createRateLimiter(redisUrl: string | null, prefix: string, onError?: (error: unknown) => void, onRecover?: () => void): Promise<RateLimiter> {
  if (!redisUrl) return new MemoryRateLimiter();
  const { Redis } = await import('ioredis');
  // No offline queue: while Redis is unreachable a hit fails at once and counts in memory,
  // instead of waiting for reconnection attempts. ioredis keeps reconnecting in the background.
  const redis = new Redis(redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Connection errors repeat on every reconnection attempt; the limiter reports the outage once,
  // with the last of them: a command sent while disconnected fails with ioredis's "Stream isn't
  // writeable…", which says nothing of where Redis is or why it cannot be reached.
  let lastConnectionError: Error | null = null;
  redis.on('error', (error: Error) => (lastConnectionError = error));
  // A later outage must not be blamed on an earlier one's cause.
  redis.on('ready', () => (lastConnectionError = null));
  const where = redisAddress(redisUrl);
  const explained = (error: unknown): Error => {
    const message = error instanceof Error ? error.message : String(error);
    const connection = lastConnectionError && lastConnectionError.message !== message ? ` (connection: ${lastConnectionError.message})` : '';
    // No `cause`: pino's err serializer appends each cause's message to the message, and this one
    // already says it (the line read "…: connect ECONNREFUSED …: connect ECONNREFUSED …").
    return new Error(`Redis at ${where}: ${message}${connection}`);
  };
  // Start on the shared counts when Redis is there: wait for the connection (or its first failure).
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, 2000);
    function done() {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      resolve();
    }
    redis.once('ready', done);
    redis.once('error', done);
  });
  const limiter = new RedisRateLimiter(redis, prefix, onError && ((error) => onError(explained(error))), onRecover);
  // Down at start: said now, not at the first rate-limited request.
  if (redis.status !== 'ready') limiter.startDegraded(lastConnectionError ?? new Error('no answer within 2 s'));
  return limiter;
}

/** host:port of a Redis URL, without its credentials, for log lines. */
function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

/** The IETF RateLimit-* headers (and Retry-After when refused) for a result. */
export function rateLimitHeaders(r: RateLimitResult): Record<string, string> {
  const resetSeconds = String(Math.max(1, Math.ceil(r.resetMs / 1000)));
  const headers: Record<string, string> = { 'ratelimit-limit': String(r.limit), 'ratelimit-remaining': String(r.remaining), 'ratelimit-reset': resetSeconds };
  if (!r.allowed) headers['retry-after'] = resetSeconds;
  return headers;
}

/** The 429 problem for a refused hit, carrying Retry-After and RateLimit-* headers. */
export function rateLimitedError(r: RateLimitResult, detail = 'Too many requests; retry after the number of seconds in Retry-After.'): AppError {
  return new AppError('rate_limited', detail, { headers: rateLimitHeaders(r) });
}
