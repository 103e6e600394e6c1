// `schema` or null as one schema, `type: [type, 'null']`, where `Nullable` writes an anyOf. Request
// fields need it: Ajv coerces types (coerceTypes), and inside an anyOf's string branch it turns a
// null into "" before the null branch is tried, so a `template_id: null` would arrive as "". It
// also keeps error messages to the one failing keyword, and the serialiser from trying branches.
import { type Static, type TSchema, type TUnsafe, Type } from 'typebox';

/** `schema` (a single-`type` schema) or null, written `type: [type, 'null']`. */
export function NullOr<T extends TSchema>(schema: T, options: { description?: string; examples?: unknown[]; default?: null } = {}): TUnsafe<Static<T> | null> {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'], ...options });
}
