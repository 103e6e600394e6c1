// Destination URLs: what a dynamic code redirects to and a static code encodes. Only absolute
// http(s) URLs pass; they are normalised (WHATWG URL) so the Location header and the encoded
// text are canonical.

/** Longest destination accepted, in characters after normalisation. */
export const MAX_DESTINATION_LENGTH = 2048;

/** The outcome of checking one destination. */
export type DestinationCheck = { ok: true; url: string } | { ok: false; reason: string };

// Control characters and whitespace inside the raw string are how header injection and
// "looks like one URL, is another" tricks start; the URL parser would silently strip some.
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/;

/** Validates and normalises a destination URL. */
export function checkDestination(raw: unknown): DestinationCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'must be a string' };
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'must not be empty' };
  if (UNSAFE_CHARACTERS.test(text)) return { ok: false, reason: 'must not contain spaces or control characters (percent-encode them)' };
  if (text.length > MAX_DESTINATION_LENGTH) return { ok: false, reason: `must be at most ${MAX_DESTINATION_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'must be an absolute URL such as https://example.com/page' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `scheme '${url.protocol.slice(0, -1)}' is not allowed; use http or https` };
  }
  if (!url.hostname) return { ok: false, reason: 'must name a host' };
  if (url.username || url.password) return { ok: false, reason: 'must not contain credentials (user:password@)' };
  const normalised = url.toString();
  if (normalised.length > MAX_DESTINATION_LENGTH) return { ok: false, reason: `must be at most ${MAX_DESTINATION_LENGTH} characters once normalised` };
  return { ok: true, url: normalised };
}
