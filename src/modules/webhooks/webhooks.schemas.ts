// The webhook API's shapes, written once: validation, handler and service types and OpenAPI come
// from here. Every success body uses the seed-003 envelope `{status: "success", data}`, the seed's
// shape for its two secret endpoints, kept for the whole /api/v1/merchant/webhooks surface so
// clients parse one shape.
import { DefaultsOptional, IsoDateTime, NullOr, StringEnum, Type, type Static, type TSchema } from '../../http/schema.ts';

/** `{status: "success", data}` around `data`. */
export function envelope<T extends TSchema>(data: T) {
  return Type.Object({ status: StringEnum(['success']), data });
}

const secretFields = {
  id: Type.String({ description: 'Secret id (UUID)' }),
  secret: Type.String({
    pattern: '^whsec_[A-Za-z0-9]{43}$',
    description: 'Signing secret, shown only now: `whsec_` + base64url of 32 random bytes without `-` or `_` (so standard base64 decoders read it the same).',
  }),
  kid: Type.String({ pattern: '^[a-z0-9]{12}$' }),
};

/** A new secret, shown once. */
export const NewWebhookSecret = Type.Object(secretFields, {
  title: 'NewWebhookSecret',
  description: 'A webhook signing secret, shown once.',
  examples: [{ id: '0f8e7a52-3c1d-4b6e-9a2f-5d4c3b2a1908', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3wR3ehbPQ4a', kid: 'k3j9x2m4p7q1' }],
});
export type NewWebhookSecret = Static<typeof NewWebhookSecret>;

/** Rotation result: the new secret and the one in its 24 h window. */
export const RotatedWebhookSecret = Type.Object(
  {
    ...secretFields,
    previous: Type.Object({
      id: Type.String(),
      kid: Type.String(),
      status: StringEnum(['rotating', 'disabled'], { description: '`disabled` when `previous_valid_hours` was 0.' }),
      expires_at: IsoDateTime(),
    }),
  },
  { title: 'RotatedWebhookSecret', description: 'The new secret (shown once) and the previous one, which keeps signing until `expires_at`.' },
);
export type RotatedWebhookSecret = Static<typeof RotatedWebhookSecret>;

/** Optional: how long the replaced secret keeps signing (0 ends it at once, for a leaked secret). */
export const RotateWebhookSecretBody = Type.Object(
  {
    previous_valid_hours: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 24, default: 24, description: 'Hours the replaced secret keeps signing (0–24, default 24). 0 stops it at once: for a secret that leaked.' }),
    ),
  },
  { additionalProperties: false },
);

/** Secret metadata. */
export const WebhookSecretInfo = Type.Object(
  {
    id: Type.String({ description: 'Secret id (a UUID, as the payment seed shows it).' }),
    kid: Type.String({ pattern: '^[a-z0-9]{12}$' }),
    status: StringEnum(['active', 'rotating', 'disabled']),
    created_at: IsoDateTime(),
    expires_at: NullOr(IsoDateTime()),
  },
  { title: 'WebhookSecret', description: 'A signing secret without its value. `rotating` secrets still sign (beside the active one) until `expires_at`.' },
);
export type WebhookSecretInfo = Static<typeof WebhookSecretInfo>;

/** An event type of the catalogue. */
export const WebhookEventType = Type.Object(
  {
    type: Type.String(),
    description: Type.String(),
    opt_in: Type.Boolean({ description: 'Delivered only to endpoints that list this type by name ("*" does not include it).' }),
    sample: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true, description: 'Example of the webhook body: `{type, timestamp, data}`.' }),
  },
  { title: 'WebhookEventType', description: 'An event type of the catalogue, with a sample body.' },
);

/** An endpoint. */
export const WebhookEndpoint = Type.Object(
  {
    id: Type.String({ examples: ['whk_4hT9xQ2mZpL8vN3bK7wR1c'] }),
    url: Type.String({ format: 'uri' }),
    description: Type.String(),
    event_types: Type.Array(Type.String(), { description: '`["*"]` is every type except opt-in ones.' }),
    enabled: Type.Boolean(),
    disabled_reason: NullOr(Type.String()),
    failing_since: NullOr(IsoDateTime()),
    created_at: IsoDateTime(),
    updated_at: IsoDateTime(),
  },
  {
    title: 'WebhookEndpoint',
    description: 'Where events are delivered. After failing for days an endpoint is disabled (`disabled_reason`).',
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
  },
);
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

const endpointFields = {
  url: Type.String({ minLength: 1, maxLength: 2048, description: 'https:// URL (http:// allowed outside production); must not resolve to a private, loopback, link-local or metadata address.' }),
  description: Type.String({ maxLength: 500 }),
  event_types: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
    minItems: 1,
    maxItems: 100,
    description: 'Event types to receive; `["*"]` (the default) is every type except opt-in ones.',
  }),
  enabled: Type.Boolean(),
};

/** POST body. */
export const CreateEndpointBody = Type.Object(
  { url: endpointFields.url, description: Type.Optional(endpointFields.description), event_types: Type.Optional(endpointFields.event_types), enabled: Type.Optional(endpointFields.enabled) },
  { additionalProperties: false },
);
export type CreateEndpointBody = Static<typeof CreateEndpointBody>;

/** PUT body: any subset of the fields. */
export const UpdateEndpointBody = Type.Partial(Type.Object(endpointFields), { additionalProperties: false, minProperties: 1 });
export type UpdateEndpointBody = Static<typeof UpdateEndpointBody>;

/** One logged attempt. */
export const WebhookDeliveryAttempt = Type.Object(
  {
    attempt: Type.Integer(),
    at: IsoDateTime(),
    status_code: NullOr(Type.Integer()),
    success: Type.Boolean(),
    latency_ms: Type.Integer(),
    error: NullOr(Type.String()),
    response_body: NullOr(Type.String({ description: 'First 1 KiB of the response body.' })),
  },
  { title: 'WebhookDeliveryAttempt' },
);
export type WebhookDeliveryAttempt = Static<typeof WebhookDeliveryAttempt>;

/** A delivery and its attempts. */
export const WebhookDelivery = Type.Object(
  {
    id: Type.String(),
    event_id: Type.String({ description: 'The `webhook-id` header, the same on every attempt.' }),
    event_type: Type.String(),
    endpoint_id: Type.String(),
    status: StringEnum(['pending', 'succeeded', 'failed']),
    attempts: Type.Integer(),
    next_attempt_at: NullOr(IsoDateTime()),
    last_status_code: NullOr(Type.Integer()),
    last_error: NullOr(Type.String()),
    created_at: IsoDateTime(),
    delivered_at: NullOr(IsoDateTime()),
    attempt_log: Type.Array(WebhookDeliveryAttempt),
  },
  { title: 'WebhookDelivery', description: 'One event sent to one endpoint, with every attempt.' },
);
export type WebhookDelivery = Static<typeof WebhookDelivery>;

/** The queued ping. */
export const TestEventQueued = Type.Object({ event_id: Type.String(), delivery_id: Type.String() });
export type TestEventQueued = Static<typeof TestEventQueued>;

/** A delivery queued again. */
export const DeliveryRetried = Type.Object({ id: Type.String(), status: StringEnum(['pending']), next_attempt_at: IsoDateTime() });
export type DeliveryRetried = Static<typeof DeliveryRetried>;

/** The delivery log's page size. */
export const DeliveriesQuery = DefaultsOptional(Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false }));
