// The request bodies Tessera reads: JSON everywhere (and HTML form posts where a module registers
// them). Two departures from Fastify's defaults, both so a client's harmless habits work:
//  - an empty body with `Content-Type: application/json` is no body, not malformed JSON: many
//    SDKs and HTTP clients send that header on every request, bodyless POSTs and DELETEs included;
//  - `text/plain` is not parsed into a string (Fastify's default), so it gets the 415 every other
//    unsupported content type gets instead of a confusing "body must be object".
import type { FastifyInstance } from 'fastify';

/** Replaces Fastify's JSON and text parsers on `app` (the root, before any module registers). */
export function installBodyParsers(app: FastifyInstance): void {
  // Fastify's own parser, with its prototype-poisoning protection ('error' on __proto__ and constructor.prototype).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
