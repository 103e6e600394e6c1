// short_code → redirect target, kept in process for at most `ttlMs` (read from the injected
// clock). Changes delete the entry at once: this instance's directly, other instances' through
// PostgreSQL NOTIFY (ADR 0026). The TTL is the guarantee when a notification cannot arrive (the
// listener is down, or SQLite shared by two apps in tests). Unknown codes are cached too (as null), so
// random probing does not reach the database on every request. Concurrent misses share one query.
import type { Clock } from '../../clock.ts';

interface Entry<T> {
  value: T | null;
  expiresAt: number;
}

/** A small TTL cache with single-flight loading and a size bound. */
export class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly loading = new Map<string, Promise<T | null>>();
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly load: (key: string) => Promise<T | null>;

  constructor(options: { clock: Clock; ttlMs: number; maxEntries: number; load: (key: string) => Promise<T | null> }) {
    this.clock = options.clock;
    this.ttlMs = options.ttlMs;
    this.maxEntries = options.maxEntries;
    this.load = options.load;
  }

  /** The fresh cached value, or undefined when it must be loaded. */
  peek(key: string): T | null | undefined {
    return this.peekAt(key, this.clock.now());
  }

  /** peek() at a time the caller already read from the clock (the front door reads it once). */
  peekAt(key: string, now: number): T | null | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (now >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
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
          if (this.loading.get(key) === load) this.loading.delete(key);
          throw error;
        },
      );
      this.loading.set(key, load);
      pending = load;
    }
    return pending;
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

  private store(key: string, value: T | null, loadedAt: number): void {
    if (this.entries.size >= this.maxEntries) {
      // Evict the oldest insertion: cheap, and hot codes come straight back.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: loadedAt + this.ttlMs });
  }
}
