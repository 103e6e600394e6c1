// Public identifiers: prefixed and opaque (`cmp_…`, `tpl_…`), and short codes drawn from an
// alphabet without look-alike characters (no 0/O, 1/l/I) so printed codes can be typed back.
import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/**
 * `count` new ids for rows made together (one bulk request) that list in the order given: lists
 * are newest first by `created_at` then `id`, both descending, and rows of one batch share
 * `created_at`. The ids share a random part (22 − w base62 characters, w ≥ 3: ≥ 107 bits when w = 4) and end in
 * the position counted down in w decimal digits (digits order the same under every collation).
 */
export function newBatchIds(prefix: string, count: number): string[] {
  const width = Math.max(3, String(Math.max(0, count - 1)).length);
  const shared = randomString(22 - width);
  return Array.from({ length: count }, (_, i) => `${prefix}_${shared}${String(count - 1 - i).padStart(width, '0')}`);
}

/** Short-code alphabet: 54 characters, no look-alikes. */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A random string of `length` characters from `alphabet`, from a CSPRNG without modulo bias. */
export function randomString(length: number, alphabet: string = BASE62): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A new public id such as `cmp_4hT9…` (22 base62 characters ≈ 131 bits). */
export function newId(prefix: string): string {
  return `${prefix}_${randomString(22)}`;
}

/** Short codes are 7–16 characters of the look-alike-free alphabet. */
const SHORT_CODE_PATTERN = new RegExp(`^[${SHORT_CODE_ALPHABET}]{7,16}$`);

/**
 * First path segments Tessera serves itself: the dashboard (`/`, `/login`, `/signup`, `/app`, `/door`), the
 * API, docs and public pages. Codes and slugs live in the same URL space (`/{short_code}`,
 * `/p/{account slug}/{campaign slug}`), so none may ever be one of these, in any letter case.
 */
export const RESERVED_PATHS: ReadonlySet<string> = new Set([
  'app',
  'door',
  'login',
  'signup',
  'logout',
  'api',
  'docs',
  'openapi.json',
  'healthz',
  'readyz',
  'problems',
  'p',
  'i',
  'admin',
  'assets',
  'static',
  'settings',
  'help',
  'support',
  'status',
  'tessera',
  'www',
  'favicon.ico',
  'robots.txt',
]);

/** Whether `segment` (one path segment, no slashes) is reserved for Tessera's own pages. */
export function isReservedPath(segment: string): boolean {
  return segment === '' || RESERVED_PATHS.has(segment.toLowerCase());
}

/** Whether `text` can be a short code: the alphabet, 7–16 characters, and not a reserved path. */
export function isShortCode(text: string): boolean {
  return SHORT_CODE_PATTERN.test(text) && !isReservedPath(text);
}

/** How long the short codes Tessera draws are (7 characters ≈ 40 bits). */
export const SHORT_CODE_LENGTH = 7;

/** A new short code (callers retry on the rare collision). Never a reserved path. */
export function newShortCode(length = SHORT_CODE_LENGTH): string {
  for (;;) {
    const code = randomString(length, SHORT_CODE_ALPHABET);
    if (!isReservedPath(code)) return code;
  }
}
