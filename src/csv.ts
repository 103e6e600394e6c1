// The one CSV writer (exports of scans and form answers, the dashboard's bulk manifest): RFC 4180
// quoting, plus neutralising cells a spreadsheet would run as a formula (OWASP "CSV injection"):
// scanned user agents, referrers, form answers and destination URLs are attacker- or
// user-controlled text. Pure (no Node imports): the dashboard bundles it too.

/** What a cell can hold: null and undefined are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell. Text that starts like a formula (= + - @, tab, CR) gets a leading `'` and is
 * quoted, as OWASP advises; text with a quote, comma or line break is quoted, and so is text with
 * leading or trailing spaces (some readers trim unquoted cells). Numbers and booleans we wrote
 * ourselves are safe as they are, even when negative.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const guarded = FORMULA_START.test(value);
  const text = guarded ? `'${value}` : value;
  if (guarded || NEEDS_QUOTES.test(text) || text !== text.trim()) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** One CSV record terminated by CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
