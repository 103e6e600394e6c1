import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from '../../src/crypto/aead.ts';
import { generateSigningSecret, webhookHeaders } from '../../src/modules/webhooks/signing.ts';
import { MAX_ATTEMPTS, nextRetryDelay, parseRetryAfter, RETRY_SCHEDULE_MS } from '../../src/modules/webhooks/retry-schedule.ts';

describe('webhook secrets and signatures', () => {
  it('draws whsec_ + 43 base64url characters without - or _, decoding to 32 bytes', () => {
    for (let i = 0; i < 200; i++) {
      const secret = generateSigningSecret();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9]{43}$/);
      expect(Buffer.from(secret.slice(6), 'base64url')).toEqual(Buffer.from(secret.slice(6), 'base64'));
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    }
  });

  it('produces signatures the standardwebhooks package verifies, one per live secret', () => {
    const active = generateSigningSecret();
    const rotating = generateSigningSecret();
    const body = JSON.stringify({ type: 'campaign.created', timestamp: new Date().toISOString(), data: { a: 'ü' } });
    const headers = webhookHeaders([active, rotating], 'msg_1', Math.floor(Date.now() / 1000), body);
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(active).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(rotating).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow(/No matching signature/);
    expect(() => new Webhook(active).verify(body + ' ', headers)).toThrow();
  });

  it('seals and opens a secret; a different row id or key does not open it', () => {
    const key = Buffer.alloc(32, 7);
    const sealed = sealSecret(key, 'whsec_abc', 'row-1');
    expect(sealed).not.toContain('whsec_abc');
    expect(openSecret(key, sealed, 'row-1')).toBe('whsec_abc');
    expect(() => openSecret(key, sealed, 'row-2')).toThrow();
    expect(() => openSecret(Buffer.alloc(32, 8), sealed, 'row-1')).toThrow();
  });
});

describe('retry schedule', () => {
  it('follows immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h and then gives up', () => {
    expect(RETRY_SCHEDULE_MS).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(MAX_ATTEMPTS).toBe(8);
    const noJitter = Array.from({ length: 7 }, (_, i) => nextRetryDelay(i + 1, null, 0.5));
    expect(noJitter).toEqual(RETRY_SCHEDULE_MS.slice(1));
    expect(nextRetryDelay(8, null, 0.5)).toBeNull();
  });

  it('jitters by at most ±10 %', () => {
    expect(nextRetryDelay(2, null, 0)).toBe(270_000);
    expect(nextRetryDelay(2, null, 0.999999)).toBeCloseTo(330_000, -1);
  });

  it('honours a longer Retry-After (seconds or HTTP date), never a shorter one', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(nextRetryDelay(1, parseRetryAfter('120', now), 0.5)).toBe(120_000);
    expect(nextRetryDelay(3, parseRetryAfter('120', now), 0.5)).toBe(1_800_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:10:00 GMT', now)).toBe(600_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
