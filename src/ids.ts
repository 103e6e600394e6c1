// Public identifiers: prefixed and opaque (`cmp_…`, `tpl_…`), and short codes drawn from an
// alphabet without look-alike characters (no 0/O, 1/l/I) so printed codes can be typed back.
import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
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

/** A new short code (default 7 characters ≈ 40 bits; callers retry on the rare collision). */
export function newShortCode(length = 7): string {
  return randomString(length, SHORT_CODE_ALPHABET);
}
