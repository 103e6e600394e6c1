// Shorthands for the shapes in the generated `paths`, so callers name an endpoint instead of
// spelling out openapi-typescript's nesting.
import type { paths } from './schema.ts';

type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body an endpoint answers with `status` (default 200). */
export type JsonResponse<P extends keyof paths, M extends Method, S extends number = 200> =
  Operation<P, M> extends { responses: infer R } ? (S extends keyof R ? (R[S] extends { content: { 'application/json': infer J } } ? J : never) : never) : never;

/** The JSON body an endpoint accepts. */
export type JsonBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? (NonNullable<B> extends { content: { 'application/json': infer J } } ? J : never) : never;

/** The query parameters of an endpoint. */
export type QueryOf<P extends keyof paths, M extends Method> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
