// The hand-written layer over openapi-fetch: where the API is, how to authenticate (an API key,
// or a browser session whose CSRF token the client keeps and sends), an Idempotency-Key on every
// create with retries that reuse it, and failures as TesseraApiError.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { apiErrorFrom, TesseraApiError } from './errors.ts';
import type { paths } from './schema.ts';
import { randomUuid } from './random-uuid.ts';

/** How the client authenticates. */
export type TesseraAuth =
  /** A `sec1-…` key, sent as X-API-Key (servers and scripts). */
  | { apiKey: string }
  /** The dashboard's cookie session: cookies travel with each request, the CSRF token is taken from signup, login and /auth/me answers. */
  | { session: true };

/** Options of createTesseraClient. */
export interface TesseraClientOptions {
  /** Where Tessera runs, e.g. https://qr.example.com; '' (the default) means the page's own origin. */
  baseUrl?: string;
  auth: TesseraAuth;
  /** A fetch implementation (tests, older runtimes); it is called with a Request. */
  fetch?: (request: Request) => Promise<Response>;
  /** Called on every 401 except from sign-in and sign-up themselves (a session that expired, a revoked key). */
  onUnauthorized?: (error: TesseraApiError) => void;
  /** Attempts for a request that failed in transit or got 502/503/504 (GETs and keyed creates only). Default 3. */
  maxAttempts?: number;
}

/** The typed client: openapi-fetch's methods plus session state. */
export interface TesseraClient extends Client<paths> {
  /** The session's CSRF token, once signup, login or /auth/me answered. */
  readonly csrfToken: string | null;
  /** Forget the session's token (after sign-out). */
  clearSession(): void;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSION_STARTERS = /\/api\/v1\/auth\/(?:signup|login|me)$/;
const NO_UNAUTHORIZED_HOOK = /\/api\/v1\/auth\/(?:signup|login)$/;
const RETRYABLE_STATUS = new Set([502, 503, 504]);

// A request may be sent again when repeating it cannot do anything twice: reads, and creates that
// carry an Idempotency-Key (the server replays the first answer instead of creating again).
function retryable(request: Request): boolean {
  return request.method === 'GET' || request.method === 'HEAD' || request.headers.has('idempotency-key');
}

function withRetries(fetchImpl: (request: Request) => Promise<Response>, maxAttempts: number): (request: Request) => Promise<Response> {
  return async (request) => {
    for (let attempt = 1; ; attempt++) {
      const canRetry = attempt < maxAttempts && retryable(request);
      try {
        const response = await fetchImpl(canRetry ? request.clone() : request);
        if (!canRetry || !RETRYABLE_STATUS.has(response.status)) return response;
      } catch (error) {
        if (!canRetry) throw new TesseraApiError(0, { title: 'Network error', detail: `Could not reach Tessera: ${(error as Error).message}` });
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** (attempt - 1)));
    }
  };
}

/** Creates a client for one Tessera instance. */
export function createTesseraClient(options: TesseraClientOptions): TesseraClient {
  const session = 'session' in options.auth;
  const fetchImpl = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const raw = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    fetch: withRetries(fetchImpl, options.maxAttempts ?? 3),
    credentials: session ? 'include' : 'omit',
    headers: 'apiKey' in options.auth ? { 'x-api-key': options.auth.apiKey } : {},
  });
  let csrfToken: string | null = null;

  const middleware: Middleware = {
    onRequest({ request }) {
      if (session && csrfToken && UNSAFE.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
      // Keys are kept per account: a session client that has not signed in (an anonymous item
      // create) sends none, since the server refuses a key it has no account to keep it for.
      if (request.method === 'POST' && !request.headers.has('idempotency-key') && (!session || csrfToken !== null)) request.headers.set('idempotency-key', randomUuid());
      return request;
    },
    async onResponse({ request, response }) {
      const path = new URL(request.url, 'http://base.invalid').pathname;
      if (session && response.ok && SESSION_STARTERS.test(path)) {
        const body = (await response
          .clone()
          .json()
          .catch(() => null)) as { csrf_token?: unknown } | null;
        if (typeof body?.csrf_token === 'string') csrfToken = body.csrf_token;
      }
      if (session && response.ok && path.endsWith('/api/v1/auth/logout')) csrfToken = null;
      if (response.status === 401 && options.onUnauthorized && !NO_UNAUTHORIZED_HOOK.test(path)) {
        if (session) csrfToken = null;
        options.onUnauthorized(
          apiErrorFrom(
            response,
            await response
              .clone()
              .json()
              .catch(() => null),
          ),
        );
      }
      return response;
    },
  };
  raw.use(middleware);

  // defineProperties, not Object.assign: a getter must stay a getter, not be copied as today's value.
  return Object.defineProperties(raw, {
    csrfToken: { get: () => csrfToken, enumerable: true },
    clearSession: {
      value: () => {
        csrfToken = null;
      },
    },
  }) as TesseraClient;
}

/** A call's outcome as openapi-fetch returns it. */
export interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call, or a TesseraApiError carrying the problem. */
export async function unwrap<T>(call: Promise<CallResult<T>>): Promise<T> {
  const result = await call;
  if (result.response.ok) return result.data as T;
  throw apiErrorFrom(result.response, result.error);
}
