// Dashboard authentication: sign up, sign in, sign out, who am I. Sessions ride in an HttpOnly
// cookie; the CSRF token the dashboard must echo in X-CSRF-Token comes back in these bodies.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal } from '../../http/auth.ts';
import { type AuthDeps, logIn, logOut, type SignedIn, signUp, whoAmI } from './auth.service.ts';
import { sessionCookieOptions } from './auth.plugin.ts';
import { SESSION_COOKIE } from './session.service.ts';

const userSchema = { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } } };
const accountSchema = { type: 'object', properties: { id: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' } } };
const signedInSchema = {
  type: 'object',
  properties: { user: { anyOf: [userSchema, { type: 'null' }] }, account: accountSchema, csrf_token: { type: ['string', 'null'] }, via: { type: 'string' } },
};

const credentials = {
  email: { type: 'string', maxLength: 320, description: 'Sign-in email' },
  password: { type: 'string', maxLength: 1024, description: 'At least 10 characters' },
};

/** Registers /api/v1/auth/{signup,login,logout,me}. */
export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const deps: AuthDeps = { db: ctx.db, clock: ctx.clock, limiter: ctx.rateLimiter!, masterKey: ctx.config.masterKey, sessionTtlMs: ctx.config.sessionTtlHours * 3_600_000 };

  function sendSignedIn(reply: FastifyReply, status: number, s: SignedIn) {
    reply.setCookie(SESSION_COOKIE, s.sessionToken, sessionCookieOptions(ctx.config.publicUrl, Math.floor(deps.sessionTtlMs / 1000)));
    reply.header('cache-control', 'no-store');
    return reply.status(status).send({
      user: { id: s.user.id, email: s.user.email, name: s.user.name },
      account: { id: s.account.id, slug: s.account.slug, name: s.account.name },
      csrf_token: s.csrfToken,
      via: 'session',
    });
  }

  app.post<{ Body: { email: string; password: string; name?: string; slug?: string } }>(
    '/api/v1/auth/signup',
    {
      config: { csrf: false },
      schema: {
        tags: ['auth'],
        summary: 'Create an account and its owner, and sign in',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'password'],
          properties: { ...credentials, name: { type: 'string', maxLength: 200 }, slug: { type: 'string', maxLength: 40, description: 'Account slug (the userSlug of hosted pages)' } },
        },
        response: { 201: signedInSchema },
      },
    },
    async (request, reply) => sendSignedIn(reply, 201, await signUp(deps, { ...request.body, ip: request.ip, previousToken: request.cookies[SESSION_COOKIE] })),
  );

  app.post<{ Body: { email: string; password: string } }>(
    '/api/v1/auth/login',
    {
      config: { csrf: false },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets a new session cookie',
        body: { type: 'object', additionalProperties: false, required: ['email', 'password'], properties: credentials },
        response: { 200: signedInSchema },
      },
    },
    async (request, reply) => sendSignedIn(reply, 200, await logIn(deps, { ...request.body, ip: request.ip, previousToken: request.cookies[SESSION_COOKIE] })),
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out: deletes the session and clears the cookie', response: { 204: { type: 'null' } } } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    if (principal.via === 'session') await logOut(ctx.db, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user and account (and the CSRF token)', response: { 200: signedInSchema } } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const me = await whoAmI(ctx.db, ctx.config.masterKey, principal, principal.via === 'session' ? request.cookies[SESSION_COOKIE] ?? null : null);
    reply.header('cache-control', 'no-store');
    return {
      user: me.user && { id: me.user.id, email: me.user.email, name: me.user.name },
      account: { id: me.account.id, slug: me.account.slug, name: me.account.name },
      csrf_token: me.csrfToken,
      via: principal.via,
    };
  });
}
