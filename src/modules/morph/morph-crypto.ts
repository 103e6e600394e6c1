// The two secrets of a morphing code, both derived from the master key per code and version
// (nothing secret is stored; rotating bumps the version):
//  - the render secret (`secret_key`), with which the owner signs `t` exactly as the seed's
//    Node/Python/PHP examples do: hex HMAC-SHA256 of t's decimal string, keyed by the secret
//    STRING. Per code, so a signature for one code is worthless for every other code;
//  - the step key, which turns (short code, time step) into the short token the QR encodes.
// See docs/adr/0010-morphing-signatures.md.
import { createHmac } from 'node:crypto';
import { deriveKey, digestsEqual, hmacSha256 } from '../../crypto/keys.ts';

/** How far ahead of the server clock a signed `t` or a next-step token may be (client clocks run fast). */
export const CLOCK_SKEW_MS = 5_000;
/** Bytes of HMAC kept in a step token: 96 bits, 16 base64url characters. */
export const STEP_TOKEN_BYTES = 12;
const STEP_TOKEN = /^[A-Za-z0-9_-]{16}$/;
const TIMESTAMP = /^\d{1,16}$/;
const SIGNATURE = /^[0-9a-fA-F]{64}$/;

/** Why a signed render was refused. */
export type RenderRefusal = 'missing' | 'malformed' | 'invalid' | 'expired';

/** The render secret of a code at a secret version: 64 hex characters, used as an HMAC key string. */
export function renderSecretKey(masterKey: Buffer, campaignId: string, version: number): string {
  return deriveKey(masterKey, 'morph-render', `${campaignId}:${version}`).toString('hex');
}

/** The seed's signature: hex HMAC-SHA256 of the timestamp string under the secret string. */
export function signTimestamp(secretKey: string, t: string): string {
  return createHmac('sha256', secretKey).update(t).digest('hex');
}

/** Checks `t`/`sig` of a render request: null when valid, else why not. Accepts now − ttl ≤ t ≤ now + skew. */
export function checkRenderSignature(t: unknown, sig: unknown, secretKey: string, now: number, ttlMs: number): RenderRefusal | null {
  if (t === undefined || t === '' || sig === undefined || sig === '') return 'missing';
  if (typeof t !== 'string' || typeof sig !== 'string' || !TIMESTAMP.test(t) || !SIGNATURE.test(sig)) return 'malformed';
  const expected = Buffer.from(signTimestamp(secretKey, t), 'hex');
  if (!digestsEqual(expected, Buffer.from(sig, 'hex'))) return 'invalid';
  const at = Number(t);
  if (at < now - ttlMs || at > now + CLOCK_SKEW_MS) return 'expired';
  return null;
}

/** The time step `now` falls in. */
export function stepAt(now: number, stepMs: number): number {
  return Math.floor(now / stepMs);
}

/** The token a code's QR carries during `step`. */
export function stepToken(masterKey: Buffer, campaignId: string, version: number, shortCode: string, step: number): string {
  const key = deriveKey(masterKey, 'morph-step', `${campaignId}:${version}`);
  return hmacSha256(key, `${shortCode}.${step}`).subarray(0, STEP_TOKEN_BYTES).toString('base64url');
}

/** How a scanned token relates to the current time. */
export type TokenCheck = 'fresh' | 'stale' | 'missing' | 'malformed';

/**
 * Classifies a scanned token: fresh for the current or previous step, or the next step when it
 * starts within CLOCK_SKEW_MS; any other well-formed token is stale (an old screenshot and a
 * forgery look the same, and both must be refused).
 */
export function checkStepToken(token: unknown, code: { masterKey: Buffer; campaignId: string; version: number; shortCode: string }, now: number, stepMs: number): TokenCheck {
  if (token === undefined || token === null || token === '') return 'missing';
  if (typeof token !== 'string' || !STEP_TOKEN.test(token)) return 'malformed';
  const given = Buffer.from(token, 'base64url');
  const current = stepAt(now, stepMs);
  const steps = [current, current - 1];
  if ((current + 1) * stepMs - now <= CLOCK_SKEW_MS) steps.push(current + 1);
  let fresh = false;
  // Compare against every accepted step (no early exit) so timing does not tell which one matched.
  for (const step of steps) {
    const expected = Buffer.from(stepToken(code.masterKey, code.campaignId, code.version, code.shortCode, step), 'base64url');
    if (digestsEqual(expected, given)) fresh = true;
  }
  return fresh ? 'fresh' : 'stale';
}
