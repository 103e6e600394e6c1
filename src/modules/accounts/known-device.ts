// Browsers a person has signed in from before ("device cookies", OWASP's answer to lockout as a
// denial of service). A successful sign-in or sign-up leaves a cookie naming a random device id
// and binding it to the user with an HMAC; the sign-in throttle then counts wrong passwords per
// known device on its own, so a stranger's guesses against an email never lock its owner's own
// browsers out. Nothing is stored: the MAC is the proof, and the id is only a throttle key.
import { randomBytes } from 'node:crypto';
import { deriveKey, hmacSha256, secretsEqual } from '../../crypto/keys.ts';

/** Name of the known-device cookie; it is sent only to the /api/v1/auth routes. */
export const DEVICE_COOKIE = 'tessera_device';
const DEVICE_COOKIE_PATH = '/api/v1/auth';
// Chrome caps cookie lifetimes at 400 days; a year keeps every browser's copy alive as long.
const DEVICE_COOKIE_MAX_AGE_S = 365 * 86_400;
const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

function mac(masterKey: Buffer, userId: string, id: string): string {
  return hmacSha256(deriveKey(masterKey, 'known-device'), `${userId}.${id}`).toString('base64url');
}

/** A new device token for `userId`. */
export function newDeviceToken(masterKey: Buffer, userId: string): string {
  const id = randomBytes(16).toString('base64url');
  return `${id}.${mac(masterKey, userId, id)}`;
}

/** The device id when `token` is a device token this instance issued to `userId`, else null. */
export function knownDeviceId(masterKey: Buffer, userId: string, token: string | undefined): string | null {
  const match = token ? TOKEN.exec(token) : null;
  if (!match) return null;
  return secretsEqual(mac(masterKey, userId, match[1]!), match[2]!) ? match[1]! : null;
}

/** Cookie attributes of the known-device cookie. */
export function deviceCookieOptions(publicUrl: string) {
  return { path: DEVICE_COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure: publicUrl.startsWith('https:'), maxAge: DEVICE_COOKIE_MAX_AGE_S };
}
