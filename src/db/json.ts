// Reading one member of JSON stored as text. The columns are plain `text` on both dialects (ADR
// 0002, portable column types), so SQL that looks inside them differs: SQLite has json_extract,
// PostgreSQL needs a cast to json and `->>`. Kept here so repos stay dialect-blind.
import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

const MEMBER = /^[a-z_][a-z0-9_]*$/;

/**
 * The top-level string member `key` of the JSON text in `column`, as SQL text; null when the
 * member is absent or JSON null. Every row it is evaluated on must hold valid JSON (PostgreSQL
 * fails the statement otherwise), so guard it with a CASE when some rows may not.
 */
export function jsonTextMember(db: Kysely<any>, column: Expression<string | null>, key: string): RawBuilder<string | null> {
  // The key is inlined, not bound: a statement that groups by this expression and selects it
  // must spell it identically, and PostgreSQL numbers each bound parameter apart.
  if (!MEMBER.test(key)) throw new Error(`jsonTextMember: '${key}' is not a plain member name`);
  if (db.getExecutor().adapter instanceof PostgresAdapter) return sql<string | null>`(cast(${column} as json) ->> ${sql.lit(key)})`;
  return sql<string | null>`json_extract(${column}, ${sql.lit(`$.${key}`)})`;
}
