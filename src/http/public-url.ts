// Whether a URL that an account shows to the public (a logo, a page image or link) is acceptable:
// an absolute http(s) URL without credentials, spaces or control characters.
import { checkHttpUrl, type HttpUrlProblem } from './url.ts';

/** Longest URL accepted in a page or a branding setting. */
export const MAX_PUBLIC_URL_LENGTH = 2048;

function wording(problem: HttpUrlProblem): string {
  switch (problem.code) {
    case 'too_long':
      return `must be at most ${problem.max} characters`;
    case 'unsafe_characters':
      return 'must not contain spaces or control characters';
    case 'not_absolute':
    case 'no_host':
      return 'must be an absolute URL such as https://example.com/';
    case 'port_zero':
      return 'port 0 cannot be reached; leave the port out or name the real one';
    case 'credentials':
      return 'must not carry a user name or password';
    default:
      return 'must be an http:// or https:// URL';
  }
}

/**
 * An acceptable link or image URL, normalised as destinations are (WHATWG URL: lower-case scheme
 * and host, `https:example.com` made absolute, `"` `<` `>` percent-encoded), or why it is not
 * acceptable. Stored normalised, so a client drawing a page from the API gets the URL a browser
 * would follow, never raw markup.
 */
export function normalisePublicUrl(text: string): { url: string } | { problem: string } {
  const check = checkHttpUrl(text, { maxLength: MAX_PUBLIC_URL_LENGTH, plainText: true });
  if (!check.ok) return { problem: wording(check.problem) };
  const url = check.url.toString();
  if (url.length > MAX_PUBLIC_URL_LENGTH) return { problem: `must be at most ${MAX_PUBLIC_URL_LENGTH} characters once normalised` };
  return { url };
}
