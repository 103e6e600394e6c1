// short_code → redirect target, kept in process for at most `ttlMs` (read from the injected
// clock). Changes delete the entry at once: this instance's directly, other instances' through
// PostgreSQL NOTIFY (ADR 0026). The TTL is the guarantee when a notification cannot arrive (the
// listener is down, or SQLite shared by two apps in tests). Unknown codes are cached too (as null), so
// random probing does not reach the database on every request. Concurrent misses share one query.
// With `staleIfError`, an expired entry outlives its TTL as the answer to give while loads fail
// because the database is unreachable: a restart must not turn every scan of a known code into a 503.
import type { Clock } from '../../clock.ts';

interface Entry<T> {
  value: T | null;
  expiresAt: number;
  /** When the value was read from the database (answering it stale does not renew this). */
  loadedAt: number;
}

/** Which load failures an expired entry may answer, and up to what age. */
export interface StaleIfError {
  maxAgeMs: number;
  when: (error: unknown) => boolean;
  /**
   * A load still unanswered after this many milliseconds (real time: a latency bound, not a TTL)
   * is answered from the expired entry too: a database that hangs instead of failing (a frozen
   * server, a dropped route) must not hold a code it served a moment ago. The load goes on.
   */
  slowLoadMs?: number;
}

/** A small TTL cache with single-flight loading and a size bound. */
export class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly loading = new Map<string, Promise<T | null>>();
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly load: (key: string) => Promise<T | null>;
  private readonly staleIfError: StaleIfError | null;

  constructor(options: { clock: Clock; ttlMs: number; maxEntries: number; load: (key: string) => Promise<T | null>; staleIfError?: StaleIfError }) {
    this.clock = options.clock;
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries;
    this.load = options.load;
    this.staleIfError = options.staleIfError ?? null;
  }

  /** The fresh cached value, or undefined when it must be loaded. */
  peek(key: string): T | null | undefined {
    return this.peekAt(key, this.clock.now());
  }

  /** peek() at a time the caller already read from the clock (the front door reads it once). */
  peekAt(key: string, now: number): T | null | undefined {
    const entry = this.entries.get(key);
    // An expired entry stays (the size bound evicts it) until a load replaces it or needs it.
    if (entry === undefined || now >= entry.expiresAt) return undefined;
    return entry.value;
  }

  /** The value for `key`, from cache or loaded once however many callers wait. */
  async get(key: string): Promise<T | null> {
    const cached = this.peek(key);
    if (cached !== undefined) return cached;
    let pending = this.loading.get(key);
    if (!pending) {
      const startedAt = this.clock.now();
      const load: Promise<T | null> = this.load(key).then(
        (value) => {
          // Only the current load stores: a delete() during it means the row may be stale.
          if (this.loading.get(key) === load) {
            this.loading.delete(key);
            this.store(key, value, startedAt);
          }
          return value;
        },
        (error: unknown) => {
          if (this.loading.get(key) !== load) throw error;
          this.loading.delete(key);
          const stale = this.staleAnswer(key, error);
          if (stale === undefined) throw error;
          return stale;
        },
      );
      this.loading.set(key, load);
      pending = load;
    }
    return this.orStaleWhenSlow(key, pending);
  }

  /** `pending`, or the expired entry's value if `pending` takes longer than `slowLoadMs`. */
  private orStaleWhenSlow(key: string, pending: Promise<T | null>): Promise<T | null> {
    const slowMs = this.staleIfError?.slowLoadMs;
    const entry = this.entries.get(key);
    if (slowMs === undefined || !entry || this.clock.now() - entry.loadedAt > this.staleIfError!.maxAgeMs) return pending;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // Kept another TTL, so the requests that follow are answered without waiting.
        if (this.entries.get(key) === entry) entry.expiresAt = this.clock.now() + this.ttlMs;
        resolve(entry.value);
      }, slowMs);
      timer.unref();
      pending.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** Forgets `key` (it changed). */
  delete(key: string): void {
    this.entries.delete(key);
    // A load in flight may have read the old row; it must not be stored.
    this.loading.delete(key);
  }

  /** Forgets everything (changes may have been missed), loads in flight included. */
  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }

  /**
   * The expired value to answer instead of `error`, kept for another TTL so that one load per TTL
   * tries the database; undefined when the error is not one to ride out or the value is too old.
   */
  private staleAnswer(key: string, error: unknown): T | null | undefined {
    const entry = this.entries.get(key);
    const now = this.clock.now();
    if (!entry || !this.staleIfError || now - entry.loadedAt > this.staleIfError.maxAgeMs || !this.staleIfError.when(error)) return undefined;
    entry.expiresAt = now + this.ttlMs;
    return entry.value;
  }

  private store(key: string, value: T | null, loadedAt: number): void {
    // Re-inserted at the end: eviction takes the oldest insertion, which then is the least recently loaded.
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Evict the oldest insertion: cheap, and hot codes come straight back.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: loadedAt + this.ttlMs, loadedAt });
  }
}
