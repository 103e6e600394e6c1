// Dashboard authentication: sign up, sign in, sign out, who am I. Sessions ride in an HttpOnly
// cookie; the CSRF token the dashboard must echo in X-CSRF-Token comes back in these bodies.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { SIGNUP_MODES } from '../../config.ts';
import { PROBLEM_SCHEMA as problem } from '../../http/problem.ts';
import { type AuthDeps, logIn, logOut, type SignedIn, signUp, signupStatus, whoAmI } from './auth.service.ts';
import { sessionCookieOptions } from './auth.plugin.ts';
import { DEVICE_COOKIE, deviceCookieOptions } from './known-device.ts';
import { SESSION_COOKIE } from './session.service.ts';

const userSchema = {
  title: 'User',
  type: 'object',
  description: 'A person who signs in.',
  required: ['id', 'email', 'name'],
  properties: { id: { type: 'string', examples: ['usr_4hT9xQ2mZpL8vN3bK7wR1c'] }, email: { type: 'string', format: 'email' }, name: { type: 'string' } },
};
const accountSchema = {
  title: 'Account',
  type: 'object',
  description: 'The tenant every resource belongs to; `slug` is the seeds\' `userSlug`.',
  required: ['id', 'slug', 'name'],
  properties: { id: { type: 'string', examples: ['acc_4hT9xQ2mZpL8vN3bK7wR1c'] }, slug: { type: 'string', examples: ['acme'] }, name: { type: 'string' } },
};
const signedInSchema = {
  title: 'Whoami',
  type: 'object',
  description: 'Who is calling. With a session, `csrf_token` is what cookie-authenticated writes send in X-CSRF-Token; with an API key, `user` and `csrf_token` are null.',
  required: ['user', 'account', 'csrf_token', 'via', 'test_mode'],
  properties: {
    user: { anyOf: [userSchema, { type: 'null' }] },
    account: accountSchema,
    csrf_token: { type: ['string', 'null'] },
    via: { type: 'string', enum: ['session', 'api_key'] },
    test_mode: { type: 'boolean', description: 'True for `sec1-tst-…` keys.' },
  },
};

const credentials = {
  email: { type: 'string', maxLength: 320, description: 'Sign-in email' },
  password: { type: 'string', maxLength: 1024, description: 'At least 10 characters' },
};

const signupStatusSchema = {
  type: 'object',
  required: ['allowed', 'mode'],
  properties: {
    allowed: { type: 'boolean', description: 'Whether POST /api/v1/auth/signup would create an account now.' },
    mode: { type: 'string', enum: [...SIGNUP_MODES], description: 'TESSERA_SIGNUP: `first` (only the first account of the instance), `open` or `closed`.' },
  },
} as const;

/** Registers /api/v1/auth/{signup,login,logout,me}. */
export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const deps: AuthDeps = {
    db: ctx.db,
    dialect: ctx.dialect,
    clock: ctx.clock,
    limiter: ctx.rateLimiter!,
    masterKey: ctx.config.masterKey,
    sessionTtlMs: ctx.config.sessionTtlHours * 3_600_000,
    signup: ctx.config.signup,
  };

  function sendSignedIn(reply: FastifyReply, status: number, s: SignedIn) {
    reply.setCookie(SESSION_COOKIE, s.sessionToken, sessionCookieOptions(ctx.config.publicUrl, Math.floor(deps.sessionTtlMs / 1000)));
    reply.setCookie(DEVICE_COOKIE, s.deviceToken, deviceCookieOptions(ctx.config.publicUrl));
    reply.header('cache-control', 'no-store');
    return reply.status(status).send({
      user: { id: s.user.id, email: s.user.email, name: s.user.name },
      account: { id: s.account.id, slug: s.account.slug, name: s.account.name },
      csrf_token: s.csrfToken,
      via: 'session',
      test_mode: false,
    });
  }

  app.get(
    '/api/v1/auth/signup',
    {
      schema: {
        operationId: 'getSignupPolicy', tags: ['auth'],
        summary: 'Whether this instance takes sign-ups now (for a sign-in page to show or hide its sign-up link)',
        response: { 200: signupStatusSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return signupStatus(deps);
    },
  );

  app.post<{ Body: { email: string; password: string; name?: string; slug?: string } }>(
    '/api/v1/auth/signup',
    {
      config: { csrf: false },
      schema: {
        operationId: 'signUp', tags: ['auth'],
        summary: 'Create an account and its owner, and sign in',
        description:
          'Follows TESSERA_SIGNUP: `first` takes only the instance\'s first account, `open` takes anyone, `closed` nobody. When the policy does not allow it the answer is 403 `signup_closed`, before the email is looked at: ask the instance owner for an account, or run `tessera account create` on the server. With `open`, an email that already has an account is a 409.',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'password'],
          properties: { ...credentials, name: { type: 'string', maxLength: 200 }, slug: { type: 'string', maxLength: 40, description: 'Account slug (the userSlug of hosted pages)' } },
        },
        response: { 201: signedInSchema, 400: problem, 403: problem, 409: problem, 429: problem },
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
        response: { 200: signedInSchema, 401: problem, 429: problem },
      },
    },
    async (request, reply) =>
      sendSignedIn(reply, 200, await logIn(deps, { ...request.body, ip: request.ip, previousToken: request.cookies[SESSION_COOKIE], deviceToken: request.cookies[DEVICE_COOKIE] })),
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], security: [{ session: [] }], summary: 'Sign out: deletes the session and clears the cookie', response: { 204: { type: 'null' } } } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    if (principal.via === 'session') await logOut(ctx.db, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], security: SIGNED_IN, summary: 'The signed-in user and account (and the CSRF token)', response: { 200: signedInSchema } } }, async (request, reply) => {
    const principal = requirePrincipal(request);
    const me = await whoAmI(ctx.db, ctx.config.masterKey, principal, principal.via === 'session' ? request.cookies[SESSION_COOKIE] ?? null : null);
    reply.header('cache-control', 'no-store');
    return {
      user: me.user && { id: me.user.id, email: me.user.email, name: me.user.name },
      account: { id: me.account.id, slug: me.account.slug, name: me.account.name },
      csrf_token: me.csrfToken,
      via: principal.via,
      test_mode: principal.testMode,
    };
  });
}
