// JSON carried in a response header. A header value may hold only visible ASCII (and latin1, which
// clients read inconsistently): anything else is written as a JSON \u escape, which every JSON
// parser reads back as the same text. Without this a warning that quotes user input with, say,
// 'Ā' in it would make Node refuse the header and the request fail.

/** `value` as JSON made of printable ASCII only. */
export function jsonHeaderValue(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
