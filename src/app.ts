// Builds the Fastify application from a config and its dependencies. It never listens: main.ts
// does that, and tests drive the same app through inject().
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { installBodyParsers } from './http/body-parsers.ts';
import { proxyTrust } from './http/client-ip.ts';
import { installInputGuard } from './http/input-guard.ts';
import { AccessLogController, lazyRequestLogger, loggerOptions } from './http/logging.ts';
import { installMethodRules } from './http/methods.ts';
import { FrontDoor } from './http/front-door.ts';
import { Metrics } from './http/metrics.ts';
import { installRequestMetrics, metricsExposed, metricsRoute } from './http/metrics-routes.ts';
import { requestId } from './http/request-id.ts';
import { AJV_OPTIONS, requestValidation } from './http/validation.ts';
import { AppError } from './errors.ts';
import { installRequestContext } from './http/request-context.ts';
import { registerOpenApi } from './http/openapi.ts';
import { pageAssetRoutes } from './http/page/assets.ts';
import { clientErrors, expectationFailed, frameworkErrors, installProblemHandlers } from './http/problem.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { jobs } from './modules/jobs.ts';
import { startJobs, type JobRunner } from './jobs/runner.ts';
import { authPlugin } from './modules/accounts/index.ts';
import { idempotencyPlugin } from './modules/idempotency/index.ts';
import { CampaignChanges } from './modules/campaigns/index.ts';
import { modules } from './modules/index.ts';
import { createScanRecorder } from './modules/scans/index.ts';
import { reportOutbox } from './modules/webhooks/index.ts';

/** What buildApp needs besides the config. */
export interface AppDeps {
  database: DatabaseHandle;
  clock?: Clock;
  /** Where JSON logs go (tests capture them); defaults to stdout. */
  logStream?: NodeJS.WritableStream;
  /** Run background jobs in this process (default: config.runWorker). Tests run jobs by hand. */
  startWorker?: boolean;
  /** Called before the modules add their routes: tests install hooks that see every route (response checks). */
  instrument?: (app: FastifyInstance) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /** Handlers that may answer a request before Fastify routes it (hot public paths). */
    frontDoor: FrontDoor;
    /** This instance's Prometheus metrics (served per TESSERA_METRICS_TOKEN / _PORT). */
    metrics: Metrics;
  }
}

// The response headers a browser app on another origin may read; without the list it sees only
// the CORS-safelisted ones, and not the render's lint warnings, Retry-After or rate-limit state.
const CORS_EXPOSED_HEADERS = [
  'x-request-id',
  'x-qr-warnings',
  'x-qr-version',
  'x-content-hmac',
  'x-tessera-step-seconds',
  'x-tessera-render',
  'x-tessera-render-reason',
  'idempotent-replayed',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'location',
  'etag',
  'content-disposition',
];

// Every method the API answers. @fastify/cors grants only GET, HEAD and POST unless told, so a
// page on a listed origin could create an item but not DELETE it, nor PUT a campaign.
const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** How long a client may take to send a whole request, headers and body (ms). */
export const REQUEST_TIMEOUT_MS = 120_000;

/** Builds the app: plugins, error handling, OpenAPI, then every module. */
export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  if (!config.masterKey) throw new Error('buildApp needs a resolved master key (call ensureMasterKey first)');
  const frontDoor = new FrontDoor();
  const app = Fastify({
    serverFactory: frontDoor.serverFactory(),
    logger: config.logLevel === 'silent' && !deps.logStream ? false : loggerOptions(config.logLevel, deps.logStream),
    genReqId: requestId,
    requestIdHeader: false,
    logController: new AccessLogController(),
    childLoggerFactory: lazyRequestLogger,
    bodyLimit: config.bodyLimitBytes,
    // Fastify's default of 0 turns off Node's limit on receiving a whole request: a client that
    // sent its headers could then trickle a body a byte at a time and hold the socket forever.
    // Two minutes takes the largest body (TESSERA_BODY_LIMIT's 1 MB, a 10 MB bank statement) over
    // a slow phone link; slow headers are cut at Node's 60 s headersTimeout as before.
    requestTimeout: REQUEST_TIMEOUT_MS,
    trustProxy: proxyTrust(config.trustProxy),
    // Its 503 while closing is bare JSON; the onRequest hook below answers a problem instead.
    return503OnClosing: false,
    frameworkErrors: frameworkErrors(config.publicUrl),
    clientErrorHandler: clientErrors(config.publicUrl),
    ajv: { customOptions: AJV_OPTIONS },
    schemaController: requestValidation(),
  });

  const exposed = metricsExposed(config);
  const metrics = new Metrics({ defaultMetrics: exposed });
  metrics.sources.frontDoorAnswers = () => frontDoor.answered;
  if (deps.database.poolStats) metrics.sources.dbPool = deps.database.poolStats;
  const campaignChanges = new CampaignChanges(deps.database.dialect);
  metrics.sources.changeListener = () => campaignChanges.stats();
  const core: Omit<AppContext, 'scans'> = {
    config: config as AppContext['config'],
    db: deps.database.db,
    dialect: deps.database.dialect,
    clock: deps.clock ?? systemClock,
    log: app.log,
    metrics,
    campaignChanges,
    rateLimiter: await createRateLimiter(
      config.redisUrl,
      config.redisPrefix,
      (error) => app.log.error({ err: error }, 'Redis unavailable: rate limits fall back to this instance’s own counts until it answers'),
      () => app.log.warn('Redis answers again: rate limits are shared across instances again'),
    ),
  };
  const ctx: AppContext = { ...core, scans: createScanRecorder(core) };
  app.addHook('onClose', async () => {
    await ctx.rateLimiter?.close();
    await campaignChanges.close();
  });
  // Runs after the job runner stops (onClose hooks run in reverse) and before the database closes.
  app.addHook('onClose', () => ctx.scans.close());
  // Other instances' changes reach the redirect cache at once (PostgreSQL; a no-op on SQLite).
  campaignChanges.listen(deps.database, app.log);
  app.decorate('ctx', ctx);
  reportOutbox(ctx);
  app.decorate('frontDoor', frontDoor);
  app.decorate('metrics', metrics);
  // Measuring every request is for an instance somebody scrapes.
  if (exposed) installRequestMetrics(app, metrics);
  // Before any route is added: every route passes its onRoute hook.
  const allowedMethods = installMethodRules(app);
  installBodyParsers(app);
  installInputGuard(app);
  // From the first moment of close() Fastify owns every request, and answers each one that
  // arrives meanwhile (pipelined, or on a busy keep-alive connection) with a 503.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    frontDoor.close();
    done();
  });
  app.decorateRequest('principal', null);

  // Work a request leaves behind (outbox events) records its id (src/http/request-context.ts).
  installRequestContext(app);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (closing) {
      done(
        new AppError('not_ready', 'This instance is shutting down; send the request again and another instance (or this one, restarted) will answer it.', {
          headers: { 'retry-after': '1', connection: 'close' },
        }),
      );
      return;
    }
    done();
  });
  const https = config.publicUrl.startsWith('https:');
  await app.register(securityHeaders, {
    // QR images are meant to be embedded by other sites (tickets, landing pages).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // On a plain-http deployment these two would break every link the instance serves.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
  });
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins],
      credentials: !config.corsOrigins.includes('*'),
      methods: CORS_METHODS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
    });
  }
  await app.register(cookie);
  installProblemHandlers(app, config.publicUrl, allowedMethods);
  app.server.on('checkExpectation', expectationFailed(config.publicUrl, app.log));
  await registerOpenApi(app, config.publicUrl);
  // The font and script of the public pages, from this origin (no CDN).
  await app.register(pageAssetRoutes);

  await app.register(authPlugin, { ctx });
  await app.register(idempotencyPlugin, { ctx });
  deps.instrument?.(app);
  metricsRoute(app, metrics, config.metricsToken);
  for (const mod of modules) await app.register(async (scope) => mod(scope, ctx));

  if (deps.startWorker ?? config.runWorker) {
    let runner: JobRunner | undefined;
    app.addHook('onReady', async () => {
      runner = startJobs(ctx, jobs);
    });
    // Registered after the modules' own onClose hooks, so it runs before them (Fastify runs
    // onClose in reverse): jobs stop before buffers flush and the database closes.
    app.addHook('onClose', async () => {
      await runner?.stop();
    });
  }
  return app;
}
