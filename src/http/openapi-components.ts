// Components the OpenAPI document shows in full where a route validates a looser schema: input
// that a domain parser checks with better messages than a schema's (a design is parsed by the QR
// engine, a hosted page by validatePageConfig). The route keeps validating `loose`; the document
// (src/http/openapi-finish.ts) refers to the full component wherever that title appears.
type Json = Record<string, unknown>;

const documented = new Map<string, Json>();

/** `loose`, titled `name`, with `full` registered as what the document shows for it. */
export function documentedAs<T extends object>(name: string, full: object, loose: T): T & { title: string } {
  documented.set(name, { ...full, title: name });
  return { ...loose, title: name };
}

/** Every component declared with documentedAs. */
export function documentedComponents(): Record<string, Json> {
  return Object.fromEntries(documented);
}
