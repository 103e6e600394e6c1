// Appending many rows fast, for write-heavy tables (scan events, their rollups). Kysely's query
// builder costs ~20 µs per row to build and compile a 500-row INSERT; a precompiled multi-row
// statement costs a fraction of that. Placeholder syntax differs per dialect, so it lives here;
// the ON CONFLICT forms below are the same on SQLite (≥ 3.35) and PostgreSQL.
import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';

/** Most rows per statement: 512 × ≤ 60 columns stays under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 512;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const statements = new Map<string, string>();

/** What to do with a row whose key (a unique index) already exists. */
type Conflict =
  | { kind: 'fail' }
  /** Skip it; the statement returns the key columns of the rows it did insert. */
  | { kind: 'skip'; key: readonly string[] }
  /** Add the new row's `counters` to the stored row's. */
  | { kind: 'add'; key: readonly string[]; counters: readonly string[] };

function suffix(table: string, conflict: Conflict): string {
  if (conflict.kind === 'fail') return '';
  const key = conflict.key.join(', ');
  if (conflict.kind === 'skip') return ` on conflict (${key}) do nothing returning ${key}`;
  return ` on conflict (${key}) do update set ${conflict.counters.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`;
}

function statement(postgres: boolean, table: string, columns: readonly string[], rows: number, conflict: Conflict): string {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rows}|${JSON.stringify(conflict)}`;
  let text = statements.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r++) tuples.push(`(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`);
    text = `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}${suffix(table, conflict)}`;
    if (statements.size > 256) statements.clear();
    statements.set(key, text);
  }
  return text;
}

// Statement sizes for `n` rows: full statements, then the rest in powers of two. Every batch then
// runs statements of at most ten sizes per table, which SQLite has prepared before; a statement
// cut to each batch's exact length would be parsed afresh for almost every batch, and parsing a
// few hundred rows' placeholders costs about as much as inserting them.
function statementSizes(n: number): number[] {
  const sizes: number[] = [];
  for (; n >= ROWS_PER_STATEMENT; n -= ROWS_PER_STATEMENT) sizes.push(ROWS_PER_STATEMENT);
  for (let size = ROWS_PER_STATEMENT / 2; size >= 1; size /= 2) {
    if (n >= size) {
      sizes.push(size);
      n -= size;
    }
  }
  return sizes;
}

async function write(db: Kysely<any>, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], conflict: Conflict): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const names = [table, ...columns, ...(conflict.kind === 'fail' ? [] : conflict.key), ...(conflict.kind === 'add' ? conflict.counters : [])];
  if (!names.every((name) => IDENTIFIER.test(name))) throw new Error(`appendRows: invalid identifier in ${table}(${columns.join(', ')})`);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const returned: Record<string, unknown>[] = [];
  const run = async (executor: Kysely<any>) => {
    let start = 0;
    for (const size of statementSizes(rows.length)) {
      const chunk = rows.slice(start, start + size);
      start += size;
      const parameters: unknown[] = [];
      for (const row of chunk) {
        if (row.length !== columns.length) throw new Error(`appendRows: a row has ${row.length} values for ${columns.length} columns`);
        for (const value of row) parameters.push(value);
      }
      const result = await executor.executeQuery<Record<string, unknown>>(CompiledQuery.raw(statement(postgres, table, columns, chunk.length, conflict), parameters));
      for (const row of result.rows) returned.push(row);
    }
  };
  // Inside the caller's transaction the rows join it; otherwise they get one of their own.
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
  return returned;
}

/** Inserts `rows` (values in `columns` order) as multi-row INSERTs, atomically (in the caller's transaction when `db` is one). `table` and `columns` must be trusted identifiers. */
export async function appendRows(db: Kysely<any>, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  await write(db, table, columns, rows, { kind: 'fail' });
}

/** Like appendRows, but rows whose `key` (a unique index) exists are skipped; returns the `key` columns of the rows inserted. */
export async function appendNewRows(db: Kysely<any>, table: string, columns: readonly string[], key: readonly string[], rows: readonly (readonly unknown[])[]): Promise<Record<string, unknown>[]> {
  return write(db, table, columns, rows, { kind: 'skip', key });
}

/** Like appendRows, but a row whose `key` (a unique index) exists adds its `counters` to the stored row's. Rows must have distinct keys. */
export async function appendOrAdd(
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  key: readonly string[],
  counters: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  await write(db, table, columns, rows, { kind: 'add', key, counters });
}

// On SQLite, binding a parameter costs more than storing it, and write-heavy rows repeat a few
// tuples of values (one campaign, one visitor, one agent per batch of scans). Each distinct tuple
// is bound once, into a per-connection temporary table, and the INSERT joins it: a scan row then
// binds 3 parameters instead of 14, which halves the cost of storing it.
function sharedTable(width: number): string {
  return `append_shared_${width}`;
}

function joinedStatement(table: string, columns: readonly string[], sharedColumns: readonly string[], rows: number): string {
  const key = `joined|${table}|${columns.join(',')}|${sharedColumns.join(',')}|${rows}`;
  let text = statements.get(key);
  if (text === undefined) {
    const tuple = `(${Array.from({ length: columns.length + 1 }, () => '?').join(', ')})`;
    const own = columns.map((_, i) => `v.column${i + 1}`);
    const shared = sharedColumns.map((_, i) => `s.c${i}`);
    text =
      `insert into ${table} (${[...columns, ...sharedColumns].join(', ')}) select ${[...own, ...shared].join(', ')} ` +
      `from (values ${Array.from({ length: rows }, () => tuple).join(', ')}) as v join ${sharedTable(sharedColumns.length)} as s on s.k = v.column${columns.length + 1}`;
    if (statements.size > 256) statements.clear();
    statements.set(key, text);
  }
  return text;
}

/**
 * Appends rows made of their own values (`columns`) and one of a few `shared` tuples of values
 * (`sharedColumns`): each row is its own values followed by the index of its tuple in `shared`.
 * Atomic like appendRows. On PostgreSQL the rows are expanded and appended by appendRows. On
 * SQLite the tuples pass through one temporary table per connection and tuple width: within one
 * transaction, await each call before starting the next.
 */
export async function appendRowsSharing(
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  sharedColumns: readonly string[],
  rows: readonly (readonly unknown[])[],
  shared: readonly (readonly unknown[])[],
): Promise<void> {
  for (const row of rows) {
    if (row.length !== columns.length + 1) throw new Error(`appendRowsSharing: a row needs ${columns.length} values and the index of a ${sharedColumns.length}-value shared tuple`);
  }
  await appendColumnsSharing(
    db,
    table,
    columns,
    sharedColumns,
    columns.map((_, c) => rows.map((row) => row[c])),
    rows.map((row) => row[columns.length] as number),
    shared,
  );
}

/**
 * appendRowsSharing with the rows' own values given as columns (`own[c][r]`) and each row's tuple
 * index in `sharedIndex`: the scan flush has its values in columns already, and a 3-value array
 * per row to build and take apart again cost more than binding them.
 */
export async function appendColumnsSharing(
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  sharedColumns: readonly string[],
  own: readonly ArrayLike<unknown>[],
  sharedIndex: ArrayLike<number>,
  shared: readonly (readonly unknown[])[],
): Promise<void> {
  const count = sharedIndex.length;
  if (count === 0) return;
  const names = [table, ...columns, ...sharedColumns];
  if (!names.every((name) => IDENTIFIER.test(name))) throw new Error(`appendRowsSharing: invalid identifier in ${table}(${names.slice(1).join(', ')})`);
  if (own.length !== columns.length || own.some((values) => values.length !== count)) throw new Error(`appendRowsSharing: ${columns.length} columns of ${count} values expected`);
  for (const tuple of shared) {
    if (tuple.length !== sharedColumns.length) throw new Error(`appendRowsSharing: a shared tuple needs ${sharedColumns.length} values`);
  }
  for (let r = 0; r < count; r++) {
    const k = sharedIndex[r]!;
    if (!(k >= 0 && k < shared.length && Number.isInteger(k))) throw new Error(`appendRowsSharing: row ${r} names shared tuple ${k} of ${shared.length}`);
  }
  // Sharing pays when tuples repeat; when most rows bring their own (varied traffic: every visitor
  // a profile of its own), filling the temporary table first costs more than binding every value
  // (bench:ingest's varied traffic: 15.7 → 15.0 µs a scan).
  if (db.getExecutor().adapter instanceof PostgresAdapter || shared.length * 2 > count) {
    const rows: unknown[][] = new Array(count);
    for (let r = 0; r < count; r++) rows[r] = [...own.map((values) => values[r]), ...shared[sharedIndex[r]!]!];
    await appendRows(db, table, [...columns, ...sharedColumns], rows);
    return;
  }
  const temp = sharedTable(sharedColumns.length);
  const width = columns.length + 1;
  const run = async (executor: Kysely<any>) => {
    await executor.executeQuery(CompiledQuery.raw(`create temp table if not exists ${temp} (k integer primary key, ${sharedColumns.map((_, i) => `c${i}`).join(', ')})`));
    await executor.executeQuery(CompiledQuery.raw(`delete from ${temp}`));
    await appendRows(
      executor,
      temp,
      ['k', ...sharedColumns.map((_, i) => `c${i}`)],
      shared.map((tuple, k) => [k, ...tuple]),
    );
    let start = 0;
    for (const size of statementSizes(count)) {
      const parameters: unknown[] = new Array(size * width);
      let p = 0;
      for (let r = start; r < start + size; r++) {
        for (let c = 0; c < columns.length; c++) parameters[p++] = own[c]![r];
        parameters[p++] = sharedIndex[r];
      }
      start += size;
      await executor.executeQuery(CompiledQuery.raw(joinedStatement(table, columns, sharedColumns, size), parameters));
    }
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}
