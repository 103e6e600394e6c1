// What the redirect hot path hands the scans module, and the recorder it hands it to. Imports
// nothing, so the application context can name the recorder without an import cycle.

/** A scan as the redirect hot path captured it: raw request facts, nothing computed yet. */
export interface ScanEvent {
  campaignId: string;
  accountId: string;
  /** ctx.clock.now() when the request was answered. */
  occurredAt: number;
  /** Truncated to MAX_USER_AGENT characters. */
  userAgent: string | null;
  /** Truncated to MAX_REFERRER characters. */
  referrer: string | null;
  /** Raw client IP (request.ip): hashed and anonymised at flush time, never stored as is. */
  ip: string | null;
  /** Value of the configured country header, unvalidated. */
  country: string | null;
  /** 'scan' (default) or 'stale' (a morphing code scanned outside its window). */
  kind?: 'scan' | 'stale';
  /**
   * The row id, given when the event is first handed to the writer and kept if that write fails:
   * a retry then cannot store the scan twice even when the failed write had in fact committed
   * (a lost COMMIT acknowledgement, a writer thread that died after its commit).
   */
  id?: string;
  /** Set when the event goes to the writer again after a failed write: the flush checks its id first. */
  retried?: boolean;
}

/** Longest stored user agent. */
export const MAX_USER_AGENT = 512;
/** Longest stored referrer. */
export const MAX_REFERRER = 1024;

/** Takes scan events without waiting and writes them in batches (ctx.scans; see scans.module.ts). */
export interface ScanRecorder {
  /** Queues one event; never waits (past the buffer's bound the event is dropped and counted). */
  record(event: ScanEvent): void;
  /** Writes everything queued so far. */
  flush(): Promise<void>;
  /** Events waiting to be written. */
  readonly pending: number;
  /** Events dropped because the buffer was full. */
  readonly dropped: number;
  /** Stops the timer, writes what is left and releases the writer; whoever created the recorder calls it. */
  close(): Promise<void>;
}
