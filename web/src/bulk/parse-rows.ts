// Turning what a person pastes or drops into bulk rows: one link per pasted line (a name in a
// second, tab-separated cell, as spreadsheets copy), or CSV text with a `url` column and an
// optional `name` column (RFC 4180 quoting, any column order), dropped as a file or pasted. A bare
// address ("example.com/menu") gets https:// in front, as in the single campaign form.
import { withScheme } from '../lib/url.ts';

/** One code to create. */
export interface BulkRow {
  url: string;
  name: string;
  /** Where it came from, for messages: "line 4". */
  source: string;
  /** A pasted line with a comma (and no tab): where its link ends is a guess to check. */
  comma?: boolean;
}

/**
 * Rows from pasted text: one link per non-blank line. Cells copied from a spreadsheet arrive
 * tab-separated (a tab cannot be part of a link), so a second cell is the code's name; a paste
 * whose first line names its columns (`url`, `name`) is read as the CSV it is. A line typed as
 * `link,name` is split at the last comma before its first space: a link cannot hold a space, so
 * what follows that comma is the name (`…?q=a,b, Lunch menu`). A comma can be a link's own, so
 * every line that had one is marked and the page asks the person to check it.
 */
export function rowsFromText(text: string): BulkRow[] {
  if (hasHeader(text)) return rowsFromCsv(text);
  const rows: BulkRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const [link = '', name = ''] = line.includes('\t') ? line.split('\t') : typedColumns(line);
    const url = withScheme(link);
    if (url) rows.push({ url, name: name.trim(), source: `line ${i + 1}`, ...(!line.includes('\t') && line.includes(',') ? { comma: true } : {}) });
  });
  return rows;
}

// "example.com/a, Lunch menu" → link and name; a line without a space, or without a comma before it, stays one cell.
function typedColumns(line: string): [string, string?] {
  const text = line.trim();
  const space = text.search(/\s/);
  if (space < 0) return [line];
  const comma = text.lastIndexOf(',', space);
  return comma > 0 ? [text.slice(0, comma), text.slice(comma + 1)] : [line];
}

/** The pasted lines that held a comma: split at it or not, the person should check where the link ends. */
export function commaRows(rows: readonly BulkRow[]): BulkRow[] {
  return rows.filter((row) => row.comma);
}

/** rowsFromText for a field being typed into: a broken CSV paste is a problem to show, not a throw. */
export function pastedRows(text: string): { rows: BulkRow[]; problem: string | null } {
  try {
    return { rows: rowsFromText(text), problem: null };
  } catch (error) {
    return { rows: [], problem: (error as Error).message };
  }
}

const URL_HEADERS = ['url', 'link', 'destination'];

// A first line made of column names, one of them the link's: "url", "name,url", "URL\tName".
function hasHeader(text: string): boolean {
  const first =
    text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .split(/\r?\n/, 1)[0] ?? '';
  return first
    .split(/[,;\t]/)
    .map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase())
    .some((cell) => URL_HEADERS.includes(cell));
}

// Spreadsheets in some locales export with ';' or tabs; the header line says which.
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  for (const candidate of [',', ';', '\t']) if (header.includes(candidate)) return candidate;
  return ',';
}

/** Parses CSV text into records of fields; throws with the line number on broken quoting. */
export function parseCsv(text: string): string[][] {
  const delimiter = delimiterOf(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      line++;
    } else field += ch;
  }
  if (quoted) throw new Error(`The CSV has an unclosed quote (near line ${line}).`);
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Rows from a CSV file: a header naming `url` (required) and `name` (optional). */
export function rowsFromCsv(text: string): BulkRow[] {
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = records[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  const urlColumn = header.findIndex((h) => URL_HEADERS.includes(h));
  if (urlColumn < 0) throw new Error('The first row of the CSV must name the columns, with one called “url” (and optionally “name”).');
  const nameColumn = header.indexOf('name');
  return records.slice(1).flatMap((record, i) => {
    const url = withScheme(record[urlColumn] ?? '');
    const name = nameColumn >= 0 ? (record[nameColumn] ?? '').trim() : '';
    return url || name ? [{ url, name, source: `row ${i + 2}` }] : [];
  });
}

/** A row whose link an earlier row has already: `index` repeats `first` (indexes into the rows). */
export interface DuplicateRow {
  index: number;
  first: number;
}

// The same link as the server will store it: https://Example.com/a and https://example.com/a are one.
function linkKey(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/**
 * The rows that repeat an earlier row's link. Each still gets a code of its own (two posters may
 * rightly lead to one page), so this is a warning to show, not a reason to refuse the batch.
 */
export function duplicateRows(rows: readonly BulkRow[]): DuplicateRow[] {
  const seen = new Map<string, number>();
  const out: DuplicateRow[] = [];
  rows.forEach((row, index) => {
    if (row.url === '') return;
    const key = linkKey(row.url);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else out.push({ index, first });
  });
  return out;
}
