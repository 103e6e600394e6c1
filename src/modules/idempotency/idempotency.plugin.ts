// Idempotency-Key on every route that declares `'x-idempotent': true` in its schema (the same
// declaration puts the header into the OpenAPI document). The handler is untouched: a preHandler
// claims the key or replays the stored answer, onSend stores a 2xx answer or forgets the claim.
// Stored answers can hold secrets shown once (a new API key, an item's delete token), so they are
// sealed (AES-256-GCM, bound to account and key) rather than kept readable in the database.
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../../context.ts';
import { openSecret, sealSecret } from '../../crypto/aead.ts';
import { deriveKey } from '../../crypto/keys.ts';
import { AppError } from '../../errors.ts';
import { beginIdempotent, completeIdempotent, releaseIdempotent } from './idempotency.ts';

declare module 'fastify' {
  interface FastifySchema {
    /** Idempotency-Key is honoured (and documented) on this route. */
    'x-idempotent'?: boolean;
  }
}

/** The schema extension a route sets to be idempotent (read by the OpenAPI finisher too). */
export const IDEMPOTENT_ROUTE = 'x-idempotent';

interface Claim {
  accountId: string;
  key: string;
}

interface StoredAnswer {
  contentType: string | null;
  location: string | null;
  body: string;
}

function headerText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function toArray<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

/**
 * What makes two requests under one key the same request: body, query and, on a route with path
 * parameters, those too — one key sent for two different resources is a mistake (422), never a
 * replay of the first resource's answer. Routes without parameters keep the fingerprint they had,
 * so keys stored before parameters counted still match their retries.
 */
function fingerprintOf(request: FastifyRequest): Record<string, unknown> {
  const fingerprint: Record<string, unknown> = { body: request.body ?? null, query: request.query ?? null };
  const params = request.params as Record<string, unknown> | undefined;
  if (params && Object.keys(params).length > 0) fingerprint.params = params;
  return fingerprint;
}

/** Installs the mechanism on the whole app; register it after the auth plugin and before the modules. */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, options: { ctx: AppContext }) => {
    const { ctx } = options;
    const sealKey = deriveKey(ctx.config.masterKey, 'idempotency-response');
    const claims = new WeakMap<FastifyRequest, Claim>();
    const bind = (claim: Claim) => `${claim.accountId}\n${claim.key}`;

    const preHandler: preHandlerHookHandler = async function (request: FastifyRequest, reply: FastifyReply) {
      const header = headerText(request.headers['idempotency-key']);
      if (header === null) return;
      const principal = request.principal;
      if (!principal) {
        throw new AppError(
          'bad_request',
          'Idempotency-Key needs an API key or a session: keys are kept per account, and an anonymous request has none. Send the key with credentials, or leave it out.',
        );
      }
      const claim = { accountId: principal.accountId, key: header };
      const begun = await beginIdempotent(ctx, {
        ...claim,
        // Test and live requests never share an answer: the same key sent with a tst and a prd key
        // is a different request (422), never a test payment replayed to a live caller.
        scope: `${request.method} ${request.routeOptions.url}${principal.testMode ? ' (test mode)' : ''}`,
        fingerprint: fingerprintOf(request),
      });
      if (begun.replay) {
        const stored = JSON.parse(openSecret(sealKey, begun.responseBody, bind(claim))) as StoredAnswer;
        reply.status(begun.status).header('idempotent-replayed', 'true');
        if (stored.location) reply.header('location', stored.location);
        if (stored.contentType) reply.type(stored.contentType);
        return reply.send(stored.body);
      }
      claims.set(request, claim);
    };

    const onSend: onSendHookHandler = async function (request, reply, payload) {
      const claim = claims.get(request);
      if (!claim) return payload;
      claims.delete(request);
      const status = reply.statusCode;
      if (status >= 200 && status < 300 && typeof payload === 'string') {
        const stored: StoredAnswer = { contentType: headerText(reply.getHeader('content-type')), location: headerText(reply.getHeader('location')), body: payload };
        await completeIdempotent(ctx, claim.accountId, claim.key, status, sealSecret(sealKey, JSON.stringify(stored), bind(claim)));
      } else {
        await releaseIdempotent(ctx, claim.accountId, claim.key);
      }
      return payload;
    };

    app.addHook('onRoute', (route) => {
      const schema = route.schema as Record<string, unknown> | undefined;
      if (schema?.[IDEMPOTENT_ROUTE] !== true) return;
      route.preHandler = [...toArray(route.preHandler), preHandler];
      route.onSend = [...toArray(route.onSend), onSend];
    });
  },
  { name: 'tessera-idempotency' },
);
