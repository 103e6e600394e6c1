// The in-memory scan buffer. record() is all the hot path pays: an array push. Batches go to the
// database on a timer, when the buffer reaches a batch size, and on close; flushes never overlap.
// A failed write keeps its events for the next try, up to a bound past which new events are
// dropped and counted (memory must not grow without limit while the database is down).

/** Tuning of a ScanBuffer. */
export interface ScanBufferOptions {
  /** Timer period in ms. */
  intervalMs: number;
  /** Flush early once this many events wait. */
  batchSize?: number;
  /** Most events held while the database is unreachable. */
  maxBuffered?: number;
  /** Called after a failed flush with the events now held, those dropped so far, and what started the flush. */
  onError?: (error: unknown, pending: number, dropped: number, trigger: FlushTrigger) => void;
  /** Called after every write attempt: events in the batch, milliseconds, success. */
  onFlush?: (events: number, ms: number, ok: boolean) => void;
}

/** What started a flush: the timer, a full batch, shutdown, or a direct call. */
export type FlushTrigger = 'timer' | 'batch full' | 'shutdown' | 'requested';

/** A buffer of events written by `write` in batches. */
export class ScanBuffer<T> {
  private events: T[] = [];
  private running: Promise<void> | null = null;
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly write: (events: T[]) => Promise<void>;
  private readonly batchSize: number;
  private readonly maxBuffered: number;
  private readonly onError: NonNullable<ScanBufferOptions['onError']>;
  private readonly onFlush: ScanBufferOptions['onFlush'];
  /** Events dropped because the buffer was full. */
  dropped = 0;

  constructor(write: (events: T[]) => Promise<void>, options: ScanBufferOptions) {
    this.write = write;
    this.batchSize = options.batchSize ?? 500;
    this.maxBuffered = options.maxBuffered ?? 100_000;
    this.onError = options.onError ?? (() => {});
    this.onFlush = options.onFlush;
    this.timer = setInterval(() => void this.flush('timer'), options.intervalMs);
    this.timer.unref();
  }

  /** Events waiting to be written. */
  get pending(): number {
    return this.events.length;
  }

  /** Queues one event; never waits. */
  record(event: T): void {
    if (this.events.length >= this.maxBuffered) {
      this.dropped++;
      return;
    }
    this.events.push(event);
    if (this.events.length >= this.batchSize && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush('batch full');
      });
    }
  }

  /** Writes everything queued so far (waits for a flush already running first). */
  async flush(trigger: FlushTrigger = 'requested'): Promise<void> {
    while (this.running) await this.running;
    if (this.events.length === 0) return;
    const batch = this.events;
    this.events = [];
    const started = performance.now();
    this.running = this.write(batch)
      .then(
        () => this.onFlush?.(batch.length, performance.now() - started, true),
        (error: unknown) => {
          this.onFlush?.(batch.length, performance.now() - started, false);
          // Put the batch back in front of newer events, keeping within the bound.
          const room = Math.max(this.maxBuffered - this.events.length, 0);
          const kept = batch.length > room ? batch.slice(batch.length - room) : batch;
          this.dropped += batch.length - kept.length;
          this.events = kept.concat(this.events);
          this.onError(error, this.events.length, this.dropped, trigger);
        },
      )
      .finally(() => {
        this.running = null;
      });
    await this.running;
  }

  /** Stops the timer and writes what is left (one attempt). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush('shutdown');
  }
}
