// Appending many rows fast, for write-heavy tables (scan events). Kysely's query builder costs
// ~20 µs per row to build and compile a 500-row INSERT; a precompiled multi-row statement costs a
// fraction of that. Placeholder syntax differs per dialect, so it lives here.
import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';

/** Rows per statement: 500 × ≤ 60 columns stays under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 500;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const statements = new Map<string, string>();

function statement(postgres: boolean, table: string, columns: readonly string[], rows: number): string {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rows}`;
  let text = statements.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r++) tuples.push(`(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`);
    text = `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`;
    if (statements.size > 256) statements.clear();
    statements.set(key, text);
  }
  return text;
}

/** Inserts `rows` (values in `columns` order) in one transaction of multi-row INSERTs. `table` and `columns` must be trusted identifiers. */
export async function appendRows(db: Kysely<any>, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return;
  if (!IDENTIFIER.test(table) || !columns.every((c) => IDENTIFIER.test(c))) throw new Error(`appendRows: invalid identifier in ${table}(${columns.join(', ')})`);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const parameters: unknown[] = [];
      for (const row of chunk) {
        if (row.length !== columns.length) throw new Error(`appendRows: a row has ${row.length} values for ${columns.length} columns`);
        for (const value of row) parameters.push(value);
      }
      await trx.executeQuery(CompiledQuery.raw(statement(postgres, table, columns, chunk.length), parameters));
    }
  });
}
