// CSV export of form submissions: RFC 4180 quoting, and cells that a spreadsheet would run as a
// formula (leading = + - @, tab or carriage return) prefixed with ' so they stay text (OWASP).
import type { SubmissionValue } from './submission.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text: neutralised against formula injection, quoted when needed. */
export function csvCell(value: SubmissionValue | undefined): string {
  let text = value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  // Numbers we stored ourselves are safe even when negative; text is not.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record terminated by CRLF. */
export function csvRow(cells: Array<SubmissionValue | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
