// People type addresses the way browsers let them: "example.com/menu". The API takes only an
// absolute URL (what a code leads to must not rest on a guess made at scan time), so the form
// adds https:// itself, visibly, when the field is left, and only to what looks like a host name.

// A scheme, unless what follows the colon is a port ("example.com:8443/menu" is a host).
const SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d+(?:[/?#]|$))/i;
const HOST_FIRST = /^[^\s/?#]+\.[a-z0-9-]{2,}(?::\d+)?(?:[/?#]|$)/i;

/**
 * `value` with https:// in front when it is a bare host name and path; anything else unchanged. A
 * space after the host does not stop it: the API then names the space ("write it as %20") instead
 * of asking for the https:// the field promised to add.
 */
export function withScheme(value: string): string {
  const v = value.trim().replace(/^\/\//, '');
  if (v === '' || SCHEME.test(v) || !HOST_FIRST.test(v)) return value.trim();
  return `https://${v}`;
}

// The API stores destinations normalised (WHATWG URL), so "https://example.org/新しいメニュー" comes
// back as "https://example.org/%E6%96%B0…", which its own author no longer recognises. For display
// (and for editing), percent-encoded UTF-8 after the host is shown as the characters it encodes,
// except where showing them would hide or fake part of the address:
// - ASCII stays encoded: "%20" (a space), "%2F" (a slash that is not a separator), "%25" (a literal
//   "%": decoding it would make "%2541" read as "%41") and the reserved characters all change what
//   the address says once decoded, and the normaliser never encodes the harmless ones;
// - invisible or direction-changing characters (\p{C}: controls, bidi overrides and isolates,
//   LRM/RLM, zero-width characters; \p{Z}: spaces and separators; default-ignorable fillers and
//   blanks) stay encoded, so nothing in an address can hide or reorder the rest of it;
// - look-alikes of "/", "?", "#", "@" and "%" stay encoded, so a path cannot pass for another host;
// - malformed or incomplete UTF-8 stays as it was.
// The host is left as the API gives it (punycode, xn--…): showing it in Unicode would let a
// look-alike domain pass for the real one. A decoded address parses back to the stored one (the
// same text, as the API writes its escapes in capitals; the same bytes for an address typed with
// lower-case ones), and the editor compares with this form, so an untouched field is never sent.

const HIDDEN = /[\p{C}\p{Z}\p{Default_Ignorable_Code_Point}\u2800\u3164\uFFA0]/u;
// Slashes (box-drawing diagonals too), question and number signs, at signs, percent signs, and the
// combining strokes and overlays that draw one.
const LOOKALIKE = new Set([
  0x335, 0x336, 0x337, 0x338, 0x2044, 0x2215, 0x2571, 0x2572, 0x29f5, 0x29f6, 0x29f8, 0x29f9, 0x20e5, 0x2e2e, 0xfe56, 0xfe5f, 0xfe6a, 0xfe6b, 0xff03, 0xff05, 0xff0f, 0xff1f, 0xff20, 0xff3c,
]);
const AFTER_HOST = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is;

function utf8Length(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function decodeRun(run: string): string {
  const escapes = run.match(/%[0-9a-f]{2}/gi) ?? [];
  let out = '';
  for (let i = 0; i < escapes.length; ) {
    const length = utf8Length(Number.parseInt(escapes[i]!.slice(1), 16));
    const sequence = escapes.slice(i, i + Math.max(length, 1)).join('');
    let char = '';
    if (length > 0 && i + length <= escapes.length) {
      try {
        char = decodeURIComponent(sequence);
      } catch {
        // Malformed UTF-8 (a bad continuation byte, an overlong form, a surrogate): left encoded.
      }
    }
    if (char === '' || HIDDEN.test(char) || LOOKALIKE.has(char.codePointAt(0)!)) {
      out += escapes[i];
      i += 1;
    } else {
      out += char;
      i += length;
    }
  }
  return out;
}

/** `url` as people read it: non-ASCII text after the host decoded unless invisible or deceptive (see above). */
export function readableUrl(url: string): string {
  const parts = AFTER_HOST.exec(url);
  if (!parts) return url;
  return parts[1] + parts[2]!.replace(/(?:%[0-9a-f]{2})+/gi, decodeRun);
}
