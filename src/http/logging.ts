// pino options for the service: JSON logs, secrets redacted. Headers are logged (they help
// debugging) but every header that carries a credential is censored, and URL segments that are
// themselves bearer secrets (item magics) are masked before they reach a log line.
import type { FastifyLoggerOptions } from 'fastify';

/** Headers whose values never appear in logs. */
export const REDACTED_HEADERS = ['authorization', 'x-api-key', 'x-qr-password', 'x-delete-token', 'cookie', 'set-cookie', 'x-csrf-token'];

/** Path patterns whose captured segment is a secret; modules append theirs. */
export const SECRET_PATH_PATTERNS: RegExp[] = [
  // Item magics: the public page and the items API (the magic is the item's bearer secret).
  /^\/i\/([^/?]+)/,
  /^\/api\/v0\/items\/([^/?]+)/,
];

/** The URL with secret path segments and query values masked. */
export function scrubUrl(url: string): string {
  let [pathname, query] = url.split('?', 2) as [string, string | undefined];
  for (const pattern of SECRET_PATH_PATTERNS) pathname = pathname.replace(pattern, (match, secret: string) => match.replace(secret, '[REDACTED]'));
  if (query) query = query.replace(/(^|&)(sig|token|t|key|secret)=[^&]*/gi, '$1$2=[REDACTED]');
  return query ? `${pathname}?${query}` : pathname;
}

/** pino/Fastify logger options with redaction. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyLoggerOptions & Record<string, unknown> {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        ...REDACTED_HEADERS.map((h) => `req.headers["${h}"]`),
        ...REDACTED_HEADERS.map((h) => `res.headers["${h}"]`),
        '*.password',
        '*.content',
        '*.secret',
        '*.full_key',
        '*.deleteToken',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      req(request: { method: string; url: string; ip: string; headers: Record<string, unknown> }) {
        return {
          method: request.method,
          url: scrubUrl(request.url),
          remoteAddress: request.ip,
          headers: { ...request.headers },
        };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
