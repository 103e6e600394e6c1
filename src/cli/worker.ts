// `tessera worker`: runs the background jobs (webhook delivery, sweepers) without the HTTP
// server, for deployments that scale workers separately (set TESSERA_WORKER=false on `serve`).
// On SIGTERM/SIGINT it stops scheduling, lets in-flight runs finish, closes the database, exits 0.
import type { FastifyBaseLogger } from 'fastify';
import { systemClock } from '../clock.ts';
import type { AppContext } from '../context.ts';
import { processLogger } from '../http/logging.ts';
import { Metrics } from '../http/metrics.ts';
import { metricsUrl, startMetricsServer } from '../http/metrics-routes.ts';
import { CampaignChanges } from '../modules/campaigns/index.ts';
import { reportOutbox } from '../modules/webhooks/index.ts';
import { jobs } from '../modules/jobs.ts';
import { createScanRecorder } from '../modules/scans/index.ts';
import { startJobs } from '../jobs/runner.ts';
import { type Command, noArguments } from './command.ts';
import { openRuntime, sqliteFile } from './runtime.ts';

/** `tessera worker`. */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'Run background jobs (webhook delivery, sweepers) without the HTTP server',
  // SQLite claims and cache invalidation assume one process per file (src/db/claim.ts, notify.ts).
  usage:
    'tessera worker\n\nRuns the webhook delivery worker and the sweepers until SIGTERM. Any number may run against PostgreSQL (set TESSERA_WORKER=false on the web instances). On SQLite `tessera serve` runs these jobs itself: one process per SQLite file, so no worker beside it (a worker started beside one is refused).',
  options: {},
  async run({ positionals }) {
    noArguments(positionals);
    // The JSON logger exists once the configuration has chosen its level: from then on every line,
    // migrations and a generated key included, goes through it.
    let log!: FastifyBaseLogger;
    // On SQLite the only process on the file: refused beside a `tessera serve`, which runs these jobs itself.
    const { config, database } = await openRuntime((loaded) => (log = processLogger(loaded.logLevel)), undefined, { soleProcess: 'worker' });
    // A worker serves its metrics (deliveries, outbox, process) only on TESSERA_METRICS_PORT.
    const metrics = new Metrics({ defaultMetrics: config.metricsPort !== null });
    if (database.poolStats) metrics.sources.dbPool = database.poolStats;
    const core = { config: config as AppContext['config'], db: database.db, dialect: database.dialect, clock: systemClock, log, campaignChanges: new CampaignChanges(database.dialect) };
    // A worker serves no redirects: its scan recorder stays empty and reports no metrics.
    const ctx: AppContext = { ...core, metrics, scans: createScanRecorder(core) };
    reportOutbox(ctx);
    const metricsServer =
      config.metricsPort === null
        ? null
        : await startMetricsServer(metrics, config.metricsHost, config.metricsPort).catch(async (error: unknown) => {
            // Nothing else has started: close what did, so the process ends with the error.
            await ctx.scans.close();
            await database.close();
            throw error;
          });
    const runner = startJobs(ctx, jobs);
    // The handlers are in place before "worker started" is written: a supervisor (or a test) that
    // sends SIGTERM on reading that line must reach them, not the default that kills outright.
    const stopped = new Promise<number>((resolve) => {
      const stop = async (signal: string) => {
        log.info({ signal }, 'worker stopping: waiting for running jobs');
        // A job waiting on a database that stopped answering would hold the process (and its
        // metrics port) until SIGKILL: the same limit as `serve` (TESSERA_SHUTDOWN_TIMEOUT_MS).
        const timer = setTimeout(() => {
          log.error({ running: runner.running(), timeoutMs: config.shutdownTimeoutMs }, 'worker stop timed out (TESSERA_SHUTDOWN_TIMEOUT_MS); exiting');
          process.exit(1);
        }, config.shutdownTimeoutMs);
        timer.unref();
        await runner.stop();
        await ctx.scans.close();
        metricsServer?.close();
        await database.close();
        clearTimeout(timer);
        log.info('worker stopped');
        resolve(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });
    log.info(
      {
        mode: config.production ? 'production' : 'development',
        jobs: jobs.map((j) => j.name),
        database: config.dialect,
        ...sqliteFile(config),
        ...(metricsServer ? { metrics: metricsUrl(metricsServer) } : {}),
      },
      'worker started',
    );
    // The token opens /metrics on a web instance's port; a worker has none, and an operator who
    // configured only the token found its workers had no metrics to scrape, without a word.
    if (config.metricsToken !== null && metricsServer === null) {
      log.warn('TESSERA_METRICS_TOKEN is set, but a worker serves no HTTP port for it: this worker serves no metrics; set TESSERA_METRICS_PORT (and TESSERA_METRICS_HOST) to scrape it');
    }
    return stopped;
  },
};
