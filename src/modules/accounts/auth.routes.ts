// Dashboard authentication: sign up, sign in, sign out, who am I. Sessions ride in an HttpOnly
// cookie; the CSRF token the dashboard must echo in X-CSRF-Token comes back in these bodies.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal } from '../../http/auth.ts';
import { NoContent, Problem as problem } from '../../http/schema.ts';
import { ChangePasswordBody, LoginBody, SignupBody, SignupPolicy, Whoami } from './accounts.schemas.ts';
import { logIn, logOut, type SignedIn, signUp, signupStatus, whoAmI } from './auth.service.ts';
import { sessionCookieOptions } from './auth.plugin.ts';
import { DEVICE_COOKIE, deviceCookieOptions } from './known-device.ts';
import { changePassword, WRONG_CURRENT_PASSWORD } from './password.service.ts';
import { SESSION_COOKIE } from './session.service.ts';

/** Registers /api/v1/auth/{signup,login,logout,me,password}. */
export async function authRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  function sendSignedIn(reply: FastifyReply, status: number, s: SignedIn) {
    reply.setCookie(SESSION_COOKIE, s.sessionToken, sessionCookieOptions(ctx.config.publicUrl, Math.max(1, Math.floor((s.expiresAt - ctx.clock.now()) / 1000))));
    reply.setCookie(DEVICE_COOKIE, s.deviceToken, deviceCookieOptions(ctx.config.publicUrl));
    reply.header('cache-control', 'no-store');
    const body: Whoami = {
      user: { id: s.user.id, email: s.user.email, name: s.user.name },
      account: { id: s.account.id, slug: s.account.slug, name: s.account.name },
      csrf_token: s.csrfToken,
      via: 'session',
      test_mode: false,
      scope: 'all',
      batch_id: null,
    };
    return reply.status(status).send(body);
  }

  app.get(
    '/api/v1/auth/signup',
    {
      schema: {
        operationId: 'getSignupPolicy',
        tags: ['auth'],
        summary: 'Whether this instance takes sign-ups now (for a sign-in page to show or hide its sign-up link)',
        response: { 200: SignupPolicy },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return signupStatus(ctx);
    },
  );

  app.post(
    '/api/v1/auth/signup',
    {
      config: { csrf: false },
      schema: {
        operationId: 'signUp',
        tags: ['auth'],
        summary: 'Create an account and its owner, and sign in',
        description:
          "Follows TESSERA_SIGNUP: `first` takes only the instance's first account, `open` takes anyone, `closed` nobody. When the policy does not allow it the answer is 403 `signup_closed`, before the email is looked at: ask the instance owner for an account, or run `tessera account create` on the server. With `open`, an email that already has an account is a 409.",
        body: SignupBody,
        response: { 201: Whoami, 400: problem, 403: problem, 409: problem, 429: problem },
      },
    },
    async (request, reply) => sendSignedIn(reply, 201, await signUp(ctx, { ...request.body, ip: request.ip, previousToken: request.cookies[SESSION_COOKIE] })),
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { csrf: false },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets a new session cookie',
        body: LoginBody,
        response: { 200: Whoami, 401: problem, 429: problem },
      },
    },
    async (request, reply) =>
      sendSignedIn(reply, 200, await logIn(ctx, { ...request.body, ip: request.ip, previousToken: request.cookies[SESSION_COOKIE], deviceToken: request.cookies[DEVICE_COOKIE] })),
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], security: [{ session: [] }], summary: 'Sign out: deletes the session and clears the cookie', response: { 204: NoContent } } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.via === 'session') await logOut(ctx, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        security: [{ session: [] }],
        summary: "Change the signed-in person's password; their other sessions end (an API key gets 403)",
        description:
          `Needs the current password (${WRONG_CURRENT_PASSWORD.limit} wrong ones per ${WRONG_CURRENT_PASSWORD.windowMs / 60_000} minutes, then 429). Every other session of the person is signed out; this one stays. ` +
          'A forgotten password is reset by whoever runs the instance: `tessera account password --email EMAIL --password NEW` on the server.',
        body: ChangePasswordBody,
        response: { 204: NoContent, 400: problem, 403: problem, 429: problem },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, requirePrincipal(request), request.cookies[SESSION_COOKIE] ?? null, request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      // A door scanner checks the key it was given before its first ticket.
      config: { checkinKeys: true },
      schema: {
        tags: ['auth'],
        security: [{ session: [] }, { apiKey: [] }, { bearer: [] }],
        summary: 'The signed-in user and account (and the CSRF token)',
        description: 'Who is calling, and with a key what it may do (`scope`, and `batch_id` for a check-in key kept to one event). Any key may call this, a check-in key (scope `checkin`) too.',
        response: { 200: Whoami },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const me = await whoAmI(ctx, principal, principal.via === 'session' ? (request.cookies[SESSION_COOKIE] ?? null) : null);
      reply.header('cache-control', 'no-store');
      return {
        user: me.user && { id: me.user.id, email: me.user.email, name: me.user.name },
        account: { id: me.account.id, slug: me.account.slug, name: me.account.name },
        csrf_token: me.csrfToken,
        via: principal.via,
        test_mode: principal.testMode,
        scope: principal.scope,
        batch_id: principal.batchId,
      };
    },
  );
}
