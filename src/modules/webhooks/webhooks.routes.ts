// HTTP surface of webhooks: signing secrets (seed 003), endpoints, the event catalogue and the
// delivery log. Handlers authenticate, call one service function and wrap the result in the
// seed's `{status: "success", data}` envelope.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requireLivePrincipal, requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { IdParams as idParams, Problem as PROBLEM_SCHEMA, Type } from '../../http/schema.ts';
import { EVENT_TYPES } from './event-types.ts';
import { listEndpointDeliveries, retryDelivery } from './webhook-delivery.service.ts';
import { createEndpoint, deleteWebhookEndpoint, destinationPolicy, getWebhookEndpoint, listWebhookEndpoints, sendTestEvent, updateWebhookEndpoint } from './webhook-endpoint.service.ts';
import { createWebhookSecret, listWebhookSecrets, rotateWebhookSecret } from './webhook-secret.service.ts';
import {
  CreateEndpointBody,
  DeliveriesQuery,
  DeliveryRetried,
  envelope,
  NewWebhookSecret,
  RotatedWebhookSecret,
  RotateWebhookSecretBody,
  TestEventQueued,
  UpdateEndpointBody,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEventType,
  WebhookSecretInfo,
} from './webhooks.schemas.ts';

const BASE = '/api/v1/merchant/webhooks';
const tags = ['webhooks'];

/** Why a test key may not read or re-send deliveries: they have no mode, so every one may be live. */
const LIVE_DELIVERIES = 'deliveries carry live events, and the receivers answer them as live traffic';
const LIVE_LOG = 'A `sec1-tst-…` key gets 403: deliveries carry live events (they have no mode), so the log and its re-sends are for `prd` keys and the dashboard.';

/** The seed's success envelope around `data`. */
function ok<T>(data: T) {
  return { status: 'success' as const, data };
}

/** Registers the webhook routes. */
export async function webhooksRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const policy = destinationPolicy(ctx.config);

  app.post(
    `${BASE}/secret`,
    {
      schema: {
        tags,
        security: SIGNED_IN,
        'x-idempotent': true,
        summary: 'Create the webhook signing secret',
        description:
          'Returns the `whsec_…` secret once. 409 when the account already has an active secret: rotate it instead. With an `Idempotency-Key`, a retry after a lost answer gets the same secret again.',
        response: { 201: envelope(NewWebhookSecret), 409: PROBLEM_SCHEMA },
      },
    },
    async (request, reply) => {
      const { accountId } = requireLivePrincipal(request, 'create the webhook signing secret');
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(ok(await createWebhookSecret(ctx, accountId)));
    },
  );

  app.post(
    `${BASE}/secret/rotate`,
    {
      schema: {
        // The seed's curl sends no body at all.
        'x-body-optional': true,
        tags,
        security: SIGNED_IN,
        'x-idempotent': true,
        summary: 'Rotate the webhook signing secret',
        description:
          'The old secret becomes `rotating` and keeps signing for 24 hours (every delivery carries a signature by each secret), then it is disabled. The new one is `active`. `previous_valid_hours` shortens that for every rotated-out secret (0: only the new secret signs, for a leak). A secret rotated out earlier keeps its own window, so rotating twice cuts no receiver off; at most 4 rotated-out secrets sign at once (a fifth rotation within 24 hours ends the oldest window). 409 when another rotation happened at the same time: fetch the secrets and retry if a new one is still needed. With an `Idempotency-Key`, a retry after a lost answer gets the same new secret instead of rotating again.',
        body: RotateWebhookSecretBody,
        response: { 201: envelope(RotatedWebhookSecret), 404: PROBLEM_SCHEMA, 409: PROBLEM_SCHEMA },
      },
    },
    async (request, reply) => {
      const { accountId } = requireLivePrincipal(request, 'rotate the webhook signing secret');
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(ok(await rotateWebhookSecret(ctx, accountId, { previousValidHours: request.body.previous_valid_hours })));
    },
  );

  app.get(
    `${BASE}/secret`,
    {
      schema: { tags, security: SIGNED_IN, summary: 'List webhook secrets (metadata only, never the values)', response: { 200: envelope(Type.Array(WebhookSecretInfo)) } },
    },
    async (request, reply) => {
      const { accountId } = requirePrincipal(request);
      return reply.status(200).send(ok(await listWebhookSecrets(ctx, accountId)));
    },
  );

  app.get(
    `${BASE}/event-types`,
    {
      schema: { tags, summary: 'The catalogue of event types with a sample payload each', response: { 200: envelope(Type.Array(WebhookEventType)) } },
    },
    async (_request, reply) => {
      const at = new Date(ctx.clock.now()).toISOString();
      return reply.status(200).send(ok(EVENT_TYPES.map((e) => ({ type: e.type, description: e.description, opt_in: e.optIn, sample: { type: e.type, timestamp: at, data: e.sample } }))));
    },
  );

  app.get(
    `${BASE}/endpoints`,
    {
      schema: { tags, security: SIGNED_IN, summary: 'List webhook endpoints', response: { 200: envelope(Type.Array(WebhookEndpoint)) } },
    },
    async (request, reply) => {
      const { accountId } = requirePrincipal(request);
      return reply.status(200).send(ok(await listWebhookEndpoints(ctx, accountId)));
    },
  );

  app.post(
    `${BASE}/endpoints`,
    {
      schema: { tags, security: SIGNED_IN, 'x-idempotent': true, summary: 'Register a webhook endpoint', body: CreateEndpointBody, response: { 201: envelope(WebhookEndpoint) } },
    },
    async (request, reply) => {
      const { accountId } = requireLivePrincipal(request, 'register a webhook endpoint');
      return reply.status(201).send(ok(await createEndpoint(ctx, policy, accountId, request.body)));
    },
  );

  app.get(
    `${BASE}/endpoints/:id`,
    {
      schema: { tags, security: SIGNED_IN, summary: 'Get a webhook endpoint', params: idParams, response: { 200: envelope(WebhookEndpoint) } },
    },
    async (request, reply) => {
      const { accountId } = requirePrincipal(request);
      return reply.status(200).send(ok(await getWebhookEndpoint(ctx, accountId, request.params.id)));
    },
  );

  app.put(
    `${BASE}/endpoints/:id`,
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Change a webhook endpoint',
        description: 'Send any subset of the fields. Enabling a disabled endpoint clears its failure streak; its pending deliveries resume.',
        params: idParams,
        body: UpdateEndpointBody,
        response: { 200: envelope(WebhookEndpoint) },
      },
    },
    async (request, reply) => {
      const { accountId } = requireLivePrincipal(request, 'change a webhook endpoint');
      return reply.status(200).send(ok(await updateWebhookEndpoint(ctx, policy, accountId, request.params.id, request.body)));
    },
  );

  app.delete(
    `${BASE}/endpoints/:id`,
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Delete a webhook endpoint and its delivery log',
        params: idParams,
        response: { 204: Type.Unsafe<void>({ type: 'null', description: 'Deleted' }) },
      },
    },
    async (request, reply) => {
      const { accountId } = requireLivePrincipal(request, 'delete a webhook endpoint');
      await deleteWebhookEndpoint(ctx, accountId, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    `${BASE}/endpoints/:id/test`,
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Send a `ping` event to the endpoint',
        description:
          'Queues the ping; the worker sends it within a second or so. Follow it in the deliveries list (with a `prd` key or the dashboard: the log refuses `tst` keys). 409 when the endpoint is disabled: enable it first.',
        params: idParams,
        response: { 202: envelope(TestEventQueued), 409: PROBLEM_SCHEMA },
      },
    },
    async (request, reply) => {
      const { accountId } = requirePrincipal(request);
      return reply.status(202).send(ok(await sendTestEvent(ctx, accountId, request.params.id)));
    },
  );

  app.get(
    `${BASE}/endpoints/:id/deliveries`,
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Deliveries to the endpoint, newest first, with every attempt',
        description: LIVE_LOG,
        params: idParams,
        querystring: DeliveriesQuery,
        response: { 200: envelope(Type.Array(WebhookDelivery)), 403: PROBLEM_SCHEMA },
      },
    },
    async (request, reply) => {
      // Deliveries have no mode: the log holds live events and the receivers' answers to them.
      const { accountId } = requireLivePrincipal(request, 'read the webhook delivery log', LIVE_DELIVERIES);
      return reply.status(200).send(ok(await listEndpointDeliveries(ctx, accountId, request.params.id, request.query.limit)));
    },
  );

  app.post(
    `${BASE}/deliveries/:id/retry`,
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Send a delivery again (same webhook-id)',
        description: `${LIVE_LOG} A delivery whose endpoint is paused (\`enabled\`: false) is refused with 409: resume the endpoint first.`,
        params: idParams,
        response: { 202: envelope(DeliveryRetried), 403: PROBLEM_SCHEMA, 409: PROBLEM_SCHEMA },
      },
    },
    async (request, reply) => {
      const { accountId } = requireLivePrincipal(request, 'retry a webhook delivery', LIVE_DELIVERIES);
      return reply.status(202).send(ok(await retryDelivery(ctx, accountId, request.params.id)));
    },
  );
}
