// Standard Webhooks signatures (https://www.standardwebhooks.com): the signed content is
// `${webhook-id}.${webhook-timestamp}.${body}`, the key is the base64-decoded part of the
// `whsec_` secret, the signature is base64(HMAC-SHA256). One `v1,<sig>` per live secret,
// space-separated, so receivers can verify with either secret during a rotation window.
import { randomBytes } from 'node:crypto';
import { hmacSha256 } from '../../crypto/keys.ts';

/** Prefix of every webhook signing secret. */
export const SECRET_PREFIX = 'whsec_';

/**
 * A new signing secret: `whsec_` + base64url of 32 random bytes, redrawn until it holds no `-`
 * or `_`. Such a string is also valid standard base64 and decodes to the same 32 bytes, which is
 * what the Standard Webhooks libraries do with it (they decode with a strict standard-base64
 * decoder, which rejects `-` and `_`). About one draw in four qualifies.
 */
export function generateSigningSecret(): string {
  for (;;) {
    const encoded = randomBytes(32).toString('base64url');
    if (!/[-_]/.test(encoded)) return `${SECRET_PREFIX}${encoded}`;
  }
}

/** The HMAC key of a `whsec_` secret. */
export function signingKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('webhook secrets start with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

/** `v1,<base64 signature>` of one message under one secret. */
export function signMessage(secret: string, id: string, timestampSeconds: number, body: string): string {
  return `v1,${hmacSha256(signingKey(secret), `${id}.${timestampSeconds}.${body}`).toString('base64')}`;
}

/** The three Standard Webhooks headers for a message signed with every live secret. */
export function webhookHeaders(secrets: readonly string[], id: string, timestampSeconds: number, body: string): Record<string, string> {
  if (secrets.length === 0) throw new Error('no live webhook secret to sign with');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((secret) => signMessage(secret, id, timestampSeconds, body)).join(' '),
  };
}
