// Dialect differences that repositories need, kept in one place and tested on both dialects.

/** True when `error` is a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when `error` is a foreign-key violation on either dialect. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

// PostgreSQL: the server is unreachable, restarting or shutting down (SQLSTATE class 08 and
// 57P01–57P03), or the pool gave up connecting. SQLite: the disk is full, read-only or failing,
// or the file is locked beyond busy_timeout.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03']);
const UNAVAILABLE_MESSAGES = /^(timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error)/i;

/**
 * Why the database cannot serve right now, or null when `error` is not about availability (a
 * bad query stays a 500). Requests failing for this reason answer 503: retrying later helps.
 */
export function databaseUnavailableReason(error: unknown): string | null {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return `postgres: ${code}`;
    if (code === 'SQLITE_FULL') return 'sqlite: the disk is full';
    if (code.startsWith('SQLITE_READONLY')) return 'sqlite: the database file is read-only';
    if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') return `sqlite: ${code}`;
    if (code === 'SQLITE_BUSY') return 'sqlite: the database is locked';
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return `postgres: ${message}`;
  return null;
}

/** Booleans are stored as 0/1 integers on both dialects. */
export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

/** Reads a 0/1 flag column. */
export function fromFlag(value: number | boolean | null | undefined): boolean {
  return value === 1 || value === true;
}
