// The request bodies Tessera reads: JSON everywhere (and HTML form posts where a module registers
// them). Two departures from Fastify's defaults, both so a client's harmless habits work:
//  - an empty body with `Content-Type: application/json` is no body, not malformed JSON: many
//    SDKs and HTTP clients send that header on every request, bodyless POSTs and DELETEs included;
//  - a malformed body is told where it breaks (V8's message: "… in JSON at position 12"), and a
//    `__proto__` key is refused as such, not called malformed;
//  - `text/plain` is not parsed into a string (Fastify's default), so it gets the 415 every other
//    unsupported content type gets instead of a confusing "body must be object";
//  - a route whose body is all optional fields (`'x-body-optional': true`) takes a POST with no
//    body as `{}`: the seeds' curl examples send none, and the OpenAPI document says the body
//    is optional, so generated clients do not demand one either.
import type { FastifyInstance, preValidationHookHandler } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifySchema {
    /** The body may be left out (it is then `{}`); the OpenAPI finisher marks it not required. */
    'x-body-optional'?: boolean;
  }
}

/** The schema extension of routes whose body may be left out (read by the OpenAPI finisher too). */
export const OPTIONAL_BODY = 'x-body-optional';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const emptyBodyAsObject: preValidationHookHandler = (request, _reply, done) => {
  request.body ??= {};
  done();
};

/**
 * JSON.parse with prototype-poisoning protection (what Fastify's own parser does), saying what
 * went wrong: Fastify's says "Body is not valid JSON but content-type is set to
 * 'application/json'" for a missing comma and for `__proto__` alike.
 */
export function parseJson(text: string): unknown {
  try {
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('forbidden prototype')) {
      throw new AppError('bad_request', 'The body uses the key "__proto__" or "constructor.prototype", which no field of this API has and Tessera refuses; leave it out.');
    }
    throw new AppError('malformed_json', `The body is not valid JSON: ${message}.`);
  }
}

/** Replaces Fastify's JSON and text parsers on `app` (the root, before any module registers). */
export function installBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      // Decoding loosely would store U+FFFD in place of what the client meant to send.
      done(new AppError('malformed_json', 'The body is not valid UTF-8: JSON must be sent as UTF-8 text (check the encoding your client writes).'));
      return;
    }
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, parseJson(text));
    } catch (error) {
      done(error as Error);
    }
  });
  app.addHook('onRoute', (route) => {
    if ((route.schema as Record<string, unknown> | undefined)?.[OPTIONAL_BODY] !== true) return;
    const existing = route.preValidation === undefined ? [] : Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation];
    route.preValidation = [emptyBodyAsObject, ...existing];
  });
}
