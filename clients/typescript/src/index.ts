// @tessera/client: a typed client for the Tessera API. Types come from the API's own OpenAPI
// document (schema.ts, generated); the rest is a thin layer over openapi-fetch.
export { createTesseraClient, unwrap } from './client.ts';
export type { CallResult, TesseraAuth, TesseraClient, TesseraClientOptions } from './client.ts';
export { apiErrorFrom, TesseraApiError } from './errors.ts';
export type { FieldError, Problem } from './errors.ts';
export { collect, paginate } from './pagination.ts';
export { randomUuid } from './random-uuid.ts';
export type { Page } from './pagination.ts';
export type { components, operations, paths } from './schema.ts';
export type { JsonBody, JsonResponse, QueryOf } from './types.ts';
// Webhook verification is server-side and lives at '@tessera/client/webhooks', so browser bundles never carry it.
