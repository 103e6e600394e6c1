// HTTP surface of webhooks: signing secrets (seed 003), endpoints, the event catalogue and the
// delivery log. Handlers authenticate, call one service function and wrap the result in the
// seed's `{status: "success", data}` envelope.
import { PROBLEM_SCHEMA } from '../../http/problem.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { EVENT_TYPES } from './event-types.ts';
import { listEndpointDeliveries, retryDelivery } from './webhook-delivery.service.ts';
import {
  createEndpoint,
  deleteWebhookEndpoint,
  destinationPolicy,
  type EndpointInput,
  getWebhookEndpoint,
  listWebhookEndpoints,
  sendTestEvent,
  updateWebhookEndpoint,
} from './webhook-endpoint.service.ts';
import { createWebhookSecret, listWebhookSecrets, rotateWebhookSecret } from './webhook-secret.service.ts';
import {
  createEndpointBody,
  deliverySchema,
  endpointSchema,
  envelope,
  eventTypeSchema,
  newSecretSchema,
  rotatedSecretSchema,
  secretInfoSchema,
  updateEndpointBody,
} from './webhooks.schemas.ts';
import { toIso } from '../../http/iso.ts';
import { IdParams } from '../../http/schema.ts';

const BASE = '/api/v1/merchant/webhooks';
const tags = ['webhooks'];

function ok<T>(reply: FastifyReply, status: number, data: T) {
  return reply.status(status).send({ status: 'success', data });
}

/** Registers the webhook routes. */
export async function webhooksRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db, clock } = ctx;
  const masterKey = ctx.config.masterKey;
  const policy = destinationPolicy(ctx.config);

  app.post(`${BASE}/secret`, {
    schema: { tags, security: SIGNED_IN, summary: 'Create the webhook signing secret', description: 'Returns the `whsec_…` secret once. 409 when the account already has an active secret: rotate it instead.', response: { 201: envelope(newSecretSchema), 409: PROBLEM_SCHEMA } },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    reply.header('cache-control', 'no-store');
    return ok(reply, 201, await createWebhookSecret(db, clock, masterKey, accountId));
  });

  app.post(`${BASE}/secret/rotate`, {
    schema: { tags, security: SIGNED_IN, summary: 'Rotate the webhook signing secret', description: 'The old secret becomes `rotating` and keeps signing for 24 hours (every delivery carries both signatures), then it is disabled. The new one is `active`.', response: { 201: envelope(rotatedSecretSchema), 404: PROBLEM_SCHEMA } },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    reply.header('cache-control', 'no-store');
    return ok(reply, 201, await rotateWebhookSecret(db, clock, masterKey, accountId));
  });

  app.get(`${BASE}/secret`, {
    schema: { tags, security: SIGNED_IN, summary: 'List webhook secrets (metadata only, never the values)', response: { 200: envelope({ type: 'array', items: secretInfoSchema }) } },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    return ok(reply, 200, await listWebhookSecrets(db, clock, accountId));
  });

  app.get(`${BASE}/event-types`, {
    schema: { tags, summary: 'The catalogue of event types with a sample payload each', response: { 200: envelope({ type: 'array', items: eventTypeSchema }) } },
  }, async (_request, reply) => {
    const at = toIso(clock.now());
    return ok(reply, 200, EVENT_TYPES.map((e) => ({ type: e.type, description: e.description, opt_in: e.optIn, sample: { type: e.type, timestamp: at, data: e.sample } })));
  });

  app.get(`${BASE}/endpoints`, {
    schema: { tags, security: SIGNED_IN, summary: 'List webhook endpoints', response: { 200: envelope({ type: 'array', items: endpointSchema }) } },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    return ok(reply, 200, await listWebhookEndpoints(db, accountId));
  });

  app.post<{ Body: EndpointInput & { url: string } }>(`${BASE}/endpoints`, {
    schema: { tags, security: SIGNED_IN, 'x-idempotent': true, summary: 'Register a webhook endpoint', body: createEndpointBody, response: { 201: envelope(endpointSchema) } },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    return ok(reply, 201, await createEndpoint(db, clock, policy, accountId, request.body));
  });

  app.get<{ Params: { id: string } }>(`${BASE}/endpoints/:id`, {
    schema: { tags, security: SIGNED_IN, summary: 'Get a webhook endpoint', params: IdParams, response: { 200: envelope(endpointSchema) } },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    return ok(reply, 200, await getWebhookEndpoint(db, accountId, request.params.id));
  });

  app.put<{ Params: { id: string }; Body: EndpointInput }>(`${BASE}/endpoints/:id`, {
    schema: { tags, security: SIGNED_IN, summary: 'Change a webhook endpoint', description: 'Send any subset of the fields. Enabling a disabled endpoint clears its failure streak; its pending deliveries resume.', params: IdParams, body: updateEndpointBody, response: { 200: envelope(endpointSchema) } },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    return ok(reply, 200, await updateWebhookEndpoint(db, clock, policy, accountId, request.params.id, request.body));
  });

  app.delete<{ Params: { id: string } }>(`${BASE}/endpoints/:id`, {
    schema: { tags, security: SIGNED_IN, summary: 'Delete a webhook endpoint and its delivery log', params: IdParams, response: { 204: { type: 'null', description: 'Deleted' } } },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    await deleteWebhookEndpoint(db, accountId, request.params.id);
    return reply.status(204).send();
  });

  app.post<{ Params: { id: string } }>(`${BASE}/endpoints/:id/test`, {
    schema: {
      tags, security: SIGNED_IN, summary: 'Send a `ping` event to the endpoint', description: 'Queues the ping; the worker sends it within a second or so. Follow it in the deliveries list.', params: IdParams,
      response: { 202: envelope({ type: 'object', required: ['event_id', 'delivery_id'], properties: { event_id: { type: 'string' }, delivery_id: { type: 'string' } } }) },
    },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    return ok(reply, 202, await sendTestEvent(db, clock, accountId, request.params.id));
  });

  app.get<{ Params: { id: string }; Querystring: { limit: number } }>(`${BASE}/endpoints/:id/deliveries`, {
    schema: {
      tags, security: SIGNED_IN, summary: 'Deliveries to the endpoint, newest first, with every attempt', params: IdParams,
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } } },
      response: { 200: envelope({ type: 'array', items: deliverySchema }) },
    },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    return ok(reply, 200, await listEndpointDeliveries(db, accountId, request.params.id, request.query.limit));
  });

  app.post<{ Params: { id: string } }>(`${BASE}/deliveries/:id/retry`, {
    schema: {
      tags, security: SIGNED_IN, summary: 'Send a delivery again (same webhook-id)', params: IdParams,
      response: { 202: envelope({ type: 'object', required: ['id', 'status', 'next_attempt_at'], properties: { id: { type: 'string' }, status: { type: 'string', enum: ['pending'] }, next_attempt_at: { type: 'string', format: 'date-time' } } }) },
    },
  }, async (request, reply) => {
    const { accountId } = requirePrincipal(request);
    return ok(reply, 202, await retryDelivery(db, clock, accountId, request.params.id));
  });
}
