// The one check of an absolute http(s) URL that someone hands Tessera: a code's destination, a
// webhook endpoint, a logo or page link. Callers pick the rules they need and word each problem
// for their own audience, so each route keeps its error messages while the parsing and the order
// of the checks live here. (src/config.ts, a layer below, parses TESSERA_PUBLIC_URL itself.)

/** What a URL must satisfy besides being an absolute http(s) URL without credentials. */
export interface HttpUrlRules {
  /** Longest accepted, in characters as given; omitted: no limit here. */
  maxLength?: number;
  /** Refuse whitespace and control characters in the text as given (the parser would silently drop or encode some). */
  plainText?: boolean;
  /** Refuse http:// (production webhooks). */
  httpsOnly?: boolean;
}

/** Why a URL was refused, in the order the checks run. */
export type HttpUrlProblem =
  | { code: 'unsafe_characters' }
  | { code: 'too_long'; max: number }
  | { code: 'not_absolute' }
  | { code: 'scheme'; scheme: string }
  | { code: 'https_required' }
  | { code: 'no_host' }
  /** Port 0: no server listens there, so nothing sent to it can arrive. */
  | { code: 'port_zero' }
  | { code: 'credentials' };

/** The outcome: the parsed URL, or the first problem found. */
export type HttpUrlCheck = { ok: true; url: URL } | { ok: false; problem: HttpUrlProblem };

// Whitespace (Unicode's too: U+00A0, U+2028…), C0 and C1 controls and DEL: the characters that
// start header injection and "looks like one URL, is another" tricks.
const UNSAFE_CHARACTERS = /[\s\u0000-\u001f\u007f-\u009f]/;

/** Checks `text` as an absolute http(s) URL under `rules`. */
export function checkHttpUrl(text: string, rules: HttpUrlRules = {}): HttpUrlCheck {
  const refuse = (problem: HttpUrlProblem): HttpUrlCheck => ({ ok: false, problem });
  if (rules.plainText && UNSAFE_CHARACTERS.test(text)) return refuse({ code: 'unsafe_characters' });
  if (rules.maxLength !== undefined && text.length > rules.maxLength) return refuse({ code: 'too_long', max: rules.maxLength });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse({ code: 'not_absolute' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse({ code: 'scheme', scheme: url.protocol.slice(0, -1) });
  if (rules.httpsOnly && url.protocol !== 'https:') return refuse({ code: 'https_required' });
  if (!url.hostname) return refuse({ code: 'no_host' });
  if (url.port === '0') return refuse({ code: 'port_zero' });
  if (url.username || url.password) return refuse({ code: 'credentials' });
  return { ok: true, url };
}
