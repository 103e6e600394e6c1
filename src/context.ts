// What every module receives: configuration, the database, the clock, and shutdown hooks.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import type { Config, Dialect } from './config.ts';
import type { Database } from './db/schema.ts';
import type { Metrics } from './http/metrics.ts';
import type { RateLimiter } from './http/rate-limit.ts';

/** Shared dependencies handed to modules; services take the parts they need as arguments. */
export interface AppContext {
  readonly config: Config & { readonly masterKey: Buffer };
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  /** Shared rate limiter (memory, or Redis when REDIS_URL is set); buildApp always sets it. */
  readonly rateLimiter?: RateLimiter;
  /** This process's Prometheus metrics (buildApp and `tessera worker` set it). */
  readonly metrics?: Metrics;
  /** Where scans are recorded (the scans module's buffer), created with the context and closed by its creator. */
  readonly scans: ScanRecorder;
  /** Campaign changes for this instance's caches and, over the database, every other's. */
  readonly campaignChanges: CampaignChangeFeed;
}

/** A domain module: registers its routes (and hooks) on the app. */
export type Module = (app: FastifyInstance, ctx: AppContext) => Promise<void> | void;

// Ports: what modules hand each other through the context. The context declares them (it sits
// below every module, ADR 0024); the scans and campaigns modules implement them.

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

/** A cache that follows campaign changes. */
export interface CampaignChangeSubscriber {
  /** The campaign behind `shortCode` changed: forget it. */
  changed(shortCode: string): void;
  /** Changes may have been missed (the listener was down): forget everything. */
  missedSome(): void;
}

/** Campaign change notifications of one app or worker (campaigns/campaign-changes.ts, ADR 0026). */
export interface CampaignChangeFeed {
  /** Calls `subscriber` on every change; returns how to stop. */
  subscribe(subscriber: CampaignChangeSubscriber): () => void;
  /** Tells every other instance, inside the change's transaction (heard on commit; PostgreSQL). */
  announce(trx: Kysely<Database>, shortCode: string): Promise<void>;
  /** Tells this instance's subscribers, after commit. */
  changed(shortCode: string): void;
  /** What the listener heard so far (null where nothing listens: SQLite, a worker). */
  stats(): { channel: string; received: number; connected: boolean } | null;
  /** Stops listening; whoever created the feed calls it. */
  close(): Promise<void>;
}
