// Texts the API writes for developers (event descriptions) mark field names with Markdown
// backticks: "stops working at `previous.expires_at`". Only those spans are rendered, as <code>;
// everything else stays plain text, which React escapes, so nothing in the text becomes HTML.

/** A piece of such a text: plain, or a code span without its backticks. */
export type InlinePart = { code: boolean; text: string };

/** Splits `text` at backtick pairs; an unpaired backtick stays as typed. */
export function inlineCodeParts(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  let plain = '';
  let at = 0;
  for (const match of text.matchAll(/`([^`\n]+)`/g)) {
    plain += text.slice(at, match.index);
    if (plain) parts.push({ code: false, text: plain });
    plain = '';
    parts.push({ code: true, text: match[1]! });
    at = match.index + match[0].length;
  }
  plain += text.slice(at);
  if (plain) parts.push({ code: false, text: plain });
  return parts;
}
