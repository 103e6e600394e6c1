// CSV for exports: RFC 4180 quoting, plus neutralising cells a spreadsheet would run as a formula
// (OWASP "CSV injection"): scanned user agents and referrers are attacker-controlled text.

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
