// pino options for the service: JSON logs, secrets redacted. Headers are logged (they help
// debugging) but every header that carries a credential is censored, and URL segments that are
// themselves bearer secrets (item magics) are masked before they reach a log line.
import Fastify, { type FastifyBaseLogger, type FastifyLoggerOptions, type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** Headers whose values never appear in logs. */
export const REDACTED_HEADERS = ['authorization', 'x-api-key', 'x-qr-password', 'x-delete-token', 'cookie', 'set-cookie', 'x-csrf-token'];

/**
 * Any header or query parameter named like a credential (`proxy-authorization`, `x-auth-token`,
 * `api_key`, `access_token`, …): clients send credentials under names no list can foresee, and a
 * debug log that keeps one is a leaked key. What is masked in error is only less debugging help.
 */
// Short names (`pwd`, `sid`, `jwt`, `otp`, `pass`) only as whole words of a name (`x-sid`, `user_pwd`),
// so `side`, `inside` or `passage` stay readable.
const CREDENTIAL_NAME = /auth|token|key|secret|passw|session|cookie|signature|credential|bearer|jwt|(?:^|[-_.])(?:pwd|pass|sid|otp)(?:[-_.]|$)/i;

/** Path patterns whose captured segment is a secret; modules append theirs. */
export const SECRET_PATH_PATTERNS: RegExp[] = [
  // Item magics: the public page and the items API (the magic is the item's bearer secret).
  /^\/i\/([^/?]+)/,
  /^\/api\/v0\/items\/([^/?]+)/,
  // The seeds' own item link, `/{magic}` (it answers 301 to /i/{magic}): a single segment of 22
  // base62 characters. Short codes stop at 16, so a logged scan keeps its code.
  /^\/+([0-9A-Za-z]{22})\/*$/,
];

/** The URL with secret path segments and query values masked. */
export function scrubUrl(url: string): string {
  let [pathname, query] = url.split('?', 2) as [string, string | undefined];
  for (const pattern of SECRET_PATH_PATTERNS) pathname = pathname.replace(pattern, (match, secret: string) => match.replace(secret, '[REDACTED]'));
  if (query) query = query.replace(/(^|&)([^&=]*)=[^&]*/g, (pair, start: string, name: string) => (/^(sig|t|k)$/i.test(name) || CREDENTIAL_NAME.test(name) ? `${start}${name}=[REDACTED]` : pair));
  return query ? `${pathname}?${query}` : pathname;
}

/** pino/Fastify logger options with redaction. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyLoggerOptions & Record<string, unknown> {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [...REDACTED_HEADERS.map((h) => `req.headers["${h}"]`), ...REDACTED_HEADERS.map((h) => `res.headers["${h}"]`), '*.password', '*.content', '*.secret', '*.full_key', '*.deleteToken'],
      censor: '[REDACTED]',
    },
    serializers: {
      req(request: { method: string; url: string; ip: string; headers: Record<string, unknown> }) {
        return {
          method: request.method,
          url: scrubUrl(request.url),
          remoteAddress: request.ip,
          headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, CREDENTIAL_NAME.test(name) && name !== 'idempotency-key' ? '[REDACTED]' : value])),
        };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}

/**
 * Fastify's logger without a server: the same pino JSON lines and redaction on stdout, for the
 * worker and for what `serve` says before its app exists (migrations, a generated key).
 */
export function processLogger(level: string, stream?: NodeJS.WritableStream): FastifyBaseLogger {
  return Fastify({ logger: loggerOptions(level, stream) }).log;
}

type LogMethod = (...args: unknown[]) => void;
type Logger = Record<'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', LogMethod> & {
  level: string;
  isLevelEnabled(level: string): boolean;
  child(bindings: Record<string, unknown>, options?: Record<string, unknown>): Logger;
};

// Fastify gives every request a child logger carrying its id; pino builds it (bindings through
// the redaction serializers) for ~1 µs, on every redirect, and at the usual levels a redirect
// never logs. This stand-in makes the real child on the first call that would print.
class RequestLogger {
  readonly #parent: Logger;
  readonly #bindings: Record<string, unknown>;
  #child: Logger | undefined;

  constructor(parent: Logger, bindings: Record<string, unknown>) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  get level(): string {
    return (this.#child ?? this.#parent).level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  #real(): Logger {
    this.#child ??= this.#parent.child(this.#bindings);
    return this.#child;
  }

  #log(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', args: unknown[]): void {
    if (this.#child === undefined && !this.#parent.isLevelEnabled(level)) return;
    this.#real()[level](...args);
  }

  isLevelEnabled(level: string): boolean {
    return (this.#child ?? this.#parent).isLevelEnabled(level);
  }
  fatal(...args: unknown[]): void {
    this.#log('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#log('error', args);
  }
  warn(...args: unknown[]): void {
    this.#log('warn', args);
  }
  info(...args: unknown[]): void {
    this.#log('info', args);
  }
  debug(...args: unknown[]): void {
    this.#log('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#log('trace', args);
  }
  silent(): void {}
  child(bindings: Record<string, unknown>, options?: Record<string, unknown>): Logger {
    return this.#real().child(bindings, options);
  }
}

/** Fastify's childLoggerFactory: request loggers that cost nothing until they log (a route's own logLevel gets a real child at once). */
export function lazyRequestLogger(logger: FastifyBaseLogger, bindings: Record<string, unknown>, options: object): FastifyBaseLogger {
  // Fastify's no-op logger (logging off) has no isLevelEnabled; its children cost nothing anyway.
  if ((options && Object.keys(options).length > 0) || typeof (logger as unknown as Partial<Logger>).isLevelEnabled !== 'function') return logger.child(bindings, options);
  return new RequestLogger(logger as unknown as Logger, bindings) as unknown as FastifyBaseLogger;
}

/**
 * Whether every request gets a log line at this level. Access lines are debug lines (ADR 0020):
 * at the default info level a request costs no log line, and /metrics counts and times requests.
 */
export function logsEveryRequest(level: string): boolean {
  return level === 'debug' || level === 'trace';
}

/**
 * Fastify's per-request lines, moved down to debug: one `request completed` line per request
 * (carrying the request, so no separate `incoming request` line), a 5xx or a failed response at
 * error. At info a request writes nothing; pino's level check is all it pays.
 */
export class AccessLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ req: request, res: reply, err: error }, error?.message);
    else reply.log.debug({ res: reply, err: error }, error?.message);
  }
  override streamError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') reply.log.debug({ res: reply }, 'stream closed prematurely');
    else reply.log.warn({ err: error }, 'response terminated with an error with headers already sent');
  }
  override routeNotFound(request: FastifyRequest): void {
    request.log.debug(`Route ${request.raw.method}:${request.raw.url} not found`);
  }
}
