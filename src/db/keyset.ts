// Keyset pagination of newest-first lists: rows ordered by (created_at, id) descending, a page
// starting strictly after the position its cursor names. Exports walk the other way, oldest first. Every cursor-paginated table has both
// columns; the same SQL runs on SQLite and PostgreSQL.
import type { SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.ts';

/** The position of the last row of the previous page. */
export interface KeysetPosition {
  createdAt: number;
  id: string;
}

/** Orders `query` newest first, starts it after `after`, and takes `limit` rows. */
export function newestFirst<T extends keyof Database, O>(query: SelectQueryBuilder<Database, T, O>, limit: number, after?: KeysetPosition): SelectQueryBuilder<Database, T, O> {
  // The columns exist on every table this is used with; Kysely cannot see that through the generic table.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  let q = query as unknown as SelectQueryBuilder<any, any, O>;
  if (after) {
    q = q.where((eb) => eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit) as unknown as SelectQueryBuilder<Database, T, O>;
}

/** Orders `query` oldest first, starts it after `after`, and takes `limit` rows: how an export pages through a log. */
export function oldestFirst<T extends keyof Database, O>(query: SelectQueryBuilder<Database, T, O>, limit: number, after?: KeysetPosition): SelectQueryBuilder<Database, T, O> {
  // As in newestFirst: the columns exist on every table this is used with.
  let q = query as unknown as SelectQueryBuilder<any, any, O>;
  // The `>=` alone is what an index can seek to (with only the OR, SQLite walked an export's log
  // from its first row on every page); the OR then steps past the rows of the cursor's millisecond.
  if (after) q = q.where('created_at', '>=', after.createdAt).where((eb) => eb.or([eb('created_at', '>', after.createdAt), eb('id', '>', after.id)]));
  return q.orderBy('created_at').orderBy('id').limit(limit) as unknown as SelectQueryBuilder<Database, T, O>;
}
