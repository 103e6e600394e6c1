// What every module receives: configuration, the database, the clock, and shutdown hooks.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import type { Config, Dialect } from './config.ts';
import type { Database } from './db/schema.ts';
import type { Metrics } from './http/metrics.ts';
import type { RateLimiter } from './http/rate-limit.ts';
import type { CampaignChanges } from './modules/campaigns/campaign-changes.ts';
import type { ScanRecorder } from './modules/scans/scan-event.ts';

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
  readonly campaignChanges: CampaignChanges;
}

/** A domain module: registers its routes (and hooks) on the app. */
export type Module = (app: FastifyInstance, ctx: AppContext) => Promise<void> | void;
