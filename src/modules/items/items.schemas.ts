// The items API's shapes, written once: validation, serialisation, handler types and the OpenAPI
// reference come from here.
import { SIGNED_IN_OR_ANONYMOUS } from '../../http/auth.ts';
import { IsoDateTime, NullOr, type Static, StringEnum, type TSchema, Type } from '../../http/schema.ts';
import { MAX_PASSWORD_LENGTH, MAX_TTL_HOURS, MAX_VIEW_LIMIT, MIN_TTL_HOURS, PASSWORD_ATTEMPTS_PER_CLIENT, PASSWORD_ATTEMPTS_PER_WINDOW } from './items.limits.ts';

/** Documentation of the lifecycle and the receipt, shared by the operations. */
export const ITEMS_DESCRIPTION = [
  'Every response carries `Cache-Control: no-store` and a lifecycle `state`:',
  '`ACTIVE` (resolvable, no limit close), `BOUND` (resolvable, but the next successful resolve finalizes it — exactly one view left — or it is in the last tenth of its lifetime),',
  '`FINALIZED` (expired or view limit reached: resolve answers 410) and `ARCHIVAL` (swept within a minute of finalizing: content and password purged, metadata and receipt kept; resolve answers 410).',
  'Integrity receipt: `contentHmac` = lowercase hex of HMAC-SHA256 with the magic (UTF-8 bytes) as key and the content (UTF-8 bytes) as message;',
  'e.g. `printf %s "$CONTENT" | openssl dgst -sha256 -hmac "$MAGIC"`. It is also sent as the `X-Content-Hmac` header.',
].join(' ');

/** The `{magic}` path parameter. */
export const MagicParams = Type.Object({ magic: Type.String({ maxLength: 100, description: 'The item magic returned at creation (22 base62 characters).' }) });

const itemFields = {
  magic: Type.String({ description: 'The item handle: a 22-character base62 bearer secret (≈131 bits). Never stored by the server.' }),
  publicUrl: Type.String({ format: 'uri', description: 'The public page; what the QR code encodes. Opening it spends no view.' }),
  createdUtc: IsoDateTime(),
  expiresUtc: IsoDateTime(),
  viewCount: Type.Integer({ description: 'Views spent, including this resolve.' }),
  viewLimit: NullOr(Type.Integer()),
  passwordProtected: Type.Boolean(),
  deleteToken: NullOr(Type.String(), { description: 'Returned once, by create; null everywhere else.' }),
  content: NullOr(Type.String(), { description: 'Only in a successful resolve; null in the create answer.' }),
  contentHmac: Type.String({ description: 'Integrity receipt: hex HMAC-SHA256(key = magic, message = content), both UTF-8.' }),
  state: StringEnum(['ACTIVE', 'BOUND', 'FINALIZED', 'ARCHIVAL'], { description: 'Lifecycle state after this request.' }),
};

const itemOptions = {
  title: 'Item',
  description: 'An item (the seed fields, plus `state`). Create answers it with `deleteToken` (shown that once) and `content` null; a resolve with `content` and `viewCount` including that view.',
  examples: [
    {
      magic: 'k3J9xQ2mZpL8vN3bK7wR1c',
      publicUrl: 'https://qr.example.com/i/k3J9xQ2mZpL8vN3bK7wR1c',
      createdUtc: '2026-03-01T12:00:00.000Z',
      expiresUtc: '2026-03-01T13:00:00.000Z',
      viewCount: 0,
      viewLimit: 5,
      passwordProtected: true,
      deleteToken: 'q7NcW0yH3kT8vB2mZpL5xR9dF1sJ4gA6eU0iO3lY8wE',
      content: null,
      contentHmac: '5d41402abc4b2a76b9719d911017c592ae7c3f9d3b5c8e1a2f4d6b8c0e1f2a3b',
      state: 'ACTIVE',
    },
  ],
  // The receipt rides in a header too.
  headers: { 'X-Content-Hmac': { type: 'string', description: 'The integrity receipt, same value as `contentHmac`.' } },
};

/** An item, as create and resolve answer it. */
export const ItemJson = Type.Object(itemFields, itemOptions);
export type ItemJson = Static<typeof ItemJson>;

/** An items problem document, described per status (and with the fields that status adds). */
function problem<E extends Record<string, TSchema>>(description: string, extra: E = {} as E) {
  const field = <T extends TSchema>(schema: T) => Type.Optional(schema);
  return Type.Object(
    {
      type: field(Type.String()),
      title: field(Type.String()),
      status: field(Type.Integer()),
      detail: field(Type.String()),
      code: field(Type.String()),
      requestId: field(Type.String()),
      ...Type.Partial(Type.Object(extra)).properties,
    },
    { description, additionalProperties: true },
  );
}

const finalState = {
  state: StringEnum(['FINALIZED', 'ARCHIVAL']),
  reason: StringEnum(['expired', 'view_limit_reached']),
  viewCount: Type.Integer(),
  viewLimit: NullOr(Type.Integer()),
  createdUtc: IsoDateTime(),
  expiresUtc: IsoDateTime(),
  finalizedUtc: NullOr(IsoDateTime()),
  passwordProtected: Type.Boolean(),
  contentHmac: Type.String({ description: 'The receipt; left out for password-protected items.' }),
};

const notFound = problem('`not_found`: no item has this magic (never existed, or deleted).');

/** POST /api/v0/items body. */
export const CreateItemBody = Type.Object(
  {
    content: Type.String({ minLength: 1, description: 'The payload, at most 64 KiB of UTF-8 (more is 413). Immutable.' }),
    password: Type.Optional(
      NullOr(Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }), {
        description:
          'Optional; resolving then needs it in `X-QR-Password`, so it may not begin or end with a space or tab (HTTP drops them from header values) nor hold control characters (400 naming `body/password`).',
      }),
    ),
    ttlHours: Type.Number({ minimum: MIN_TTL_HOURS, maximum: MAX_TTL_HOURS, description: `Lifetime in hours, ${MIN_TTL_HOURS}–${MAX_TTL_HOURS}; fractions allowed.` }),
    viewLimit: Type.Optional(NullOr(Type.Integer({ minimum: 1, maximum: MAX_VIEW_LIMIT }), { description: 'Optional number of successful resolves allowed.' })),
  },
  { additionalProperties: false },
);
export type CreateItemBody = Static<typeof CreateItemBody>;

/** POST /api/v0/items */
export const createItemSchema = {
  tags: ['items'],
  summary: 'Create an ephemeral, immutable item',
  description: `Creates an item with a required lifetime and an optional view limit and password. Anonymous; a valid API key or session, when sent, attributes the item to its account (an API key that is sent but not valid is refused as on every other route: 401 when unknown or malformed, 403 when expired or revoked; a session cookie that has ended, or a check-in key, leaves the item anonymous). ${ITEMS_DESCRIPTION}`,
  security: SIGNED_IN_OR_ANONYMOUS,
  // Honoured for signed-in callers only: keys are kept per account.
  'x-idempotent': true,
  body: CreateItemBody,
  response: {
    201: ItemJson,
    400: problem('`validation_failed` or `malformed_json`, with `errors[]`.'),
    401: problem('`api_key_invalid` or `api_key_missing`: an API key was sent and is unknown, malformed or empty. Send none to create an anonymous item.'),
    403: problem('`api_key_expired` or `api_key_revoked`: the API key sent can no longer be used.'),
    413: problem('`payload_too_large`: content over 64 KiB of UTF-8 (or a body over 512 KiB).'),
    429: problem(
      '`rate_limited`: the API key sent has made too many requests this minute, or too many anonymous creates from this network (an IPv4 address or IPv6 /64) this minute, or too many password-protected ones (a lower limit: each costs an argon2id hash); see `Retry-After` and `RateLimit-*`. Creates with an API key count against the key instead.',
    ),
    503: problem(
      '`items_storage_full`: anonymous items on this instance already hold what it keeps for them (`TESSERA_ANONYMOUS_ITEMS_MB`); room comes back as they expire (`Retry-After`). Creates with an API key or session are not affected.',
    ),
  },
} as const;

/** GET /api/v0/items/{magic} */
export const resolveItemSchema = {
  tags: ['items'],
  summary: 'Resolve an item (spends one view)',
  description: `Returns the content and spends exactly one view, atomically. A wrong or missing password spends nothing; after ${PASSWORD_ATTEMPTS_PER_CLIENT} wrong passwords from one network (IPv4 address, IPv6 /64) in 15 minutes the item refuses that network's passwords (429) until its window ends, and after ${PASSWORD_ATTEMPTS_PER_WINDOW} from all networks together within the item's window, everyone's. The item's window is 15 minutes at first and doubles for every ${PASSWORD_ATTEMPTS_PER_WINDOW} wrong passwords it has answered, up to 16 hours. HEAD answers 200, 404 or 410 from the lifecycle alone: it spends no view and checks no password. ${ITEMS_DESCRIPTION}`,
  params: MagicParams,
  headers: Type.Object({ 'x-qr-password': Type.Optional(Type.String({ description: 'The password, when the item has one (UTF-8).' })) }),
  response: {
    200: ItemJson,
    401: problem(
      '`item_password_required` or `item_password_invalid`; no view spent. On `item_password_invalid`, `attemptsLeft`: the wrong passwords this network may still send before the item refuses it (429) for the rest of its 15 minutes.',
      {
        attemptsLeft: Type.Optional(Type.Integer({ minimum: 0 })),
      },
    ),
    404: notFound,
    410: problem('`item_expired` or `item_exhausted`, with the final state.', finalState),
    429: problem(
      '`too_many_attempts`: too many wrong passwords for this item from this network, or from everywhere; `rate_limited`: too many passwords (right or wrong, for any item) checked from this network this minute (each runs argon2id). Both carry `Retry-After`.',
      { retryAfterSeconds: Type.Optional(Type.Integer()) },
    ),
  },
} as const;

/** DELETE /api/v0/items/{magic} */
export const deleteItemSchema = {
  tags: ['items'],
  summary: 'Delete an item with its delete token',
  description: 'Deletes the item at once; resolving it afterwards answers 404.',
  params: MagicParams,
  headers: Type.Object({ 'x-delete-token': Type.Optional(Type.String({ description: 'The `deleteToken` returned at creation.' })) }),
  response: {
    204: Type.Unsafe<void>({ description: 'Deleted.', type: 'null' }),
    403: problem('`item_delete_token_invalid`: missing or wrong delete token.'),
    404: notFound,
  },
} as const;
