// CSV for exports: RFC 4180 quoting, plus neutralising cells a spreadsheet would run as a formula
// (OWASP "CSV injection"): scanned user agents, referrers and destination URLs are attacker- or
// user-controlled text. Pure (no Node imports): the dashboard writes its bulk manifest with it too.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-looking text gets a leading `'`, and anything with a quote, comma or line break is quoted. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text) || text !== value) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** One CSV record terminated by CRLF. */
export function csvRow(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
