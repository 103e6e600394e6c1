// Input no route can use, refused once at the edge for every route, the same way on both dialects
// (and nesting deeper than any document Tessera reads, see MAX_DEPTH):
//  - text the database cannot hold: PostgreSQL refuses NUL (U+0000) in text with an error that
//    would surface as a 500 (SQLite stores it), and a lone UTF-16 surrogate has no UTF-8 form (the
//    driver would store U+FFFD instead, silently changing the value);
//  - numbers that are not finite: JSON numbers beyond ±1.8e308 parse to Infinity, and AJV's type
//    coercion turns query values such as `Infinity` or `1e400` into Infinity, which passes
//    `integer` and skips `maximum` (AJV checks bounds on finite numbers only).
// Text is checked before validation (a path parameter that holds such text names nothing: 404;
// in the query or body: 400 naming the field); numbers after it, once coercion has made them.
// A query parameter sent twice where one value is expected is named as such, before validation.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors.ts';

/** How many offending fields one answer lists. */
const MAX_REPORTED = 20;
/**
 * Deepest nesting a query or body may have. Every document Tessera reads (designs, hosted pages)
 * is a few levels deep; a body nested thousands deep would exhaust the stack of the first
 * recursive walk it meets (JSON.stringify, a validator) and surface as a 500.
 */
export const MAX_DEPTH = 32;

type Check = (value: unknown) => string | null;

function textProblem(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (value.includes('\u0000')) return 'must not contain NUL characters (U+0000)';
  if (!value.isWellFormed()) return 'must be valid Unicode text (it holds an unpaired surrogate)';
  return null;
}

function numberProblem(value: unknown): string | null {
  return typeof value === 'number' && !Number.isFinite(value) ? 'must be a finite number' : null;
}

/**
 * Every field of `root` (a parsed query, body or params object) that fails `check`, with its path
 * (`body/urls/3`). Walks iteratively: a deeply nested body must not exhaust the stack. With
 * `keys`, property names are checked as text too.
 */
export function offendingFields(root: unknown, context: string, check: Check, keys: boolean): FieldError[] {
  const found: FieldError[] = [];
  const stack: Array<[unknown, string, number]> = [[root, context, 0]];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const [value, path, depth] = stack.pop()!;
    const message = check(value);
    if (message) {
      found.push({ field: path, message });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth === MAX_DEPTH) {
      found.push({ field: path, message: `is nested too deeply (more than ${MAX_DEPTH} levels)` });
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}/${i}`, depth + 1]);
      continue;
    }
    for (const key of Object.keys(value)) {
      const keyMessage = keys ? textProblem(key) : null;
      if (keyMessage) found.push({ field: `${path}/${key}`, message: `has a property name that ${keyMessage}` });
      else stack.push([(value as Record<string, unknown>)[key], `${path}/${key}`, depth + 1]);
    }
  }
  return found;
}

function invalid(errors: FieldError[]): AppError {
  const summary = errors
    .slice(0, 3)
    .map((e) => `${e.field} ${e.message}`)
    .join('; ');
  return new AppError('validation_failed', `Some fields are invalid: ${summary}${errors.length > 3 ? '; …' : ''}.`, { errors });
}

function unrepresentableText(request: FastifyRequest): AppError | null {
  if (offendingFields(request.params, 'params', textProblem, false).length > 0) {
    return new AppError('not_found', `Nothing is at ${request.url.split('?')[0]}: a path segment holds a NUL character or text that is not valid Unicode.`);
  }
  const errors = [...offendingFields(request.query, 'querystring', textProblem, true), ...offendingFields(request.body, 'body', textProblem, true)];
  return errors.length > 0 ? invalid(errors) : null;
}

/** The parsed query and the properties its route declares, when it has both. */
function declaredQuery(request: FastifyRequest): { query: Record<string, unknown>; declared: Record<string, { type?: unknown }> } | null {
  const query = request.query as Record<string, unknown> | undefined;
  if (!query || typeof query !== 'object') return null;
  const declared = (request.routeOptions.schema?.querystring as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties;
  return declared ? { query, declared } : null;
}

// `?limit=1&limit=2` parses to a list; the validator would then say "must be a whole number",
// which sends the caller looking at the value instead of at the repetition.
function repeatedQueryParameters(request: FastifyRequest): AppError | null {
  const parts = declaredQuery(request);
  if (!parts) return null;
  const { query, declared } = parts;
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(query)) {
    const type = declared[name]?.type;
    if (Array.isArray(value) && type !== undefined && type !== 'array') errors.push({ field: `querystring/${name}`, message: 'was given more than once; send it once' });
  }
  return errors.length > 0 ? invalid(errors) : null;
}

// Ajv converts query text with Number(), so `?limit=0x10` was 16, `1e1` ten and ` 5` five: a
// typo or a tool's odd encoding got a page size nobody asked for. Numbers in a query are written
// in decimal digits, as the document shows them.
const DECIMAL: Record<string, RegExp> = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/ };
const DECIMAL_EXAMPLE: Record<string, string> = { integer: 'a whole number written in digits, like 20', number: 'a number written in digits, like 2.5' };

function nonDecimalQueryNumbers(request: FastifyRequest): AppError | null {
  const parts = declaredQuery(request);
  if (!parts) return null;
  const { query, declared } = parts;
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') continue;
    const type = declared[name]?.type;
    const kind = type === 'integer' || type === 'number' ? type : Array.isArray(type) ? type.find((t) => t === 'integer' || t === 'number') : undefined;
    if (kind && !DECIMAL[kind]!.test(value)) errors.push({ field: `querystring/${name}`, message: `must be ${DECIMAL_EXAMPLE[kind]} (got '${value.slice(0, 20)}')` });
  }
  return errors.length > 0 ? invalid(errors) : null;
}

function nonFiniteNumbers(request: FastifyRequest): AppError | null {
  if (offendingFields(request.params, 'params', numberProblem, false).length > 0) {
    return new AppError('not_found', `Nothing is at ${request.url.split('?')[0]}: a path segment is not a finite number.`);
  }
  const errors = [...offendingFields(request.query, 'querystring', numberProblem, false), ...offendingFields(request.body, 'body', numberProblem, false)];
  return errors.length > 0 ? invalid(errors) : null;
}

/** Installs both checks on the root instance, for every route. */
export function installInputGuard(app: FastifyInstance): void {
  // Callback-style and synchronous: these run on every request, the redirect hot path included.
  app.addHook('preValidation', (request, _reply, done) => done(unrepresentableText(request) ?? repeatedQueryParameters(request) ?? nonDecimalQueryNumbers(request) ?? undefined));
  app.addHook('preHandler', (request, _reply, done) => done(nonFiniteNumbers(request) ?? undefined));
}
