// `tessera serve`: migrate, listen, and shut down gracefully on SIGTERM/SIGINT — stop accepting,
// drain in-flight requests, flush buffers (onClose hooks), close the database, exit 0.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { recordServerStart } from '../db/server-starts.ts';
import { listenFailure } from '../http/listen-failure.ts';
import { processLogger } from '../http/logging.ts';
import { metricsUrl, startMetricsServer } from '../http/metrics-routes.ts';
import { type Command, noArguments } from './command.ts';
import { releaseStartupMemory } from './release-startup-memory.ts';
import { openRuntime, sqliteFile } from './runtime.ts';

/** `tessera serve`. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the HTTP server (migrates first)',
  usage: 'tessera serve\n\nStarts Tessera with the configuration from the environment (see README). Migrations run first.',
  options: {},
  async run({ positionals }) {
    noArguments(positionals);
    // Migrations and a generated key are said as JSON log lines like the app's (a log shipper parses
    // stdout); the app's own logger does not exist yet.
    // The only process on a SQLite file: a second serve (or a worker) beside it is refused.
    let log!: FastifyBaseLogger;
    const { config, database } = await openRuntime((loaded) => (log = processLogger(loaded.logLevel)), undefined, { soleProcess: 'serve' });
    // On SQLite no `tessera worker` may run beside this process (it is refused), so without the
    // jobs here nothing delivers webhooks, expires payments or sweeps sessions and old scans.
    if (!config.runWorker && config.dialect === 'sqlite') {
      log.warn(
        'TESSERA_WORKER=false on SQLite: no background jobs run (webhook delivery, payment expiry, session, item and scan sweepers), and `tessera worker` cannot run beside this process on the same file; unset TESSERA_WORKER, or move to PostgreSQL to run workers separately',
      );
    }
    // A failure building the app (a bad TESSERA_GEOIP_DB) closes the database, releasing the
    // SQLite lock: else the next start warned that this one "ended without stopping cleanly".
    const app = await buildApp(config, { database }).catch(async (error: unknown) => {
      await database.close().catch(() => {});
      throw error;
    });
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down: draining requests');
      const timer = setTimeout(() => {
        // Scans still held (a flush that hangs on the database) are lost here: say how many.
        app.log.error({ lostScans: app.ctx.scans.pending, timeoutMs: config.shutdownTimeoutMs }, 'graceful shutdown timed out (TESSERA_SHUTDOWN_TIMEOUT_MS); exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs);
      timer.unref();
      try {
        await app.close();
        await database.close();
        app.log.info('shutdown complete');
        process.exit(0);
      } catch (error) {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      }
    };
    const onTerm = () => void shutdown('SIGTERM');
    const onInt = () => void shutdown('SIGINT');
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
    try {
      await startServing(app, config, database);
    } catch (error) {
      // A server that cannot listen must exit, not idle with its jobs running: a supervisor
      // restarts or reports a process that ends, never one that hangs. What opened is closed so
      // the process can end on its own (exit status 1).
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      await app.close().catch(() => {});
      await database.close().catch(() => {});
      throw error;
    }
    return new Promise<number>(() => {});
  },
};

/**
 * Everything `tessera serve` does between building the app and "Tessera is ready". Exported so
 * bench/http-server.js measures a server started exactly this way, not a copy of it.
 */
export async function startServing(app: FastifyInstance, config: Config, database: DatabaseHandle): Promise<void> {
  await app.ready();
  await releaseStartupMemory();
  await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
    throw new Error(listenFailure(error, config.host, config.port, 'HOST', 'PORT'));
  });
  // PORT=0 picks a free port only now, after the public URL every code encodes was built from it.
  const bound = app.server.address();
  if (config.port === 0 && new URL(config.publicUrl).port === '0' && bound && typeof bound === 'object') {
    app.log.warn(
      `PORT=0 took port ${bound.port}, but TESSERA_PUBLIC_URL is not set, so codes, short links and page addresses name port 0 (${config.publicUrl}) and open nowhere; set TESSERA_PUBLIC_URL (e.g. http://127.0.0.1:${bound.port}) or a fixed PORT`,
    );
  }
  // A private port for the scraper; it closes with the process.
  const metricsServer = config.metricsPort === null ? null : await startMetricsServer(app.metrics, config.metricsHost, config.metricsPort);
  // The marker `tessera account create` reads to tell whether it writes where a server reads.
  await recordServerStart(database.db, systemClock.now()).catch((error: unknown) => app.log.warn({ err: error }, 'could not record the server start'));
  // The mode, said outright: a mistyped NODE_ENV runs development mode, and this line shows it. So
  // is the SQLite file: ./data is relative to where the process starts, and a start from another
  // directory (a service unit's) served a new, empty database without naming it.
  app.log.info(
    {
      mode: config.production ? 'production' : 'development',
      publicUrl: config.publicUrl,
      database: config.dialect,
      ...sqliteFile(config),
      ...(metricsServer ? { metrics: metricsUrl(metricsServer) } : {}),
    },
    'Tessera is ready',
  );
}
