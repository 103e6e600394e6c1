// Helmet's security headers, computed once. @fastify/helmet rebuilds its middleware on every
// request and runs an async hook on every route, including those that opt out (`helmet: false`):
// a promise and a config merge per redirect. The headers depend only on the options, so they are
// taken once from @fastify/helmet itself (one request to a private instance at startup) and a
// synchronous hook sets them; routes with `helmet: false` still opt out.
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

// What a bare Fastify reply carries anyway; everything else in the probe's answer is helmet's.
const FRAMEWORK_HEADERS = new Set(['content-length', 'content-type', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/** The headers @fastify/helmet sends with `options`, as a plain object. */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  probe.get('/', (_request, reply) => reply.send(''));
  const response = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!FRAMEWORK_HEADERS.has(name) && value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** Sets helmet's headers on every reply except routes declared with `helmet: false`. */
export const securityHeaders = fp(
  async (app: FastifyInstance, options: FastifyHelmetOptions) => {
    const headers = await helmetHeaders(options);
    app.addHook('onRoute', (route) => {
      if ((route as { helmet?: unknown }).helmet === false) {
        route.config = { ...route.config, securityHeaders: false };
      }
    });
    app.addHook('onRequest', (request, reply, done) => {
      if (request.routeOptions.config?.securityHeaders !== false) reply.headers(headers);
      done();
    });
  },
  { name: 'tessera-security-headers' },
);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false on routes that send their own fixed security headers (set from `helmet: false`). */
    securityHeaders?: boolean;
  }
}
