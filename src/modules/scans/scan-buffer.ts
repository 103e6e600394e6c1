// The in-memory scan buffer. record() is all the hot path pays: an array push. Batches go to the
// database on a timer, when the buffer reaches a batch size, and on close; flushes never overlap.
// A failed write keeps its events for the next try, up to a bound past which new events are
// dropped and counted (memory must not grow without limit while the database is down). While
// writes fail only the timer retries: a full batch would otherwise start a flush on every scan.
// The timer and full batches never queue a flush behind a running one: behind a write that hangs
// (a database that stopped answering) they piled up, one per event-loop turn, and each tried and
// logged its own write once the hang ended. A write that hangs, and events dropped meanwhile, are
// reported from the timer, since no failure reports them.

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
  /** A write running this long (ms) is reported to onStall; default 10 s. */
  stallMs?: number;
  /** A write has run `ms` without an answer (`ended`: it has answered now), with the events held and dropped so far. */
  onStall?: (ms: number, pending: number, dropped: number, ended: boolean) => void;
  /** Events were dropped since the last report (reported by the timer, at most once per stallMs): how many, and in all. */
  onDrop?: (since: number, dropped: number) => void;
  /** Milliseconds of a monotonic clock (tests move it). */
  now?: () => number;
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
  private readonly onStall: NonNullable<ScanBufferOptions['onStall']>;
  private readonly onDrop: NonNullable<ScanBufferOptions['onDrop']>;
  private readonly stallMs: number;
  private readonly now: () => number;
  /** When the running write started, and whether its stall was reported. */
  private runningSince = 0;
  private stallReported = false;
  private droppedReported = 0;
  private dropReportedAt = Number.NEGATIVE_INFINITY;
  /** Events dropped because the buffer was full. */
  dropped = 0;

  constructor(write: (batch: B) => Promise<void>, options: ScanBufferOptions, queue?: BufferQueue<T, B>) {
    this.write = write;
    this.events = queue ?? (new ArrayQueue<T>() as unknown as BufferQueue<T, B>);
    this.batchSize = options.batchSize ?? 500;
    this.maxBuffered = options.maxBuffered ?? 100_000;
    this.onError = options.onError ?? (() => {});
    this.onFlush = options.onFlush;
    this.onStall = options.onStall ?? (() => {});
    this.onDrop = options.onDrop ?? (() => {});
    this.stallMs = options.stallMs ?? 10_000;
    this.now = options.now ?? (() => performance.now());
    this.timer = setInterval(() => this.tick(), options.intervalMs);
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
    if (this.events.length >= this.batchSize) this.scheduleFull();
  }

  // A running write schedules the next full batch itself when it succeeds.
  private scheduleFull(): void {
    if (this.scheduled || this.failing || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush('batch full');
    });
  }

  /** What the timer does: a flush unless one is running, and reports of a write that hangs and of drops. */
  tick(): void {
    if (!this.running) {
      void this.flush('timer');
    } else if (!this.stallReported && this.now() - this.runningSince >= this.stallMs) {
      this.stallReported = true;
      this.onStall(this.now() - this.runningSince, this.events.length, this.dropped, false);
    }
    if (this.dropped > this.droppedReported && this.now() - this.dropReportedAt >= this.stallMs) {
      this.onDrop(this.dropped - this.droppedReported, this.dropped);
      this.droppedReported = this.dropped;
      this.dropReportedAt = this.now();
    }
  }

  /** Writes everything queued so far (waits for a flush already running first; the timer and full batches do not). */
  async flush(trigger: FlushTrigger = 'requested'): Promise<void> {
    if (this.running && (trigger === 'timer' || trigger === 'batch full')) return;
    while (this.running) await this.running;
    if (this.events.length === 0 || (trigger === 'batch full' && this.failing)) return;
    const batch = this.events.take();
    const size = this.events.sizeOf(batch);
    const started = this.now();
    this.runningSince = started;
    this.stallReported = false;
    this.running = this.write(batch)
      .then(
        () => {
          this.failing = false;
          this.onFlush?.(size, this.now() - started, true);
        },
        (error: unknown) => {
          this.failing = true;
          this.onFlush?.(size, this.now() - started, false);
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
        if (this.stallReported) this.onStall(this.now() - started, this.events.length, this.dropped, true);
        if (this.events.length >= this.batchSize) this.scheduleFull();
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
