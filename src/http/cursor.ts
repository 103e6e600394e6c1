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

/** One page of a list and the cursor of the next page (null on the last one). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A row of a newest-first list: the columns a cursor names. */
export interface ListRow {
  created_at: number;
  id: string;
}

/**
 * Fetches one page: asks `fetch` for one row more than `limit` (the repo's keyset query, see
 * src/db/keyset.ts), so the next cursor is only issued when a next page really exists.
 */
export async function fetchPage<R extends ListRow>(limit: number, fetch: (take: number) => Promise<R[]>): Promise<Page<R>> {
  const rows = await fetch(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null };
}

/** The same page with each item converted. */
export function mapPage<T, U>(page: Page<T>, convert: (item: T) => U): Page<U> {
  return { items: page.items.map(convert), nextCursor: page.nextCursor };
}

/** A page as the API returns it: `{data, next_cursor}`. */
export function pageJson<T, J>(page: Page<T>, toJson: (item: T) => J): { data: J[]; next_cursor: string | null } {
  return { data: page.items.map(toJson), next_cursor: page.nextCursor };
}
