// The auth hook. Each route's OpenAPI `security` declaration decides what it does (see
// src/http/auth.ts), and it runs on onRequest, before the body is parsed or validated, so an
// anonymous caller learns nothing about a request schema:
//  - no declaration (public routes: redirects, items, hosted pages, health): credentials are never
//    read, so a junk key added by a proxy or a shared HTTP client cannot break them;
//  - required: an API key (X-API-Key or Authorization: Bearer) answers with the seed's error table
//    (401 invalid, 403 expired/revoked); a session cookie on an unsafe method needs the CSRF checks
//    (Origin/Referer host + X-CSRF-Token, else 403 csrf_failed); nothing at all is 401;
//  - optional (`{}` among the alternatives): valid credentials yield a principal. An API key that
//    is sent and fails gets the same answer as on a required route (a caller whose key was revoked
//    must be told, not have its items made anonymous, unattributed and unannounced); a stale
//    session cookie, or a check-in key (valid, only not for this), leaves the caller anonymous.
// Authenticated callers are rate limited per key or session.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { authModeOf, checkinKeyRefused, credentialsMissing, type Principal, sessionEnded, type SecurityRequirement, WWW_AUTHENTICATE } from '../../http/auth.ts';
import { MemoryRateLimiter, rateLimitedError, rateLimitHeaders } from '../../http/rate-limit.ts';
import { authenticateApiKey } from './api-key.service.ts';
import { csrfTokenValid, resolveSession, SESSION_COOKIE } from './session.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false on routes that start a session (login, signup): they need no CSRF token yet. */
    csrf?: boolean;
    /** Set from the route's `security` declaration when the route is added; never by hand. */
    auth?: 'required' | 'optional';
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

// Node keeps the first of several Authorization headers and drops the rest (several X-API-Key
// headers it joins, and the joined value fails as malformed), so a second key would go unseen
// and the request act as whichever came first. The raw headers still hold every one.
function conflictingAuthorization(request: FastifyRequest): number {
  const raw = request.raw.rawHeaders;
  const values = new Set<string>();
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() !== 'authorization') continue;
    count++;
    values.add(raw[i + 1]!.trim());
  }
  return values.size > 1 ? count : 0;
}

/** The API key the request presents, or undefined; throws when it presents two different ones. */
export function presentedApiKey(request: FastifyRequest): string | undefined {
  const headers = conflictingAuthorization(request);
  if (headers) throw new AppError('api_key_invalid', `The request has ${headers} Authorization headers with different values; send one.`);
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

/** Authenticates the request; returns true when it sent a session cookie that names no session any more. */
async function authenticate(ctx: AppContext, publicHost: string, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const key = presentedApiKey(request);
  if (key !== undefined) {
    const found = await authenticateApiKey(ctx, key, { acceptExpired: request.routeOptions.config?.acceptsExpiredApiKey === true });
    request.principal = { accountId: found.accountId, userId: null, via: 'api_key', apiKeyId: found.id, testMode: found.env === 'tst', scope: found.scope, batchId: found.batchId } satisfies Principal;
    await applyRateLimit(ctx, reply, `key:${found.id}`);
    // After the rate limit: refused requests count too, or a lost door key could be tried freely.
    // Any scope but `all` is closed unless the route opens to it (a scope this version does not
    // know, after a downgrade, gets nothing rather than everything).
    if (found.scope !== 'all' && !(found.scope === 'checkin' && request.routeOptions.config?.checkinKeys === true)) {
      request.principal = null;
      throw checkinKeyRefused(request.method, request.routeOptions.url ?? request.url);
    }
    return false;
  }
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return false;
  const session = await resolveSession(ctx, token);
  if (!session) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }
  if (UNSAFE_METHODS.has(request.method) && request.routeOptions.config?.csrf !== false) {
    const csrfHeader = headerValue(request.headers['x-csrf-token']);
    if (!sameOrigin(request, publicHost) || !csrfTokenValid(ctx.config.masterKey, token, csrfHeader)) {
      throw new AppError('csrf_failed', 'Cookie-authenticated changes need the X-CSRF-Token header (from /api/v1/auth/me) and a same-origin Origin; API clients should use an API key.');
    }
  }
  if (session.refreshed) reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx.config.publicUrl, Math.max(1, Math.floor((session.expiresAt - ctx.clock.now()) / 1000))));
  request.principal = { accountId: session.accountId, userId: session.userId, via: 'session', apiKeyId: null, testMode: false, scope: 'all', batchId: null } satisfies Principal;
  await applyRateLimit(ctx, reply, `session:${session.id}`);
  return false;
}

/** Whether the request tries an API key (well formed or not), as opposed to a cookie or another scheme. */
function triesApiKey(request: FastifyRequest): boolean {
  const authorization = headerValue(request.headers.authorization);
  return request.headers['x-api-key'] !== undefined || (authorization !== undefined && /^Bearer\b/i.test(authorization));
}

/** On a route where credentials are optional, whether `error` leaves the caller anonymous instead of being answered. */
function anonymousAfter(request: FastifyRequest, error: unknown): boolean {
  // A route that takes no key at all (the product page takes a session only) ignores one.
  const security = request.routeOptions.schema?.security as SecurityRequirement[] | undefined;
  const takesKeys = security?.some((requirement) => 'apiKey' in requirement || 'bearer' in requirement) ?? false;
  if (!takesKeys || !triesApiKey(request)) return true;
  return error instanceof AppError && error.code === 'api_key_scope';
}

/** A 401 carries the challenge, marked invalid_token when a credential was sent (RFC 6750). */
function withChallenge(error: unknown): unknown {
  if (error instanceof AppError && error.status === 401) {
    return new AppError(error.code, error.detail, { headers: { ...error.headers, 'www-authenticate': `${WWW_AUTHENTICATE}, error="invalid_token"` } });
  }
  return error;
}

/** Installs the auth hook on the whole app (not encapsulated); register it before the modules. */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { ctx: AppContext }) => {
    const ctx = options.ctx.rateLimiter ? options.ctx : { ...options.ctx, rateLimiter: new MemoryRateLimiter() };
    const publicHost = new URL(ctx.config.publicUrl).host;
    // Routes added before this plugin (the OpenAPI document, /docs) declare no security: public.
    app.addHook('onRoute', (route) => {
      const auth = authModeOf(route.schema?.security as SecurityRequirement[] | undefined);
      if (auth) route.config = { ...route.config, auth };
    });
    // Callback-style with a synchronous exit: public traffic (redirects, pages) never reaches the
    // credential code, and an async hook would cost every such request a promise and a microtask.
    app.addHook('onRequest', (request, reply, done) => {
      const mode = request.routeOptions.config?.auth;
      if (mode === undefined) return done();
      const headers = request.headers;
      if (headers['x-api-key'] === undefined && headers.authorization === undefined && headers.cookie === undefined) {
        return done(mode === 'required' ? credentialsMissing() : undefined);
      }
      authenticate(ctx, publicHost, request, reply).then(
        // A person whose session ran out is told so, not asked for an API key.
        (ended) => done(mode === 'required' && !request.principal ? (ended ? sessionEnded() : credentialsMissing()) : undefined),
        (error: unknown) => {
          if (mode === 'optional' && anonymousAfter(request, error)) {
            request.principal = null;
            return done();
          }
          done(withChallenge(error) as Error);
        },
      );
    });
  },
  { name: 'tessera-auth', dependencies: ['@fastify/cookie'] },
);
