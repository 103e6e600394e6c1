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

/** Why `text` is not an acceptable link or image URL, or null when it is. */
export function publicUrlProblem(text: string): string | null {
  const check = checkHttpUrl(text, { maxLength: MAX_PUBLIC_URL_LENGTH, plainText: true });
  return check.ok ? null : wording(check.problem);
}
