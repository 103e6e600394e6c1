// Turns every failure into RFC 9457 problem+json: registered AppErrors, schema validation,
// body parsing, unknown routes, and unexpected exceptions (a generic 500 that leaks nothing).
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode, type FieldError } from '../errors.ts';
import { databaseUnavailableReason } from '../db/dialect.ts';
import { outageLog } from '../db/outage-log.ts';
import { type AllowedMethods, methodNotAllowed } from './methods.ts';
import { notFoundPage, unavailablePage, wantsHtml, wantsNotFoundPage } from './page/not-found.ts';
import { sendPage } from './page/reply.ts';
import { newRequestId } from './request-id.ts';

/** The problem document Tessera answers with. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Response schema of every error, for route `response` maps (documents it in OpenAPI; extensions pass through). */
export const PROBLEM_SCHEMA = {
  description: 'problem+json (RFC 9457)',
  type: 'object',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' }, requestId: { type: 'string' } },
  additionalProperties: true,
} as const;

/** Media type of every error body. */
const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Builds the problem document for `error` answered to `request`. */
function problemFor(publicUrl: string, request: FastifyRequest, error: AppError): Problem {
  return {
    ...error.extensions,
    type: `${publicUrl}/problems/${error.code}`,
    title: ERROR_CODES[error.code].title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    requestId: request.id,
    instance: request.url.split('?')[0],
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

/** Sends `error` as problem+json. */
export function sendProblem(publicUrl: string, request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  if (error.headers) reply.headers(error.headers);
  // Serialised here, as a string, so a route's response schema for the same status (an HTML
  // page's 404, say) never reshapes the problem.
  return reply
    .status(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemFor(publicUrl, request, error)));
}

type ValidationIssue = { instancePath?: string; message?: string; params?: Record<string, unknown>; keyword?: string };

function fieldErrors(context: string | undefined, issues: ValidationIssue[]): FieldError[] {
  return issues.map((issue) => {
    let field = issue.instancePath || '';
    if (issue.keyword === 'required' && typeof issue.params?.missingProperty === 'string') field += `/${issue.params.missingProperty}`;
    if (issue.keyword === 'additionalProperties' && typeof issue.params?.additionalProperty === 'string') {
      field += `/${issue.params.additionalProperty}`;
      return { field: `${context ?? 'body'}${field}`, message: 'is not a recognised field' };
    }
    return { field: `${context ?? 'body'}${field || ''}`, message: issueMessage(issue) };
  });
}

const FORMATS: Record<string, string> = {
  uri: 'must be an absolute URL (https://…)',
  email: 'must be an email address',
  'date-time': 'must be a date and time such as 2026-04-01T08:00:00Z',
  date: 'must be a date such as 2026-04-01',
  uuid: 'must be a UUID',
};
const TYPES: Record<string, string> = { string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null' };
const AMOUNT_FIELD = /(^|\/|_)amount$/;
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// A pattern says nothing a person can act on ("must match pattern \"^[a-z0-9](?:…)$\""): each
// one a schema uses is declared with its message (TextMatching in schema.ts).
const PATTERN_MESSAGES = new Map<string, string>();

/** Records what a failed `pattern` means in plain words (called where the pattern is declared). */
export function describePattern(pattern: string, message: string): void {
  PATTERN_MESSAGES.set(pattern, message);
}

// Ajv's messages are written for schema authors ("must NOT have fewer than 1 characters"); these
// reach people through the dashboard's forms, so the common keywords say it plainly.
function issueMessage(issue: ValidationIssue): string {
  const limit = issue.params?.limit;
  switch (issue.keyword) {
    case 'required':
      return 'is required';
    case 'enum':
      if (Array.isArray(issue.params?.allowedValues)) return `must be one of: ${issue.params.allowedValues.join(', ')}`;
      break;
    case 'minLength':
      if (limit === 1) return 'must not be empty';
      if (typeof limit === 'number') return `must be at least ${count(limit, 'character', 'characters')}`;
      break;
    case 'maxLength':
      if (typeof limit === 'number') return `must be at most ${count(limit, 'character', 'characters')}`;
      break;
    case 'minItems':
      if (typeof limit === 'number') return `must have at least ${count(limit, 'entry', 'entries')}`;
      break;
    case 'maxItems':
      if (typeof limit === 'number') return `must have at most ${count(limit, 'entry', 'entries')}`;
      break;
    case 'minimum':
    case 'maximum':
      if (typeof limit === 'number') return `must be ${issue.keyword === 'minimum' ? 'at least' : 'at most'} ${limit}`;
      break;
    case 'format': {
      const format = issue.params?.format;
      if (typeof format === 'string' && FORMATS[format]) return FORMATS[format];
      break;
    }
    case 'pattern': {
      const known = PATTERN_MESSAGES.get(String(issue.params?.pattern));
      if (known) return known;
      break;
    }
    case 'minProperties':
      if (limit === 1) return 'must name at least one field to change';
      break;
    case 'type': {
      const types = String(issue.params?.type ?? '').split(',');
      // Every amount in the API is in minor units: `12.50` is the one mistake a person makes here.
      if (types[0] === 'integer' && AMOUNT_FIELD.test(issue.instancePath ?? '')) return `must be ${TYPES.integer} of minor units (cents), e.g. 1250 for 12.50`;
      if (types.every((t) => TYPES[t])) return `must be ${types.map((t) => TYPES[t]).join(' or ')}`;
      break;
    }
  }
  return issue.message ?? 'is invalid';
}

/** Maps an error thrown anywhere in a request to an AppError (unknown errors become internal_error). */
export function toAppError(error: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const errors = fieldErrors(error.validationContext, error.validation);
    const summary = errors
      .slice(0, 3)
      .map((e) => `${e.field} ${e.message}`)
      .join('; ');
    return new AppError('validation_failed', `Some fields are invalid: ${summary}${errors.length > 3 ? '; …' : ''}.`, { errors });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is larger than this endpoint accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send the body as application/json (or the content type this endpoint documents).');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('bad_request', 'Content-Length does not match the body.');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new AppError('malformed_json', `The body is not valid JSON: ${error.message}.`);
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return new AppError('payload_too_large', 'The request body is larger than this endpoint accepts.');
  if (status === 415) return new AppError('unsupported_media_type', 'This endpoint does not accept that content type.');
  if (status === 429) return new AppError('rate_limited', 'Too many requests; retry later.');
  if (status >= 400 && status < 500) {
    const code = (Object.keys(ERROR_CODES) as ErrorCode[]).find((c) => ERROR_CODES[c].status === status) ?? 'bad_request';
    return new AppError(code, error.message || ERROR_CODES[code].title);
  }
  // The database is down, restarting or out of disk: a 503 the client may retry, not a 500.
  if (databaseUnavailableReason(error)) {
    return new AppError('not_ready', 'This instance cannot use its database right now; retry in a few seconds.', { cause: error, headers: { 'retry-after': '5' } });
  }
  return new AppError('internal_error', 'Something went wrong on our side. The request id identifies it in our logs.', { cause: error });
}

/**
 * Fastify's `frameworkErrors` option: what its router refuses before any route or hook runs (a
 * path with a broken percent-encoding, a segment longer than any name or id here) as problems too.
 */
export function frameworkErrors(publicUrl: string) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    reply.header('x-request-id', request.id);
    // A person who opened a truncated or garbled long link gets the same page as for any other
    // address with nothing behind it.
    if (error.code === 'FST_ERR_MAX_PARAM_LENGTH' && wantsNotFoundPage(request, path)) return sendPage(reply, 404, notFoundPage(request));
    const appError =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new AppError('not_found', `Nothing is at ${path.slice(0, 200)}: a path segment is longer than any name or id here.`)
        : new AppError('bad_request', 'The URL is not valid: a percent-encoded sequence in its path does not decode.');
    return sendProblem(publicUrl, request, reply, appError);
  };
}

// What Node's HTTP parser refuses before a request exists, per its error code.
function clientErrorProblem(code: string | undefined): { code: ErrorCode; detail: string } {
  if (code === 'HPE_HEADER_OVERFLOW')
    return {
      code: 'headers_too_large',
      detail: `The request's headers, the URL included, are larger than this server reads (${Math.round(http.maxHeaderSize / 1024)} KB). Shorten the URL or move the data into the body.`,
    };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { code: 'request_timeout', detail: 'The request did not arrive in full in time; send it again.' };
  return { code: 'bad_request', detail: `The request is not valid HTTP/1.1 (${code ?? 'unreadable'}): an invalid header, chunk or version. Check the client or proxy that sent it.` };
}

/**
 * Fastify's `clientErrorHandler` option: what Node's HTTP parser refuses (headers over its limit,
 * invalid HTTP, a request too slow to arrive) as problems too, with a request id for the logs.
 * There is no request object yet, so the answer is written to the socket by hand.
 */
export function clientErrors(publicUrl: string) {
  return function onClientError(this: FastifyInstance, error: Error & { code?: string }, socket: Duplex): void {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { code, detail } = clientErrorProblem(error.code);
    const { status, title } = ERROR_CODES[code];
    const id = newRequestId();
    this.log.debug({ err: error, requestId: id, code }, 'request refused by the HTTP parser');
    if (socket.writable) {
      const body = JSON.stringify({ type: `${publicUrl}/problems/${code}`, title, status, detail, code, requestId: id });
      socket.write(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}

/**
 * The HTTP server's `checkExpectation` listener: an `Expect` header other than `100-continue`
 * (the only expectation HTTP/1.1 defines) is refused before any route runs. Without it Node
 * answers a bare 417 with no body.
 */
export function expectationFailed(publicUrl: string, log: FastifyInstance['log']) {
  return function onCheckExpectation(request: http.IncomingMessage, response: http.ServerResponse): void {
    const code = 'expectation_failed';
    const { status, title } = ERROR_CODES[code];
    const id = newRequestId();
    const sent = String(request.headers.expect ?? '').slice(0, 100);
    log.debug({ requestId: id, expect: sent }, 'request refused: unsupported Expect header');
    const detail = `This server meets only "Expect: 100-continue", not "${sent}". Send the request without the Expect header.`;
    const body = JSON.stringify({ type: `${publicUrl}/problems/${code}`, title, status, detail, code, requestId: id });
    response.writeHead(status, { 'content-type': PROBLEM_CONTENT_TYPE, 'content-length': Buffer.byteLength(body), 'x-request-id': id, connection: 'close' });
    response.end(body);
  };
}

// Fastify's "unsupported media type" does not know what the route takes; its schema's `consumes` does.
function withAcceptedTypes(error: AppError, request: FastifyRequest): AppError {
  if (error.code !== 'unsupported_media_type' || error.extensions?.accepted !== undefined) return error;
  const accepted = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? ['application/json'];
  const sent = String(request.headers['content-type'] ?? 'none')
    .split(';')[0]!
    .trim()
    .slice(0, 100);
  return new AppError('unsupported_media_type', `This endpoint does not read a body sent as ${sent}. Send it with Content-Type: ${accepted.join(' or ')}.`, { extensions: { accepted } });
}

// Fastify's "body too large" knows no limit; the route does, and the caller needs the number.
function withBodyLimit(error: AppError, request: FastifyRequest): AppError {
  const limit = request.routeOptions.bodyLimit;
  if (error.code !== 'payload_too_large' || error.extensions?.limitBytes !== undefined || typeof limit !== 'number') return error;
  return new AppError('payload_too_large', `The request body is larger than this endpoint accepts: at most ${limit} bytes.`, { extensions: { limitBytes: limit } });
}

/** How often an unreachable database's failed requests are summed up in the log, per reason. */
export const OUTAGE_LOG_INTERVAL_MS = 10_000;

/** Logs the first request an unreachable database fails (per reason), then a count per interval (outageLog). */
function outageLogger(app: FastifyInstance) {
  const outages = outageLog(OUTAGE_LOG_INTERVAL_MS, (reason, _reason, failed) => app.log.error({ reason, failed, seconds: OUTAGE_LOG_INTERVAL_MS / 1000 }, 'requests failed: database unavailable'));
  app.addHook('onClose', (_instance, done) => {
    outages.close();
    done();
  });
  return (request: FastifyRequest, error: unknown, reason: string) => outages.failed(reason, reason, () => request.log.error({ err: error, reason }, 'request failed: database unavailable'));
}

/** Whether the request's route answers errors with pages to browsers (`x-html-errors` in its schema). */
function answersPages(request: FastifyRequest): boolean {
  return (request.routeOptions.schema as { 'x-html-errors'?: boolean } | undefined)?.['x-html-errors'] === true;
}

/**
 * The 404 for a path nothing answers. A route that matched a pattern but found nothing behind it
 * (`/{short_code}` of an unknown code) throws this itself instead of calling not-found, so its
 * request stays counted under its own route in /metrics, not as unmatched traffic.
 */
export function routeNotFound(method: string, path: string): AppError {
  return new AppError('route_not_found', `There is no route ${method} ${path}. See /docs for the API reference.`);
}

/** Installs the error and not-found handlers on the root instance; `allowedMethods` tells a 405 from a 404. */
export function installProblemHandlers(app: FastifyInstance, publicUrl: string, allowedMethods: AllowedMethods): void {
  const logOutage = outageLogger(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = withAcceptedTypes(withBodyLimit(toAppError(error), request), request);
    const unavailable = appError.code === 'not_ready' ? databaseUnavailableReason(error) : null;
    if (unavailable) logOutage(request, error, unavailable);
    // A 503 of our own (the instance is shutting down, or busy drawing) is routine, not a failure.
    else if (appError.status >= 500 && appError.code !== 'not_ready' && appError.code !== 'server_busy') request.log.error({ err: error }, 'request failed');
    // A 4xx is the client's to fix: at the default level (info) it writes nothing (ADR 0020).
    else request.log.debug({ code: appError.code, status: appError.status }, 'request rejected');
    // A person who scanned a code or opened a page during a restart gets a page that says to retry:
    // on the routes that answer browsers with pages (`x-html-errors`, documented as both).
    if (appError.status === 503 && answersPages(request) && wantsHtml(request)) {
      return sendPage(reply.headers(appError.headers ?? {}), 503, unavailablePage(request));
    }
    return sendProblem(publicUrl, request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allow = allowedMethods(request.url);
    // A route that serves this method and still calls not-found (an unknown short code) is a 404.
    if (allow.length > 0 && !allow.includes(request.method)) return sendProblem(publicUrl, request, reply, methodNotAllowed(request.method, path, allow));
    if (wantsNotFoundPage(request, path)) return sendPage(reply, 404, notFoundPage(request));
    return sendProblem(publicUrl, request, reply, routeNotFound(request.method, path));
  });
}
