// A field with a `default` is optional to the caller (Ajv fills it in before the handler runs) but
// always present to the handler. TypeBox lists every non-Optional field in `required`, which the
// OpenAPI document turns into "required: true" and the generated client into a mandatory
// parameter; marking it Optional instead would type it `number | undefined` in the handler.
import type { TObject } from 'typebox';

/** `schema` with its defaulted fields left out of `required`; the handler's type is unchanged. */
export function DefaultsOptional<T extends TObject>(schema: T): T {
  const copy: { required?: string[] } = Object.defineProperties({}, Object.getOwnPropertyDescriptors(schema));
  const properties = schema.properties as Record<string, { default?: unknown }>;
  const required = (schema.required ?? []).filter((name) => properties[name]?.default === undefined);
  if (required.length > 0) copy.required = required;
  else delete copy.required;
  return copy as T;
}
