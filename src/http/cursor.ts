// Opaque list cursors: base64url of (created_at, id) of the last item returned. Lists are
// ordered newest first with the id as tie-breaker, so the cursor names an exact position.
import { AppError } from '../errors.ts';

/** A position in a newest-first list. */
export interface Cursor {
  createdAt: number;
  id: string;
}

/** Encodes a position as an opaque string. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

/** Decodes a cursor from a query string; a 400 naming the parameter when it is not one of ours. */
export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') {
      return { createdAt: value[0] as number, id: value[1] as string };
    }
  } catch {
    // fall through to the 400 below
  }
  throw new AppError('validation_failed', 'The cursor is not valid: pass next_cursor from a previous page unchanged.', {
    errors: [{ field: 'querystring/cursor', message: 'is not a cursor this API issued' }],
  });
}

/** Query-string schema shared by every cursor-paginated list. */
export const paginationQuerySchema = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 50, description: 'Page size (1–100).' },
  cursor: { type: 'string', maxLength: 512, description: '`next_cursor` from the previous page.' },
} as const;
