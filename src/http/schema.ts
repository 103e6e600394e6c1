// The vocabulary every route schema is written in (TypeBox, ADR 0022): one declaration gives
// Fastify's validation, the handler's TypeScript types (TypeBoxTypeProvider) and the OpenAPI
// component (a `title` makes openapi-finish name it). Shapes the API repeats live here once.
import { type Static, type TObject, type TSchema, type TUnsafe, Type } from 'typebox';
import { describePattern, PROBLEM_SCHEMA } from './problem.ts';

export { Type };
export type { Static, TSchema, TUnsafe };

/** A string that is one of `values` (`{type: string, enum}`; the TypeScript type is their union). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number]; examples?: T[number][] } = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/**
 * `schema` (one JSON type) or null, written `type: [T, 'null']`. Not TypeBox's `anyOf`: with our
 * Ajv `coerceTypes`, a request's null would become "" (or 0) in the first branch (so
 * `template_id: null` stopped detaching a template), and fast-json-stringify would run a validator
 * per value to pick a branch.
 */
export function NullOr<T extends TSchema>(schema: T, options: { description?: string; examples?: unknown[]; default?: null } = {}): TUnsafe<Static<T> | null> {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'], ...options });
}

/**
 * `schema` with its defaulted fields left out of `required`. Ajv fills a default in before the
 * handler runs, so the handler's type keeps the field; but TypeBox lists every non-Optional field
 * in `required`, which the document and the generated client would turn into a mandatory one.
 */
export function DefaultsOptional<T extends TObject>(schema: T): T {
  const copy: { required?: string[] } = Object.defineProperties({}, Object.getOwnPropertyDescriptors(schema));
  const properties = schema.properties as Record<string, { default?: unknown }>;
  const required = (schema.required ?? []).filter((name) => properties[name]?.default === undefined);
  if (required.length > 0) copy.required = required;
  else delete copy.required;
  return copy as T;
}

/**
 * A string matching `pattern`; a mismatch is reported as `message` ("must not be blank"), not as
 * the expression. The pattern also goes into the document, where tools can check it.
 */
export function TextMatching(pattern: string, message: string, options: { minLength?: number; maxLength?: number; description?: string; examples?: string[] } = {}) {
  describePattern(pattern, message);
  return Type.String({ ...options, pattern });
}

/** Text that is more than white space (an empty one still reads "must not be empty"). */
export const NOT_BLANK = '^$|\\S';

/** An instant, as the API writes every one: ISO 8601 in UTC with milliseconds. */
export function IsoDateTime(options: { description?: string; examples?: string[] } = {}) {
  return Type.String({ format: 'date-time', ...options });
}

/** `limit` and `cursor` of every cursor-paginated list (`limit` defaults, so callers may leave it out). */
export const PageQuery = DefaultsOptional(
  Type.Object(
    {
      limit: Type.Integer({ minimum: 1, maximum: 100, default: 50, description: 'Page size (1–100).' }),
      cursor: Type.Optional(Type.String({ maxLength: 512, description: '`next_cursor` from the previous page.' })),
    },
    { additionalProperties: false },
  ),
);

/** A page of `item`s: `{data, next_cursor}` (null on the last page). */
export function Page<T extends TSchema>(item: T, title: string, description: string) {
  return Type.Object(
    {
      data: Type.Array(item),
      next_cursor: NullOr(Type.String(), { description: 'Pass as `cursor` for the next page; null on the last page.' }),
    },
    { title, description },
  );
}

/** A route's `:id` path parameter. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** A body-less success (204); typed void so handlers call `send()` without a payload. */
export const NoContent = Type.Unsafe<void>({ type: 'null' });

/** Every error body (problem+json; the registry in src/errors.ts lists the codes). */
export const Problem = Type.Unsafe<Record<string, unknown>>(PROBLEM_SCHEMA);
