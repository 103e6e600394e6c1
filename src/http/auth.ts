// The contract every module authenticates through. The accounts module installs the hook that
// fills `request.principal` from a session cookie or an API key; routes only ask for it.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

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
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the accounts module's auth hook; null when the request carries no credentials. */
    principal: Principal | null;
    /**
     * Why credentials that were present did not yield a principal (e.g. a session cookie on an
     * unsafe request without its CSRF token). Public routes ignore it; requirePrincipal throws it.
     */
    authProblem: AppError | null;
  }
}

/** The caller's principal, or a 401 problem asking for credentials (or the deferred auth problem). */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) {
    if (request.authProblem) throw request.authProblem;
    throw new AppError('api_key_missing', 'Send an API key in X-API-Key (or Authorization: Bearer), or sign in to the dashboard.');
  }
  return request.principal;
}

/** Route preHandler: rejects anonymous requests with 401. */
export async function requireAuth(request: FastifyRequest): Promise<void> {
  requirePrincipal(request);
}
