// The in-memory scan buffer. record() is all the hot path pays: an array push. Batches go to the
// database on a timer, when the buffer reaches a batch size, and on close; flushes never overlap.
// A failed write keeps its events for the next try, up to a bound past which new events are
// dropped and counted (memory must not grow without limit while the database is down). While
// writes fail only the timer retries: a full batch would otherwise start a flush on every scan.

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

/** Where a ScanBuffer keeps its events, and the form a batch of them takes. */
export interface BufferQueue<T, B> {
  /** Events queued. */
  readonly length: number;
  push(event: T): void;
  /** Everything queued, as one batch; the queue is left empty. */
  take(): B;
  /** Events in a batch. */
  sizeOf(batch: B): number;
  /** Puts the last `keep` events of a failed batch back in front of what was queued since. */
  restore(batch: B, keep: number): void;
}

/** Events in an array, a batch being the array itself. */
export class ArrayQueue<T> implements BufferQueue<T, T[]> {
  private events: T[] = [];
  get length(): number {
    return this.events.length;
  }
  push(event: T): void {
    this.events.push(event);
  }
  take(): T[] {
    const batch = this.events;
    this.events = [];
    return batch;
  }
  sizeOf(batch: T[]): number {
    return batch.length;
  }
  restore(batch: T[], keep: number): void {
    this.events = (keep < batch.length ? batch.slice(batch.length - keep) : batch).concat(this.events);
  }
}

/** A buffer of events written by `write` in batches. */
export class ScanBuffer<T, B = T[]> {
  private readonly events: BufferQueue<T, B>;
  private running: Promise<void> | null = null;
  private scheduled = false;
  /** The last write failed: full batches wait for the timer instead of flushing at once. */
  private failing = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly write: (batch: B) => Promise<void>;
  private readonly batchSize: number;
  private readonly maxBuffered: number;
  private readonly onError: NonNullable<ScanBufferOptions['onError']>;
  private readonly onFlush: ScanBufferOptions['onFlush'];
  /** Events dropped because the buffer was full. */
  dropped = 0;

  constructor(write: (batch: B) => Promise<void>, options: ScanBufferOptions, queue?: BufferQueue<T, B>) {
    this.write = write;
    this.events = queue ?? (new ArrayQueue<T>() as unknown as BufferQueue<T, B>);
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
    if (this.events.length >= this.batchSize && !this.scheduled && !this.failing) {
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
    const batch = this.events.take();
    const size = this.events.sizeOf(batch);
    const started = performance.now();
    this.running = this.write(batch)
      .then(
        () => {
          this.failing = false;
          this.onFlush?.(size, performance.now() - started, true);
        },
        (error: unknown) => {
          this.failing = true;
          this.onFlush?.(size, performance.now() - started, false);
          // Put the batch back in front of newer events, keeping within the bound.
          const room = Math.max(this.maxBuffered - this.events.length, 0);
          const kept = Math.min(size, room);
          this.dropped += size - kept;
          this.events.restore(batch, kept);
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
