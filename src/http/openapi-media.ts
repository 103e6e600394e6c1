// Response declarations for bodies that are not JSON (images, CSV, HTML, redirects), so the
// OpenAPI document types them as what they are and generated clients read them as such.

declare module 'fastify' {
  interface FastifySchema {
    /** Errors are an HTML page for browsers (`Accept: text/html`) and problem+json otherwise; documented as both. */
    'x-html-errors'?: boolean;
  }
}

/** A 200 whose body is one of `mediaTypes` (bytes or text, not JSON). */
export function fileResponse(description: string, mediaTypes: readonly string[]) {
  return {
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  };
}

/** An HTML page. */
export function htmlResponse(description: string) {
  return { description, content: { 'text/html': { schema: { type: 'string' } } } };
}

/** A redirect: no body, a Location header. */
export function redirectResponse(description: string) {
  return { description, type: 'null', headers: { location: { type: 'string', format: 'uri', description: 'Where the client goes next.' } } };
}
