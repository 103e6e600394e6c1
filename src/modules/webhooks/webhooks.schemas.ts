// JSON schemas of the webhook routes (validation and OpenAPI). Every success body uses the
// seed-003 envelope `{status: "success", data}`, the seed's shape for its two secret endpoints,
// kept for the whole /api/v1/merchant/webhooks surface so clients parse one shape.

const iso = { type: 'string', format: 'date-time' } as const;
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });

/** `{status: "success", data}` around `data`. */
export function envelope(data: Record<string, unknown>) {
  return { type: 'object', required: ['status', 'data'], properties: { status: { type: 'string', enum: ['success'] }, data } } as const;
}

/** A new secret, shown once. */
export const newSecretSchema = {
  title: 'NewWebhookSecret',
  type: 'object',
  description: 'A webhook signing secret, shown once.',
  required: ['id', 'secret', 'kid'],
  examples: [{ id: '0f8e7a52-3c1d-4b6e-9a2f-5d4c3b2a1908', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3wR3ehbPQ4a', kid: 'k3j9x2m4p7q1' }],
  properties: {
    id: { type: 'string', description: 'Secret id (UUID)' },
    secret: { type: 'string', pattern: '^whsec_[A-Za-z0-9]{43}$', description: 'Signing secret, shown only now: `whsec_` + base64url of 32 random bytes without `-` or `_` (so standard base64 decoders read it the same).' },
    kid: { type: 'string', pattern: '^[a-z0-9]{12}$' },
  },
} as const;

/** Rotation result: the new secret and the one in its 24 h window. */
export const rotatedSecretSchema = {
  title: 'RotatedWebhookSecret',
  type: 'object',
  description: 'The new secret (shown once) and the previous one, which keeps signing until `expires_at`.',
  required: ['id', 'secret', 'kid', 'previous'],
  properties: {
    ...newSecretSchema.properties,
    previous: {
      type: 'object',
      required: ['id', 'kid', 'status', 'expires_at'],
      properties: { id: { type: 'string' }, kid: { type: 'string' }, status: { type: 'string', enum: ['rotating'] }, expires_at: iso },
    },
  },
} as const;

/** Secret metadata. */
export const secretInfoSchema = {
  title: 'WebhookSecret',
  type: 'object',
  description: 'A signing secret without its value. `rotating` secrets still sign (beside the active one) until `expires_at`.',
  required: ['id', 'kid', 'status', 'created_at', 'expires_at'],
  properties: {
    id: { type: 'string', description: 'Secret id (a UUID, as the payment seed shows it).' },
    kid: { type: 'string', pattern: '^[a-z0-9]{12}$' },
    status: { type: 'string', enum: ['active', 'rotating', 'disabled'] },
    created_at: iso,
    expires_at: nullable(iso),
  },
} as const;

/** An event type of the catalogue. */
export const eventTypeSchema = {
  title: 'WebhookEventType',
  type: 'object',
  description: 'An event type of the catalogue, with a sample body.',
  required: ['type', 'description', 'opt_in', 'sample'],
  properties: {
    type: { type: 'string' },
    description: { type: 'string' },
    opt_in: { type: 'boolean', description: 'Delivered only to endpoints that list this type by name ("*" does not include it).' },
    sample: { type: 'object', additionalProperties: true, description: 'Example of the webhook body: `{type, timestamp, data}`.' },
  },
} as const;

/** An endpoint. */
export const endpointSchema = {
  title: 'WebhookEndpoint',
  type: 'object',
  description: 'Where events are delivered. After failing for days an endpoint is disabled (`disabled_reason`).',
  required: ['id', 'url', 'description', 'event_types', 'enabled', 'disabled_reason', 'failing_since', 'created_at', 'updated_at'],
  examples: [
    {
      id: 'whk_4hT9xQ2mZpL8vN3bK7wR1c',
      url: 'https://example.com/webhooks/tessera',
      description: 'Order system',
      event_types: ['*'],
      enabled: true,
      disabled_reason: null,
      failing_since: null,
      created_at: '2026-03-01T12:00:00.000Z',
      updated_at: '2026-03-01T12:00:00.000Z',
    },
  ],
  properties: {
    id: { type: 'string', examples: ['whk_4hT9xQ2mZpL8vN3bK7wR1c'] },
    url: { type: 'string', format: 'uri' },
    description: { type: 'string' },
    event_types: { type: 'array', items: { type: 'string' }, description: '`["*"]` is every type except opt-in ones.' },
    enabled: { type: 'boolean' },
    disabled_reason: nullable({ type: 'string' }),
    failing_since: nullable(iso),
    created_at: iso,
    updated_at: iso,
  },
} as const;

const endpointFields = {
  url: { type: 'string', minLength: 1, maxLength: 2048, description: 'https:// URL (http:// allowed outside production); must not resolve to a private, loopback, link-local or metadata address.' },
  description: { type: 'string', maxLength: 500 },
  event_types: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, minItems: 1, maxItems: 100, description: 'Event types to receive; `["*"]` (the default) is every type except opt-in ones.' },
  enabled: { type: 'boolean' },
} as const;

/** POST body. */
export const createEndpointBody = { type: 'object', required: ['url'], additionalProperties: false, properties: endpointFields } as const;
/** PUT body: any subset of the fields. */
export const updateEndpointBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: endpointFields } as const;

/** A delivery and its attempts. */
export const deliverySchema = {
  title: 'WebhookDelivery',
  type: 'object',
  description: 'One event sent to one endpoint, with every attempt.',
  required: ['id', 'event_id', 'event_type', 'endpoint_id', 'status', 'attempts', 'next_attempt_at', 'last_status_code', 'last_error', 'created_at', 'delivered_at', 'attempt_log'],
  properties: {
    id: { type: 'string' },
    event_id: { type: 'string', description: 'The `webhook-id` header, the same on every attempt.' },
    event_type: { type: 'string' },
    endpoint_id: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'succeeded', 'failed'] },
    attempts: { type: 'integer' },
    next_attempt_at: nullable(iso),
    last_status_code: nullable({ type: 'integer' }),
    last_error: nullable({ type: 'string' }),
    created_at: iso,
    delivered_at: nullable(iso),
    attempt_log: {
      type: 'array',
      items: {
        title: 'WebhookDeliveryAttempt',
        type: 'object',
        required: ['attempt', 'at', 'status_code', 'success', 'latency_ms', 'error', 'response_body'],
        properties: {
          attempt: { type: 'integer' },
          at: iso,
          status_code: nullable({ type: 'integer' }),
          success: { type: 'boolean' },
          latency_ms: { type: 'integer' },
          error: nullable({ type: 'string' }),
          response_body: nullable({ type: 'string', description: 'First 1 KiB of the response body.' }),
        },
      },
    },
  },
} as const;
