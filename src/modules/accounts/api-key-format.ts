// The `sec1-{env}-{kid}-{secret}-{checksum}` key format: pure code, no I/O, so the CLI, the
// server and a secret scanner can all check a key offline. The checksum is ISO 7064 MOD 97-10
// (as IBANs use) over the text before the final `-`; each character maps to a value < 97, so
// every single-character substitution and every adjacent transposition changes the remainder.
import { randomString } from '../../ids.ts';

/** The two key environments: live and test. */
export type KeyEnv = 'prd' | 'tst';

/** The parts of a well-formed key. */
export interface ParsedKey {
  env: KeyEnv;
  kid: string;
  secret: string;
  checksum: string;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Length of a key id. */
export const KID_LENGTH = 13;
/** Length of the secret part of keys Tessera issues (≈ 256 bits of base62). */
export const SECRET_LENGTH = 43;
const KEY_PATTERN = /^sec1-(prd|tst)-([0-9A-Z]{13})-([0-9A-Za-z]{32,128})-([0-9]{2})$/;

function charValue(ch: string): number {
  if (ch === '-') return 62;
  const value = BASE62.indexOf(ch);
  if (value < 0 || ch.length !== 1) throw new RangeError(`character '${ch}' has no checksum value`);
  return value;
}

function fold(text: string): number {
  let r = 0;
  for (const ch of text) r = (r * 100 + charValue(ch)) % 97;
  return r;
}

/** The two-digit MOD 97-10 checksum of `text` (the key without its final `-NN`). */
export function checksumOf(text: string): string {
  const r = (fold(text) * 100) % 97;
  return String(98 - r).padStart(2, '0');
}

/** True when `checksum` is the MOD 97-10 check digits of `text`. */
export function checksumValid(text: string, checksum: string): boolean {
  if (!/^[0-9]{2}$/.test(checksum)) return false;
  try {
    return (fold(text) * 100 + Number(checksum)) % 97 === 1;
  } catch {
    return false;
  }
}

/** Splits a key into its parts, or null when it is not shaped like a `sec1-` key. */
export function parseKeyShape(key: string): ParsedKey | null {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  return { env: match[1] as KeyEnv, kid: match[2]!, secret: match[3]!, checksum: match[4]! };
}

/** Parses a key and checks its checksum offline; null when malformed or the checksum is wrong. */
export function parseApiKey(key: string): ParsedKey | null {
  const parsed = parseKeyShape(key);
  if (!parsed) return null;
  return checksumValid(key.slice(0, key.lastIndexOf('-')), parsed.checksum) ? parsed : null;
}

/** Why a key fails the offline check, or null when it passes. */
export function explainKey(key: string): string | null {
  if (!key.startsWith('sec1-')) return 'does not start with sec1-';
  const parsed = parseKeyShape(key);
  if (!parsed) return 'is not shaped like sec1-{prd|tst}-{13 uppercase letters/digits}-{32+ base62 characters}-{2 digits}';
  if (!parseApiKey(key)) return 'has a wrong checksum (a character is mistyped or missing)';
  return null;
}

/** A new random key id. */
export function newKid(): string {
  return randomString(KID_LENGTH, KID_ALPHABET);
}

/** Assembles a full key (with checksum) for `env`; a fresh kid and CSPRNG secret unless given. */
export function generateApiKey(env: KeyEnv, kid: string = newKid(), secret: string = randomString(SECRET_LENGTH, BASE62)): { key: string; kid: string } {
  const body = `sec1-${env}-${kid}-${secret}`;
  return { key: `${body}-${checksumOf(body)}`, kid };
}

/** The form shown after creation: `sec1-prd-ABC...42`. */
export function maskApiKey(env: KeyEnv, kid: string, checksum: string): string {
  return `sec1-${env}-${kid.slice(0, 3)}...${checksum}`;
}
