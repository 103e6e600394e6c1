// The item's secrets. The magic is a 131-bit bearer secret that never reaches the database:
// rows are found by its SHA-256, and the content key is derived from it, so a stolen database
// (even with its indexes) neither reveals content nor lets anyone address an item. A stolen
// master key alone is not enough either: each content key also needs that item's magic.
import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from '../../crypto/aead.ts';
import { deriveKey, digestsEqual, hmacSha256, sha256 } from '../../crypto/keys.ts';
import { randomString } from '../../ids.ts';
import { clientNetwork } from '../../http/client-ip.ts';

const MAGIC_LENGTH = 22; // base62 → 22 × log2(62) ≈ 131 bits
const MAGIC_PATTERN = /^[0-9A-Za-z]{22}$/;
// Binds ciphertexts to this format and purpose, so a blob from another context never decrypts here.
const AAD = 'tessera:item-content:v1';

/** A fresh magic: 22 base62 characters from a CSPRNG (≈131 bits). */
export function newMagic(): string {
  return randomString(MAGIC_LENGTH);
}

/** Whether `value` could be a magic at all (anything else is simply unknown). */
export function looksLikeMagic(value: string): boolean {
  return MAGIC_PATTERN.test(value);
}

/** The lookup key stored instead of the magic: hex SHA-256. */
export function magicHash(magic: string): string {
  return sha256(magic).toString('hex');
}

/** A fresh delete token: 32 random bytes, base64url (returned once, stored as a hash). */
export function newDeleteToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a delete token: hex SHA-256. */
export function deleteTokenHash(token: string): string {
  return sha256(token).toString('hex');
}

/** Whether a presented delete token matches the stored hash (constant time). */
export function deleteTokenMatches(token: string, storedHash: string): boolean {
  return digestsEqual(sha256(token), Buffer.from(storedHash, 'hex'));
}

/** The integrity receipt: hex HMAC-SHA256 keyed by the magic (UTF-8) over the content (UTF-8). */
export function contentHmac(magic: string, content: string): string {
  return hmacSha256(Buffer.from(magic, 'utf8'), Buffer.from(content, 'utf8')).toString('hex');
}

function contentKey(masterKey: Buffer, magic: string): Buffer {
  return deriveKey(masterKey, 'item-content', magic);
}

/** Encrypts content with AES-256-GCM under the item's key (format of `sealSecret`). */
export function encryptContent(masterKey: Buffer, magic: string, content: string): string {
  return sealSecret(contentKey(masterKey, magic), content, AAD);
}

/** Decrypts what encryptContent produced; throws when the blob was tampered with or the key is wrong. */
export function decryptContent(masterKey: Buffer, magic: string, stored: string): string {
  return openSecret(contentKey(masterKey, magic), stored, AAD);
}

/** Who is guessing an item's password, for its per-client budget: its network, hashed so no address is stored. */
export function passwordClient(ip: string | undefined): string {
  return sha256(`item-password-client:${clientNetwork(ip)}`)
    .toString('hex')
    .slice(0, 32);
}
