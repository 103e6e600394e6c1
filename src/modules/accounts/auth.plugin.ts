// The auth hook every route runs behind. It turns credentials into `request.principal`:
//  - an API key (X-API-Key or Authorization: Bearer) must be valid wherever it is sent; a bad
//    one is answered at once with the seed's error table (401 invalid, 403 expired/revoked);
//  - a session cookie yields a principal, except on unsafe methods without the CSRF checks
//    (Origin/Referer host + X-CSRF-Token), where the request is treated as anonymous and
//    `authProblem` carries csrf_failed for routes that require auth (ADR 0003).
// Authenticated callers are rate limited per key or session.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { type Principal, WWW_AUTHENTICATE } from '../../http/auth.ts';
import { MemoryRateLimiter, rateLimitedError, rateLimitHeaders } from '../../http/rate-limit.ts';
import { authenticateApiKey } from './api-key.service.ts';
import { csrfTokenValid, resolveSession, SESSION_COOKIE } from './session.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false on routes that start a session (login, signup): they need no CSRF token yet. */
    csrf?: boolean;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RATE_WINDOW_MS = 60_000;

/** Cookie attributes of the session cookie. */
export function sessionCookieOptions(publicUrl: string, maxAgeSeconds: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: publicUrl.startsWith('https:'), maxAge: maxAgeSeconds };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** The API key the request presents, or undefined; throws when it presents two different ones. */
export function presentedApiKey(request: FastifyRequest): string | undefined {
  const header = headerValue(request.headers['x-api-key'])?.trim();
  const authorization = headerValue(request.headers.authorization);
  const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  if (authorization && /^Bearer\b/i.test(authorization) && !bearer) throw new AppError('api_key_invalid', 'The Authorization header must be `Bearer <key>`.');
  if (header !== undefined && bearer !== undefined && header !== bearer) throw new AppError('api_key_invalid', 'X-API-Key and Authorization carry different keys; send one.');
  const key = header ?? bearer;
  if (key === '') throw new AppError('api_key_missing', 'The X-API-Key header is empty; put your sec1-… key in it.');
  return key;
}

function sameOrigin(request: FastifyRequest, publicHost: string): boolean {
  const source = headerValue(request.headers.origin) ?? headerValue(request.headers.referer);
  if (!source || source === 'null') return false;
  let host: string;
  try {
    host = new URL(source).host;
  } catch {
    return false;
  }
  return host === publicHost || host === request.headers.host;
}

async function applyRateLimit(ctx: AppContext, reply: FastifyReply, key: string): Promise<void> {
  const result = await ctx.rateLimiter!.hit(key, ctx.config.rateLimitPerMinute, RATE_WINDOW_MS, ctx.clock.now());
  if (!result.allowed) throw rateLimitedError(result, 'This key has made too many requests this minute; wait the number of seconds in Retry-After.');
  reply.headers(rateLimitHeaders(result));
}

async function authenticate(ctx: AppContext, publicHost: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const key = presentedApiKey(request);
  const now = ctx.clock.now();
  if (key !== undefined) {
    const found = await authenticateApiKey(ctx.db, now, key, { acceptExpired: request.routeOptions.config?.acceptsExpiredApiKey === true });
    request.principal = { accountId: found.accountId, userId: null, via: 'api_key', apiKeyId: found.id, testMode: found.env === 'tst' } satisfies Principal;
    await applyRateLimit(ctx, reply, `key:${found.id}`);
    return;
  }
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return;
  const ttlMs = ctx.config.sessionTtlHours * 3_600_000;
  const session = await resolveSession(ctx.db, now, ttlMs, token);
  if (!session) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  if (UNSAFE_METHODS.has(request.method) && request.routeOptions.config?.csrf !== false) {
    const csrfHeader = headerValue(request.headers['x-csrf-token']);
    if (!sameOrigin(request, publicHost) || !csrfTokenValid(ctx.config.masterKey, token, csrfHeader)) {
      request.authProblem = new AppError('csrf_failed', 'Cookie-authenticated changes need the X-CSRF-Token header (from /api/v1/auth/me) and a same-origin Origin; API clients should use an API key.');
      return;
    }
  }
  if (session.refreshed) reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx.config.publicUrl, Math.floor(ttlMs / 1000)));
  request.principal = { accountId: session.accountId, userId: session.userId, via: 'session', apiKeyId: null, testMode: false } satisfies Principal;
  await applyRateLimit(ctx, reply, `session:${session.id}`);
}

/** Installs the auth hook on the whole app (not encapsulated); register it before the modules. */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { ctx: AppContext }) => {
    const ctx = options.ctx.rateLimiter ? options.ctx : { ...options.ctx, rateLimiter: new MemoryRateLimiter() };
    const publicHost = new URL(ctx.config.publicUrl).host;
    app.decorateRequest('authProblem', null);
    // Callback-style with a synchronous exit: most public traffic (redirects, pages) carries no
    // credentials, and an async hook would cost every such request a promise and a microtask.
    app.addHook('onRequest', (request, reply, done) => {
      const headers = request.headers;
      if (headers['x-api-key'] === undefined && headers.authorization === undefined && headers.cookie === undefined) return done();
      authenticate(ctx, publicHost, request, reply).then(
        () => done(),
        (error: unknown) => {
          if (error instanceof AppError && error.status === 401) {
            return done(new AppError(error.code, error.detail, { headers: { ...error.headers, 'www-authenticate': `${WWW_AUTHENTICATE}, error="invalid_token"` } }));
          }
          done(error as Error);
        },
      );
    });
  },
  { name: 'tessera-auth', dependencies: ['@fastify/cookie'] },
);
