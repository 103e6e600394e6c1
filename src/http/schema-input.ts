// Schema helpers for where TypeBox's defaults do not fit how Fastify uses a schema. Requests are
// validated by Ajv with `coerceTypes: 'array'` and `useDefaults`; responses are serialised by
// fast-json-stringify:
//  - A field with a `default` is optional to the caller (Ajv fills it in before the handler runs)
//    but always present to the handler. TypeBox lists every non-Optional field in `required`,
//    which the OpenAPI document turns into "required: true" and the generated client into a
//    mandatory parameter; marking it Optional instead would type it `T | undefined`.
//  - A nullable field written as TypeBox's `anyOf: [T, null]` lets coercion turn a request's null
//    into "" (or 0) in the first branch, and makes fast-json-stringify run a validator per value
//    to pick the branch; `type: [T, 'null']` takes null as it is on both sides.
import type { Static, TObject, TSchema, TUnsafe } from 'typebox';
import { Type } from 'typebox';

/** `schema` with its defaulted fields left out of `required`; the handler's type is unchanged. */
export function DefaultsOptional<T extends TObject>(schema: T): T {
  const copy: { required?: string[] } = Object.defineProperties({}, Object.getOwnPropertyDescriptors(schema));
  const properties = schema.properties as Record<string, { default?: unknown }>;
  const required = (schema.required ?? []).filter((name) => properties[name]?.default === undefined);
  if (required.length > 0) copy.required = required;
  else delete copy.required;
  return copy as T;
}

/** `schema` (one JSON type) or null, as `type: [T, 'null']`: request fields and hot response shapes. */
export function OrNull<T extends TSchema>(schema: T, options: Record<string, unknown> = {}): TUnsafe<Static<T> | null> {
  const plain = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...plain, type: [plain.type, 'null'], ...options });
}
