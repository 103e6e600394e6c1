// Where /metrics is served. Never public by default: on the main port only with
// TESSERA_METRICS_TOKEN (Bearer), and on TESSERA_METRICS_PORT (a port meant for a private
// network) without one. With neither, /metrics does not exist (404).
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { listenFailure } from './listen-failure.ts';
import type { Metrics } from './metrics.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether this configuration serves metrics anywhere (else nothing is measured per request). */
export function metricsExposed(config: Pick<Config, 'metricsToken' | 'metricsPort'>): boolean {
  return config.metricsToken !== null || config.metricsPort !== null;
}

/**
 * Counts and times every request, by route pattern (a bounded label set): those Fastify answers
 * and those the front door answers for a route before Fastify sees them, under that route.
 */
export function installRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });
  app.frontDoor.observe((method, route, status, elapsedMs) => metrics.observeRequest(method, route, status, elapsedMs));
}

/** GET /metrics on the app, behind the bearer token; nothing when no token is configured. */
export function metricsRoute(app: FastifyInstance, metrics: Metrics, token: string | null): void {
  if (token === null) return;
  const expected = digest(token);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    // The scheme is case-insensitive (RFC 9110 §11.1: `bearer` is `Bearer`), as for API keys.
    const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    // Fixed-length digests: the comparison takes the same time whatever token was sent.
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      throw new AppError('unauthorized', 'Send the metrics token as `Authorization: Bearer <TESSERA_METRICS_TOKEN>`.', { headers: { 'www-authenticate': 'Bearer realm="metrics"' } });
    }
    const { contentType, body } = await metrics.exposition();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}

/** A plain HTTP server answering GET /metrics (and 404 to anything else) on its own port. */
export async function startMetricsServer(metrics: Metrics, host: string, port: number): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.exposition().then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(listenFailure(error, host, port, 'TESSERA_METRICS_HOST', 'TESSERA_METRICS_PORT'))));
    server.listen(port, host, () => resolve());
  });
  server.unref();
  return server;
}

/** Where a started metrics server answers, for the start-up log line (the port may have been 0: any free one). */
export function metricsUrl(server: http.Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') return String(address);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/metrics`;
}
