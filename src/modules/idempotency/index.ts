// Public entry of the idempotency mechanism: Idempotency-Key on creates, one store for every route.
export { beginIdempotent, completeIdempotent, IDEMPOTENCY_TTL_MS, idempotencyJobs, releaseIdempotent, withIdempotency } from './idempotency.ts';
export type { IdempotentRequest, StoredResponse } from './idempotency.ts';
export { IDEMPOTENT_ROUTE, idempotencyPlugin } from './idempotency.plugin.ts';
