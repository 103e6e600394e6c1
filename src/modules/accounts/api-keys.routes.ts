// Merchant API-key management in the payment-QR seed's `{status:"success", data}` envelope:
// regenerate (by the current key or a session), list (masked), create, revoke.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { NoContent, Problem as PROBLEM_SCHEMA } from '../../http/schema.ts';
import { ApiKeyIdParams, type ApiKeyJson, ApiKeyList, ApiKeyListQuery, CreateApiKeyBody, CreatedApiKey, RegenerateApiKeyBody, RegeneratedApiKey } from './accounts.schemas.ts';
import { type ApiKey, createApiKey, EXPIRED_KEY_RENEWAL_DAYS, listApiKeys, MAX_GRACE_PERIOD_HOURS, MAX_WORKING_KEYS_PER_ACCOUNT, regenerateApiKey, revokeApiKey } from './api-key.service.ts';
import { decodeCursor } from '../../http/cursor.ts';

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

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public JSON of a key (never the secret). */
export function apiKeyJson(key: ApiKey): ApiKeyJson {
  return {
    id: key.id,
    kid: key.kid,
    env: key.env,
    type: key.type,
    scope: key.scope,
    batch_id: key.batchId,
    status: key.status,
    name: key.name,
    created_at: new Date(key.createdAt).toISOString(),
    expires_at: iso(key.expiresAt),
    revoked_at: iso(key.revokedAt),
    last_used_at: iso(key.lastUsedAt),
    display_mask: key.displayMask,
  };
}

/** Registers /api/v1/merchant/api-keys…. */
export async function apiKeyRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/merchant/api-keys/secret/regenerate',
    {
      config: { acceptsExpiredApiKey: true },
      schema: {
        // The seed's curl sends no body at all.
        'x-body-optional': true,
        operationId: 'regenerateApiKey',
        tags: ['api-keys'],
        summary: 'Regenerate a secret key (the calling key, or the newest prd key for a session)',
        description:
          `The old key is revoked at once unless grace_period_hours (0–${MAX_GRACE_PERIOD_HOURS}) keeps it working as \`rotating\`. The full new key is shown only in this response. ` +
          `A key that expired on its own is accepted here (and only here) for ${EXPIRED_KEY_RENEWAL_DAYS} days after its expiry, to regenerate itself; it is revoked at once. Revoked keys are refused. ` +
          'With `Idempotency-Key`, a retry after a lost answer gets the same new key instead of making another: a session can always retry; a key regenerating itself can while it still works, so send `grace_period_hours` above 0 with it (without a grace period the old key is revoked by the first attempt and its retry is refused).',
        security: SIGNED_IN,
        // The new key is shown only in the answer: a lost answer must not cost the caller its key.
        'x-idempotent': true,
        body: RegenerateApiKeyBody,
        response: { 201: RegeneratedApiKey, 404: PROBLEM_SCHEMA, 409: PROBLEM_SCHEMA },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const result = await regenerateApiKey(ctx, principal.accountId, {
        currentKeyId: principal.apiKeyId,
        kid: request.body.kid,
        gracePeriodHours: request.body.grace_period_hours,
        onlyEnv: principal.testMode ? 'tst' : undefined,
      });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ status: 'success', data: { api_key: apiKeyJson(result.apiKey), full_key: result.fullKey, previous_api_key: apiKeyJson(result.previous) } });
    },
  );

  app.get(
    '/api/v1/merchant/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: "The account's API keys, masked, newest first",
        security: SIGNED_IN,
        querystring: ApiKeyListQuery,
        response: { 200: ApiKeyList },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const page = await listApiKeys(ctx, principal.accountId, request.query.limit, decodeCursor(request.query.cursor));
      return { status: 'success' as const, data: { api_keys: page.items.map(apiKeyJson), next_cursor: page.nextCursor } };
    },
  );

  app.post(
    '/api/v1/merchant/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the full key is shown only in this response',
        description:
          'A check-in key (`scope: "checkin"`) for door scanners may be kept to one event with `batch_id`: 404 when the account has no tickets in that batch. ' +
          `409 when the account already holds ${MAX_WORKING_KEYS_PER_ACCOUNT} working keys (neither revoked nor expired): revoke one first.`,
        security: SIGNED_IN,
        'x-idempotent': true,
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey, 404: PROBLEM_SCHEMA, 409: PROBLEM_SCHEMA },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const expiresAt = request.body.expires_at === undefined ? null : Date.parse(request.body.expires_at);
      if (Number.isNaN(expiresAt)) throw new AppError('validation_failed', 'expires_at must be an ISO 8601 date-time.', { errors: [{ field: 'body/expires_at', message: 'is not a date-time' }] });
      const created = await createApiKey(ctx, principal.accountId, {
        env: request.body.env,
        scope: request.body.scope,
        batchId: request.body.batch_id,
        name: request.body.name,
        expiresAt,
        onlyEnv: principal.testMode ? 'tst' : undefined,
      });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ status: 'success', data: { api_key: apiKeyJson(created.apiKey), full_key: created.fullKey } });
    },
  );

  app.delete(
    '/api/v1/merchant/api-keys/:id',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key at once',
        security: SIGNED_IN,
        params: ApiKeyIdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await revokeApiKey(ctx, principal.accountId, request.params.id, principal.testMode ? 'tst' : undefined);
      return reply.status(204).send();
    },
  );
}
