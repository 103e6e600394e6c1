// Destination URLs: what a dynamic code redirects to and a static code encodes. Only absolute
// http(s) URLs pass; they are normalised (WHATWG URL) so the Location header and the encoded
// text are canonical.
import { checkHttpUrl, type HttpUrlProblem } from '../../http/url.ts';

/** Longest destination accepted, in characters after normalisation. */
export const MAX_DESTINATION_LENGTH = 2048;

/** The outcome of checking one destination. */
export type DestinationCheck = { ok: true; url: string } | { ok: false; reason: string };

// Read by developers (API problems) and by marketers (the dashboard shows them word for word), so
// they say what to check in plain words and keep the technical hint in brackets.
function wording(problem: HttpUrlProblem): string {
  switch (problem.code) {
    case 'unsafe_characters':
      return 'must not contain spaces or invisible characters: check that the whole link was copied (a space inside a link is written %20)';
    case 'too_long':
      return `must be at most ${problem.max} characters`;
    case 'scheme':
      return `must be a web link starting with https:// or http:// ('${problem.scheme}:' links are not allowed)`;
    case 'no_host':
      return 'must name a host';
    case 'port_zero':
      return 'port 0 cannot be reached; leave the port out or name the real one';
    case 'credentials':
      return 'must not contain credentials (user:password@)';
    default:
      return 'must be an absolute URL such as https://example.com/page';
  }
}

/** Validates and normalises a destination URL. */
export function checkDestination(raw: unknown): DestinationCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'must be a string' };
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'must not be empty' };
  const check = checkHttpUrl(text, { maxLength: MAX_DESTINATION_LENGTH, plainText: true });
  if (!check.ok) return { ok: false, reason: wording(check.problem) };
  const normalised = check.url.toString();
  if (normalised.length > MAX_DESTINATION_LENGTH) return { ok: false, reason: `must be at most ${MAX_DESTINATION_LENGTH} characters once normalised` };
  return { ok: true, url: normalised };
}
