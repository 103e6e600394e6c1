// Unique visitors without keeping IPs: a keyed hash of IP and user agent whose key changes every
// UTC day. The key is derived from the master key and the day, so there is nothing to store or
// rotate by hand, and the same visitor gets unrelated hashes on different days.
import { createSecretKey, type KeyObject } from 'node:crypto';
import { deriveKey, hmacSha256 } from '../../crypto/keys.ts';

const MS_PER_DAY = 86_400_000;

/** The UTC day number (days since the epoch) of an instant. */
export function utcDayNumber(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** Computes visitor hashes, caching each day's derived key. */
export class VisitorHasher {
  private readonly masterKey: Buffer;
  // KeyObjects, not Buffers: HMAC with a Buffer key is ~7× slower on Node 24 (see hmacSha256).
  private readonly keys = new Map<number, KeyObject>();

  constructor(masterKey: Buffer) {
    this.masterKey = masterKey;
  }

  /** The day's key: HKDF(master, 'visitor-salt', 'YYYY-MM-DD'). */
  private keyFor(day: number): KeyObject {
    let key = this.keys.get(day);
    if (!key) {
      if (this.keys.size > 8) this.keys.clear();
      key = createSecretKey(deriveKey(this.masterKey, 'visitor-salt', new Date(day * MS_PER_DAY).toISOString().slice(0, 10)));
      this.keys.set(day, key);
    }
    return key;
  }

  /** 128-bit base64url HMAC-SHA256 of the raw IP and user agent under the key of the scan's UTC day. */
  hash(ip: string | null, userAgent: string | null, occurredAt: number): string {
    const message = `${ip ?? ''}\n${userAgent ?? ''}`;
    return hmacSha256(this.keyFor(utcDayNumber(occurredAt)), message)
      .subarray(0, 16)
      .toString('base64url');
  }
}
