// People type addresses the way browsers let them: "example.com/menu". The API takes only an
// absolute URL (what a code leads to must not rest on a guess made at scan time), so the form
// adds https:// itself, visibly, when the field is left, and only to what looks like a host name.

// A scheme, unless what follows the colon is a port ("example.com:8443/menu" is a host).
const SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d+(?:[/?#]|$))/i;
const HOST_FIRST = /^[^\s/?#]+\.[a-z0-9-]{2,}(?::\d+)?(?:[/?#]|$)/i;

/** `value` with https:// in front when it is a bare host name and path; anything else unchanged. */
export function withScheme(value: string): string {
  const v = value.trim().replace(/^\/\//, '');
  if (v === '' || SCHEME.test(v) || /\s/.test(v) || !HOST_FIRST.test(v)) return value.trim();
  return `https://${v}`;
}
