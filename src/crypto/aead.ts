// Authenticated encryption for secrets Tessera must use again later (webhook signing secrets),
// as opposed to secrets it only compares (stored as hashes). AES-256-GCM with a random 96-bit
// nonce; the optional associated data binds a ciphertext to its row so it cannot be swapped.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts `plaintext` under a 32-byte key; returns `v1.<base64url(nonce|tag|ciphertext)>`. */
export function sealSecret(key: Buffer, plaintext: string, associatedData = ''): string {
  if (key.length !== 32) throw new Error('sealSecret needs a 32-byte key');
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
}

/** Decrypts a value from sealSecret; throws when the key, associated data or ciphertext is wrong. */
export function openSecret(key: Buffer, sealed: string, associatedData = ''): string {
  const [version, payload] = sealed.split('.', 2);
  if (version !== VERSION || !payload) throw new Error('unsupported sealed secret format');
  const raw = Buffer.from(payload, 'base64url');
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw new Error('sealed secret is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
