// Merchant API-key management in the payment-QR seed's `{status:"success", data}` envelope:
// regenerate (by the current key or a session), list (masked), create, revoke.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { PROBLEM_SCHEMA } from '../../http/problem.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { type ApiKey, createApiKey, EXPIRED_KEY_RENEWAL_DAYS, listApiKeys, MAX_GRACE_PERIOD_HOURS, regenerateApiKey, revokeApiKey } from './api-key.service.ts';
import { decodeCursor } from '../../http/cursor.ts';
import { toIso } from '../../http/iso.ts';
import { IdParams, PageQuery } from '../../http/schema.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * true on the one route where a key that expired on its own still authenticates (read by the
     * auth hook and passed to authenticateApiKey as `acceptExpired`): regenerate, so an expired
     * key can renew itself. Every other route answers it with 403 api_key_expired.
     */
    acceptsExpiredApiKey?: boolean;
  }
}

const nullableString = { type: ['string', 'null'] };

/** The public JSON of a key (never the secret). */
export function apiKeyJson(key: ApiKey) {
  return {
    id: key.id,
    kid: key.kid,
    env: key.env,
    type: key.type,
    status: key.status,
    name: key.name,
    created_at: toIso(key.createdAt),
    expires_at: toIso(key.expiresAt),
    revoked_at: toIso(key.revokedAt),
    last_used_at: toIso(key.lastUsedAt),
    display_mask: key.displayMask,
  };
}

const nullableTime = { type: ['string', 'null'], format: 'date-time' };
const apiKeySchema = {
  title: 'ApiKey',
  type: 'object',
  description: 'An API key without its secret. `tst` keys work on test-mode data only; a `rotating` key keeps working until its grace period ends.',
  required: ['id', 'kid', 'env', 'type', 'status', 'name', 'created_at', 'expires_at', 'revoked_at', 'last_used_at', 'display_mask'],
  examples: [
    {
      id: 'key_4hT9xQ2mZpL8vN3bK7wR1c',
      kid: 'K3J9X2M4P7Q1Z',
      env: 'prd',
      type: 'secret',
      status: 'active',
      name: 'Checkout server',
      created_at: '2026-03-01T12:00:00.000Z',
      expires_at: null,
      revoked_at: null,
      last_used_at: '2026-03-02T08:15:00.000Z',
      display_mask: 'sec1-prd-k3j9x2m4p7q1-…-42',
    },
  ],
  properties: {
    id: { type: 'string' },
    kid: { type: 'string', description: 'The public part of the key, shown in the dashboard and in logs.' },
    env: { type: 'string', enum: ['prd', 'tst'] },
    type: { type: 'string', enum: ['secret'] },
    status: { type: 'string', enum: ['active', 'rotating', 'expired', 'revoked'] },
    name: nullableString,
    created_at: { type: 'string', format: 'date-time' },
    expires_at: nullableTime,
    revoked_at: nullableTime,
    last_used_at: nullableTime,
    display_mask: { type: 'string' },
  },
};
const envelope = (data: { type: 'object'; properties: object }) => ({ type: 'object', required: ['status', 'data'], properties: { status: { type: 'string', enum: ['success'] }, data: { ...data, required: Object.keys(data.properties) } } });

/** Registers /api/v1/merchant/api-keys…. */
export async function apiKeyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Body: { kid?: string; grace_period_hours?: number } | undefined }>(
    '/api/v1/merchant/api-keys/secret/regenerate',
    {
      config: { acceptsExpiredApiKey: true },
      // The seed's curl sends no body at all; treat that as `{}`.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        operationId: 'regenerateApiKey', tags: ['api-keys'],
        summary: 'Regenerate a secret key (the calling key, or the newest prd key for a session)',
        description:
          `The old key is revoked at once unless grace_period_hours (0–${MAX_GRACE_PERIOD_HOURS}) keeps it working as \`rotating\`. The full new key is shown only in this response. ` +
          `A key that expired on its own is accepted here (and only here) for ${EXPIRED_KEY_RENEWAL_DAYS} days after its expiry, to regenerate itself; it is revoked at once. Revoked keys are refused.`,
        security: SIGNED_IN,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            kid: { type: 'string', pattern: '^[0-9A-Z]{13}$', description: 'Which key to regenerate (default: the calling key, or for a session the newest active prd key)' },
            grace_period_hours: { type: 'integer', minimum: 0, maximum: MAX_GRACE_PERIOD_HOURS },
          },
        },
        response: { 201: envelope({ type: 'object', properties: { api_key: apiKeySchema, full_key: { type: 'string' }, previous_api_key: apiKeySchema } }), 404: PROBLEM_SCHEMA, 409: PROBLEM_SCHEMA },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const result = await regenerateApiKey(ctx.db, ctx.clock.now(), principal.accountId, {
        currentKeyId: principal.apiKeyId,
        kid: request.body?.kid,
        gracePeriodHours: request.body?.grace_period_hours,
        onlyEnv: principal.testMode ? 'tst' : undefined,
      });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ status: 'success', data: { api_key: apiKeyJson(result.apiKey), full_key: result.fullKey, previous_api_key: apiKeyJson(result.previous) } });
    },
  );

  app.get<{ Querystring: { limit: number; cursor?: string } }>(
    '/api/v1/merchant/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: "The account's API keys, masked, newest first",
        security: SIGNED_IN,
        querystring: PageQuery,
        response: { 200: envelope({ type: 'object', properties: { api_keys: { type: 'array', items: apiKeySchema }, next_cursor: nullableString } }) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const page = await listApiKeys(ctx.db, ctx.clock.now(), principal.accountId, request.query.limit, decodeCursor(request.query.cursor));
      return { status: 'success', data: { api_keys: page.items.map(apiKeyJson), next_cursor: page.nextCursor } };
    },
  );

  app.post<{ Body: { env: 'prd' | 'tst'; name?: string; expires_at?: string } }>(
    '/api/v1/merchant/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the full key is shown only in this response',
        security: SIGNED_IN,
        'x-idempotent': true,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['env'],
          properties: {
            env: { type: 'string', enum: ['prd', 'tst'] },
            name: { type: 'string', maxLength: 100 },
            expires_at: { type: 'string', format: 'date-time', description: 'When the key stops working (optional)' },
          },
        },
        response: { 201: envelope({ type: 'object', properties: { api_key: apiKeySchema, full_key: { type: 'string' } } }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const expiresAt = request.body.expires_at === undefined ? null : Date.parse(request.body.expires_at);
      if (Number.isNaN(expiresAt)) throw new AppError('validation_failed', 'expires_at must be an ISO 8601 date-time.', { errors: [{ field: 'body/expires_at', message: 'is not a date-time' }] });
      const created = await createApiKey(ctx.db, ctx.clock.now(), principal.accountId, {
        env: request.body.env,
        name: request.body.name,
        expiresAt,
        onlyEnv: principal.testMode ? 'tst' : undefined,
      });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ status: 'success', data: { api_key: apiKeyJson(created.apiKey), full_key: created.fullKey } });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/merchant/api-keys/:id',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key at once',
        security: SIGNED_IN,
        params: IdParams,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await revokeApiKey(ctx.db, ctx.clock.now(), principal.accountId, request.params.id);
      return reply.status(204).send();
    },
  );
}
