// The one registry of error codes. Services throw AppError with a code from here; the HTTP layer
// turns it into RFC 9457 problem+json. Each code has exactly one status and title.

/** The challenge of a 401 for Tessera's own credentials: an API key (also as a Bearer token) or a session. */
export const BEARER_CHALLENGE = 'Bearer realm="tessera"';
/**
 * The challenge of a 401 for an item's password. An API key or session cannot open an item, so
 * `Bearer` would send a client after the wrong credential: the password has its own scheme (sent in
 * X-QR-Password, or the public page's form), one no browser answers with a login prompt.
 */
export const ITEM_PASSWORD_CHALLENGE = 'QR-Password realm="tessera-item"';

/**
 * Every error code Tessera answers with, its HTTP status and title; a 401's `challenge` is its
 * WWW-Authenticate (RFC 9110 requires one on every 401), BEARER_CHALLENGE unless it names another.
 */
export const ERROR_CODES = {
  bad_request: { status: 400, title: 'Bad request' },
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The body is not valid JSON' },
  unauthorized: { status: 401, title: 'Authentication required' },
  api_key_missing: { status: 401, title: 'No API key or session' },
  session_ended: { status: 401, title: 'The session has ended' },
  api_key_invalid: { status: 401, title: 'The API key is not valid' },
  invalid_credentials: { status: 401, title: 'Wrong email or password' },
  api_key_expired: { status: 403, title: 'The API key has expired' },
  api_key_revoked: { status: 403, title: 'The API key has been revoked' },
  api_key_scope: { status: 403, title: 'The API key may not do this' },
  csrf_failed: { status: 403, title: 'Cross-site request check failed' },
  signup_closed: { status: 403, title: 'Sign-up is closed on this instance' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  route_not_found: { status: 404, title: 'No such route' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  design_invalid: { status: 400, title: 'The design is not valid' },
  design_unscannable: { status: 400, title: 'The design would not scan reliably' },
  content_too_long: { status: 400, title: 'The content does not fit in a QR code' },
  gone: { status: 410, title: 'Gone' },
  code_expired: { status: 403, title: 'This code has expired' },
  code_not_yet_active: { status: 403, title: 'This code is not active yet' },
  code_ended: { status: 410, title: 'This code has ended' },
  idempotency_key_in_use: { status: 409, title: 'A request with this Idempotency-Key is still in progress' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused with a different request' },
  request_timeout: { status: 408, title: 'The request took too long to arrive' },
  expectation_failed: { status: 417, title: 'Expectation not supported' },
  payload_too_large: { status: 413, title: 'The body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  headers_too_large: { status: 431, title: 'The request headers are too large' },
  internal_error: { status: 500, title: 'Internal error' },
  not_ready: { status: 503, title: 'Not ready' },
  server_busy: { status: 503, title: 'The server is busy' },
  items_storage_full: { status: 503, title: 'Anonymous item storage is full' },
  item_password_required: { status: 401, title: 'This item is password protected', challenge: ITEM_PASSWORD_CHALLENGE },
  item_password_invalid: { status: 401, title: 'Wrong password for this item', challenge: ITEM_PASSWORD_CHALLENGE },
  item_delete_token_invalid: { status: 403, title: 'Wrong delete token for this item' },
  item_expired: { status: 410, title: 'This item has expired' },
  item_exhausted: { status: 410, title: 'This item has reached its view limit' },
  too_many_attempts: { status: 429, title: 'Too many failed attempts' },
} as const satisfies Record<string, { status: number; title: string; challenge?: string }>;

/** A registered error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The WWW-Authenticate a 401 with `code` carries (null for other statuses). */
export function challengeFor(code: ErrorCode): string | null {
  const entry: { status: number; challenge?: string } = ERROR_CODES[code];
  return entry.status === 401 ? (entry.challenge ?? BEARER_CHALLENGE) : null;
}

/** One invalid field of a request, as listed in `errors[]`. */
export interface FieldError {
  /** JSON pointer or dotted path of the field, e.g. `/urls/3`. */
  field: string;
  message: string;
}

/** Options that refine an AppError. */
export interface AppErrorOptions {
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** Extra members merged into the problem document (e.g. an item's final `state`). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

/** An expected failure with a registered code; `detail` is a sentence a person can act on. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  readonly extensions?: Record<string, unknown>;

  constructor(code: ErrorCode, detail: string, options: AppErrorOptions = {}) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.detail = detail;
    this.errors = options.errors;
    // Here, not at each throw, so no 401 can leave without its challenge, whatever renders it
    // (problem+json or a page); a challenge the thrower chose (e.g. error="invalid_token") stands.
    const challenge = challengeFor(code);
    this.headers = challenge && !options.headers?.['www-authenticate'] ? { ...options.headers, 'www-authenticate': challenge } : options.headers;
    this.extensions = options.extensions;
  }
}

/** Shorthand for the common "resource does not exist (or is another account's)" error. */
export function notFound(what: string, errors?: FieldError[]): AppError {
  return new AppError('not_found', `${what} does not exist.`, errors ? { errors } : {});
}

/**
 * The 403 a test-mode key gets for something only live principals may do: `action` says what it
 * tried ("archive the live campaign 'cmp_…'"), `why` why that is live (the same wording in every
 * module, so one pattern matches them all).
 */
export function testKeyRefused(action: string, why: string): AppError {
  return new AppError('forbidden', `A tst key cannot ${action}: ${why}. Use a prd key or the dashboard.`);
}
