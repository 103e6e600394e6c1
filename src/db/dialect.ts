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

/** Booleans are stored as 0/1 integers on both dialects. */
export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

/** Reads a 0/1 flag column. */
export function fromFlag(value: number | boolean | null | undefined): boolean {
  return value === 1 || value === true;
}
