import { createHmac } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { scrubUrl } from '../../src/http/logging.ts';
import { parseTicketPayload } from '../../src/modules/checkins/ticket-payload.ts';
import { checkRenderSignature, checkStepToken, renderSecretKey, signTimestamp, stepAt, stepToken } from '../../src/modules/morph/morph-crypto.ts';
import { EXPIRED_SVG } from '../../src/modules/render/expired-image.ts';

const master = Buffer.alloc(32, 7);
const TTL = 30_000;
const STEP = 30_000;
const now = Date.parse('2026-03-01T12:00:10.000Z');

describe('render secret and signatures', () => {
  it('the secret is per code and per version, 64 hex characters', () => {
    const a1 = renderSecretKey(master, 'cmp_a', 1);
    expect(a1).toMatch(/^[0-9a-f]{64}$/);
    expect(renderSecretKey(master, 'cmp_a', 1)).toBe(a1);
    expect(renderSecretKey(master, 'cmp_b', 1)).not.toBe(a1);
    expect(renderSecretKey(master, 'cmp_a', 2)).not.toBe(a1);
    expect(renderSecretKey(Buffer.alloc(32, 8), 'cmp_a', 1)).not.toBe(a1);
  });

  it('signs like the seed: HMAC-SHA256 keyed by the secret string, hex', () => {
    const secret = renderSecretKey(master, 'cmp_a', 1);
    expect(signTimestamp(secret, '1772366410000')).toBe(createHmac('sha256', secret).update('1772366410000').digest('hex'));
  });

  it('accepts now − ttl ≤ t ≤ now + 5 s and names every refusal', () => {
    const secret = renderSecretKey(master, 'cmp_a', 1);
    const at = (t: number) => checkRenderSignature(String(t), signTimestamp(secret, String(t)), secret, now, TTL);
    expect(at(now)).toBeNull();
    expect(at(now - TTL)).toBeNull();
    expect(at(now - TTL - 1)).toBe('expired');
    expect(at(now + 5_000)).toBeNull();
    expect(at(now + 5_001)).toBe('expired');
    const t = String(now);
    expect(checkRenderSignature(t, signTimestamp(secret, t).toUpperCase(), secret, now, TTL)).toBeNull();
    expect(checkRenderSignature(undefined, undefined, secret, now, TTL)).toBe('missing');
    expect(checkRenderSignature(t, undefined, secret, now, TTL)).toBe('missing');
    expect(checkRenderSignature('', signTimestamp(secret, t), secret, now, TTL)).toBe('missing');
    expect(checkRenderSignature('12.5', signTimestamp(secret, '12.5'), secret, now, TTL)).toBe('malformed');
    expect(checkRenderSignature(`${t}.0`, signTimestamp(secret, `${t}.0`), secret, now, TTL)).toBe('malformed');
    expect(checkRenderSignature([t, t], signTimestamp(secret, t), secret, now, TTL)).toBe('malformed');
    expect(checkRenderSignature(t, 'ab'.repeat(31), secret, now, TTL)).toBe('malformed');
    expect(checkRenderSignature(t, 'zz'.repeat(32), secret, now, TTL)).toBe('malformed');
    expect(checkRenderSignature(t, signTimestamp(renderSecretKey(master, 'cmp_b', 1), t), secret, now, TTL)).toBe('invalid');
    // A bad signature on an old timestamp is reported as invalid, not as merely expired.
    expect(checkRenderSignature(String(now - 10 * TTL), 'ab'.repeat(32), secret, now, TTL)).toBe('invalid');
  });
});

describe('step tokens', () => {
  const code = { masterKey: master, campaignId: 'cmp_a', version: 1, shortCode: 'Xk4mP9q' };
  const token = (step: number, over: Partial<typeof code> = {}) => {
    const c = { ...code, ...over };
    return stepToken(c.masterKey, c.campaignId, c.version, c.shortCode, step);
  };

  it('is 16 base64url characters and changes every step', () => {
    const step = stepAt(now, STEP);
    expect(token(step)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(token(step + 1)).not.toBe(token(step));
    expect(token(step, { shortCode: 'Yk4mP9q' })).not.toBe(token(step));
    expect(token(step, { version: 2 })).not.toBe(token(step));
  });

  it('accepts the current and previous step, the next one only within 5 s of its start', () => {
    const step = stepAt(now, STEP);
    expect(checkStepToken(token(step), code, now, STEP)).toBe('fresh');
    expect(checkStepToken(token(step - 1), code, now, STEP)).toBe('fresh');
    expect(checkStepToken(token(step - 2), code, now, STEP)).toBe('stale');
    const nextStart = (step + 1) * STEP;
    expect(checkStepToken(token(step + 1), code, nextStart - 5_000, STEP)).toBe('fresh');
    expect(checkStepToken(token(step + 1), code, nextStart - 5_001, STEP)).toBe('stale');
    expect(checkStepToken(token(step, { campaignId: 'cmp_b' }), code, now, STEP)).toBe('stale');
    expect(checkStepToken(token(step, { version: 2 }), code, now, STEP)).toBe('stale');
    expect(checkStepToken(undefined, code, now, STEP)).toBe('missing');
    expect(checkStepToken('', code, now, STEP)).toBe('missing');
    expect(checkStepToken('short', code, now, STEP)).toBe('malformed');
    expect(checkStepToken([token(step)], code, now, STEP)).toBe('malformed');
  });
});

describe('the EXPIRED image', () => {
  it('is a red square that says EXPIRED and rasterises', async () => {
    expect(EXPIRED_SVG).toContain('<title>EXPIRED</title>');
    const { data, info } = await sharp(Buffer.from(EXPIRED_SVG)).resize(100, 100).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    let white = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r > 180 && g < 80 && b < 80) red++;
      if (r > 230 && g > 230 && b > 230) white++;
    }
    expect(red / (100 * 100)).toBeGreaterThan(0.6);
    // The lettering is there (white pixels inside the red field).
    expect(white).toBeGreaterThan(300);
  });
});

describe('ticket payloads', () => {
  const base = 'https://t.example/qr';
  it('reads the live URL of a code under the public URL', () => {
    expect(parseTicketPayload(`${base}/Xk4mP9q?k=AbCdEfGhIjKlMnOp`, base)).toEqual({ shortCode: 'Xk4mP9q', token: 'AbCdEfGhIjKlMnOp' });
    expect(parseTicketPayload(` ${base}/Xk4mP9q `, base)).toEqual({ shortCode: 'Xk4mP9q', token: null });
    expect(parseTicketPayload(`HTTPS://T.EXAMPLE/qr/Xk4mP9q?k=a`, base)).toEqual({ shortCode: 'Xk4mP9q', token: 'a' });
  });
  it('refuses anything else', () => {
    for (const payload of [
      'Xk4mP9q',
      'not a url',
      `https://evil.example/qr/Xk4mP9q?k=a`,
      `http://t.example/qr/Xk4mP9q`,
      `${base}/a/b`,
      `${base}/`,
      `${base}/Xk4mP9q?k=a&k=b`,
      `https://t.example/other/Xk4mP9q`,
    ]) {
      expect(parseTicketPayload(payload, base), payload).toBeNull();
    }
  });
});

describe('logs', () => {
  it('mask signatures and live tokens in URLs', () => {
    expect(scrubUrl('/api/render/Xk4mP9q.svg?t=1772366410000&sig=abcd')).toBe('/api/render/Xk4mP9q.svg?t=[REDACTED]&sig=[REDACTED]');
    expect(scrubUrl('/Xk4mP9q?k=AbCdEfGhIjKlMnOp')).toBe('/Xk4mP9q?k=[REDACTED]');
  });
});
