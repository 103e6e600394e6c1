// JSON schemas of the items API: validation, serialisation and the OpenAPI reference.
import { SIGNED_IN_OR_ANONYMOUS } from '../../http/auth.ts';
import { MAX_PASSWORD_LENGTH, MAX_TTL_HOURS, MAX_VIEW_LIMIT, MIN_TTL_HOURS, PASSWORD_ATTEMPTS_PER_WINDOW } from './items.service.ts';

/** Documentation of the lifecycle and the receipt, shared by the operations. */
export const ITEMS_DESCRIPTION = [
  'Every response carries `Cache-Control: no-store` and a lifecycle `state`:',
  '`ACTIVE` (resolvable, no limit close), `BOUND` (resolvable, but the next successful resolve finalizes it — exactly one view left — or it is in the last tenth of its lifetime),',
  '`FINALIZED` (expired or view limit reached: resolve answers 410) and `ARCHIVAL` (swept within a minute of finalizing: content and password purged, metadata and receipt kept; resolve answers 410).',
  'Integrity receipt: `contentHmac` = lowercase hex of HMAC-SHA256 with the magic (UTF-8 bytes) as key and the content (UTF-8 bytes) as message;',
  'e.g. `printf %s "$CONTENT" | openssl dgst -sha256 -hmac "$MAGIC"`. It is also sent as the `X-Content-Hmac` header.',
].join(' ');

const magicParam = {
  type: 'object',
  properties: { magic: { type: 'string', maxLength: 100, description: 'The item magic returned at creation (22 base62 characters).' } },
  required: ['magic'],
} as const;

const item = {
  title: 'Item',
  type: 'object',
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
  properties: {
    magic: { type: 'string', description: 'The item handle: a 22-character base62 bearer secret (≈131 bits). Never stored by the server.' },
    publicUrl: { type: 'string', format: 'uri', description: 'The public page; what the QR code encodes. Opening it spends no view.' },
    createdUtc: { type: 'string', format: 'date-time' },
    expiresUtc: { type: 'string', format: 'date-time' },
    viewCount: { type: 'integer', description: 'Views spent, including this resolve.' },
    viewLimit: { type: ['integer', 'null'] },
    passwordProtected: { type: 'boolean' },
    deleteToken: { type: ['string', 'null'], description: 'Returned once, by create; null everywhere else.' },
    content: { type: ['string', 'null'], description: 'Only in a successful resolve; null in the create answer.' },
    contentHmac: { type: 'string', description: 'Integrity receipt: hex HMAC-SHA256(key = magic, message = content), both UTF-8.' },
    state: { type: 'string', enum: ['ACTIVE', 'BOUND', 'FINALIZED', 'ARCHIVAL'], description: 'Lifecycle state after this request.' },
  },
  required: ['magic', 'publicUrl', 'createdUtc', 'expiresUtc', 'viewCount', 'viewLimit', 'passwordProtected', 'deleteToken', 'content', 'contentHmac', 'state'],
} as const;

function problem(description: string, extra: Record<string, unknown> = {}) {
  return {
    description,
    type: 'object',
    additionalProperties: true,
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string' },
      requestId: { type: 'string' },
      ...extra,
    },
  };
}

const finalState = {
  state: { type: 'string', enum: ['FINALIZED', 'ARCHIVAL'] },
  reason: { type: 'string', enum: ['expired', 'view_limit_reached'] },
  viewCount: { type: 'integer' },
  viewLimit: { type: ['integer', 'null'] },
  createdUtc: { type: 'string', format: 'date-time' },
  expiresUtc: { type: 'string', format: 'date-time' },
  finalizedUtc: { type: ['string', 'null'], format: 'date-time' },
  passwordProtected: { type: 'boolean' },
  contentHmac: { type: 'string', description: 'The receipt; left out for password-protected items.' },
};

const hmacHeader = { 'X-Content-Hmac': { type: 'string', description: 'The integrity receipt, same value as `contentHmac`.' } };
const notFound = problem('`not_found`: no item has this magic (never existed, or deleted).');

/** POST /api/v0/items */
export const createItemSchema = {
  tags: ['items'],
  summary: 'Create an ephemeral, immutable item',
  description: `Creates an item with a required lifetime and an optional view limit and password. Anonymous; a valid API key or session, when sent, attributes the item to its account (credentials that are not valid are ignored: the item is then anonymous). ${ITEMS_DESCRIPTION}`,
  security: SIGNED_IN_OR_ANONYMOUS,
  // Honoured for signed-in callers only: keys are kept per account.
  'x-idempotent': true,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['content', 'ttlHours'],
    properties: {
      content: { type: 'string', minLength: 1, description: 'The payload, at most 64 KiB of UTF-8 (more is 413). Immutable.' },
      password: { type: ['string', 'null'], minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: 'Optional; resolving then needs it in `X-QR-Password`.' },
      ttlHours: { type: 'number', minimum: MIN_TTL_HOURS, maximum: MAX_TTL_HOURS, description: `Lifetime in hours, ${MIN_TTL_HOURS}–${MAX_TTL_HOURS}; fractions allowed.` },
      viewLimit: { type: ['integer', 'null'], minimum: 1, maximum: MAX_VIEW_LIMIT, description: 'Optional number of successful resolves allowed.' },
    },
  },
  response: {
    201: { ...item, headers: hmacHeader },
    400: problem('`validation_failed` or `malformed_json`, with `errors[]`.'),
    413: problem('`payload_too_large`: content over 64 KiB of UTF-8 (or a body over 512 KiB).'),
  },
} as const;

/** GET /api/v0/items/{magic} */
export const resolveItemSchema = {
  tags: ['items'],
  summary: 'Resolve an item (spends one view)',
  description: `Returns the content and spends exactly one view, atomically. A wrong or missing password spends nothing; after ${PASSWORD_ATTEMPTS_PER_WINDOW} wrong passwords in 15 minutes the item refuses every password (429) until the window ends. HEAD answers 200, 404 or 410 from the lifecycle alone: it spends no view and checks no password. ${ITEMS_DESCRIPTION}`,
  params: magicParam,
  headers: {
    type: 'object',
    properties: { 'x-qr-password': { type: 'string', description: 'The password, when the item has one (UTF-8).' } },
  },
  response: {
    200: { ...item, headers: hmacHeader },
    401: problem('`item_password_required` or `item_password_invalid`; no view spent.'),
    404: notFound,
    410: problem('`item_expired` or `item_exhausted`, with the final state.', finalState),
    429: problem('`too_many_attempts`: too many wrong passwords for this item; see `Retry-After`.', { retryAfterSeconds: { type: 'integer' } }),
  },
} as const;

/** DELETE /api/v0/items/{magic} */
export const deleteItemSchema = {
  tags: ['items'],
  summary: 'Delete an item with its delete token',
  description: 'Deletes the item at once; resolving it afterwards answers 404.',
  params: magicParam,
  headers: {
    type: 'object',
    properties: { 'x-delete-token': { type: 'string', description: 'The `deleteToken` returned at creation.' } },
  },
  response: {
    204: { description: 'Deleted.', type: 'null' },
    403: problem('`item_delete_token_invalid`: missing or wrong delete token.'),
    404: notFound,
  },
} as const;
