// The vocabulary every route schema is written in (TypeBox, ADR 0022): one declaration gives
// Fastify's validation, the handler's TypeScript types (TypeBoxTypeProvider) and the OpenAPI
// component (a `title` makes openapi-finish name it). Shapes the API repeats live here once.
import { type Static, type TSchema, type TUnsafe, Type } from 'typebox';
import { PROBLEM_SCHEMA } from './problem.ts';
import { DefaultsOptional } from './schema-defaults.ts';
import { NullOr } from './schema-null-or.ts';

export { DefaultsOptional, NullOr, Type };
export type { Static, TSchema };

/** A string that is one of `values` (`{type: string, enum}`; the TypeScript type is their union). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number]; examples?: T[number][] } = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

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
