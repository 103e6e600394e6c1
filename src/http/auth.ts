// The contract every module authenticates through. A route declares who may call it with its
// OpenAPI `security` requirement, and that declaration is the only source of truth: the accounts
// module's hook authenticates, before validation, exactly the routes that declare one, and never
// reads credentials on routes that do not. Handlers then ask for the principal.
import type { FastifyRequest } from 'fastify';
import { AppError, BEARER_CHALLENGE, testKeyRefused } from '../errors.ts';

/** Who is calling: always an account (the tenant), sometimes a user (a person with a session). */
export interface Principal {
  accountId: string;
  /** The signed-in person (session), or null for API-key calls. */
  userId: string | null;
  via: 'session' | 'api_key';
  /** The API key's id when via = api_key. */
  apiKeyId: string | null;
  /** True for `sec1-tst-…` keys: modules that separate live and test data read this. */
  testMode: boolean;
  /** `checkin` for a key limited to check-ins (the auth hook refuses it on every other route), else `all`. */
  scope: 'all' | 'checkin';
  /** The one event (bulk batch) a check-in key is kept to; null for every event (and for sessions). */
  batchId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the accounts module's auth hook on routes that declare security; null otherwise. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /**
     * true on the routes a check-in key (scope `checkin`) may call: checking tickets in and reading
     * check-ins and events. The auth hook refuses such a key everywhere else, so a route added
     * later is closed to it until it says otherwise.
     */
    checkinKeys?: boolean;
  }
}

/** The 403 for a check-in key on a route it may not call. */
export function checkinKeyRefused(method: string, route: string): AppError {
  return new AppError('api_key_scope', `This API key can only check tickets in (scope checkin), so it cannot call ${method} ${route}. Use a key with scope all, or the dashboard.`);
}

/**
 * The event a request acts on when the caller is kept to one (`keyEvent`, a check-in key's
 * batch): the one it names if that is the key's, the key's when it names none, else 403. Without a
 * key event the request's own choice stands.
 */
export function keptToKeyEvent(keyEvent: string | null, requested: string | undefined): string | undefined {
  if (keyEvent === null || requested === undefined || requested === keyEvent) return keyEvent ?? requested;
  throw keyEventRefused(keyEvent, `act on event '${requested}'`);
}

/** The 403 for a check-in key kept to `keyEvent` asked to `what` outside it. */
export function keyEventRefused(keyEvent: string, what: string): AppError {
  return new AppError('api_key_scope', `This check-in key is kept to event '${keyEvent}', so it cannot ${what}. Use that event's door link, or a key that is not kept to one event.`);
}

/** One OpenAPI security requirement: scheme name → scopes. `{}` means "no credentials". */
export type SecurityRequirement = Record<string, string[]>;

/**
 * What a route's `security` declaration asks of the auth hook: `required` when every alternative
 * names a scheme, `optional` when one alternative is `{}` (credentials are used when valid, e.g.
 * to attribute an item to an account), and undefined (public: credentials are never read) when
 * there is no requirement.
 */
export function authModeOf(security: readonly SecurityRequirement[] | undefined): 'required' | 'optional' | undefined {
  if (!security || security.length === 0) return undefined;
  return security.some((requirement) => Object.keys(requirement).length === 0) ? 'optional' : 'required';
}

/** The `security` of a route any signed-in caller may use: an API key (either header) or a session. */
// Every route shares these arrays, so they are frozen: a plugin that edited one would edit them all.
export const SIGNED_IN: readonly SecurityRequirement[] = Object.freeze<SecurityRequirement[]>([{ bearer: [] }, { apiKey: [] }, { session: [] }]);
/** The `security` of a public route that uses credentials when they come (e.g. to attribute what it creates). */
export const SIGNED_IN_OR_ANONYMOUS: readonly SecurityRequirement[] = Object.freeze<SecurityRequirement[]>([{}, ...SIGNED_IN]);

/** The challenge a 401 for an API key or session carries (AppError adds it to every such 401). */
export const WWW_AUTHENTICATE = BEARER_CHALLENGE;

/** The 401 for a session cookie that no longer names a session (expired, signed out, revoked). */
export function sessionEnded(): AppError {
  return new AppError('session_ended', 'Your session has ended (it expired or was signed out elsewhere): sign in again.');
}

/** The 401 for a route that needs credentials and got none. */
export function credentialsMissing(): AppError {
  return new AppError('api_key_missing', 'Send an API key in X-API-Key (or Authorization: Bearer), or sign in to the dashboard.');
}

/**
 * The caller's principal. On a route that declares security the hook has already refused anonymous
 * callers; on one that does not, this is a 401 every time, so a forgotten declaration fails closed.
 */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw credentialsMissing();
  return request.principal;
}

/**
 * The caller's principal, refusing test-mode keys: for changes to configuration that serves live
 * traffic too (the account's webhook secret and endpoints), and for what carries live traffic
 * without a mode to tell test from live (the webhook delivery log and its re-sends). Test keys end
 * up in CI, staging and on laptops; one that leaks must not be able to redirect, break or read live
 * integrations. `why` says why the refused thing is live, when "it applies to live traffic too"
 * does not.
 */
export function requireLivePrincipal(request: FastifyRequest, action: string, why = 'it applies to live traffic too'): Principal {
  const principal = requirePrincipal(request);
  if (principal.testMode) throw testKeyRefused(action, why);
  return principal;
}
