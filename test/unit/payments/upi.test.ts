// UPI links read back with the WHATWG URL parser: every value, however awkward (spaces, &, =, +,
// %, #, non-ASCII), must come back exactly as given, in the order NPCI's examples use.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { buildUpiPayload, encodeUpiValue } from '../../../src/modules/payments/index.ts';
import type { UpiInput } from '../../../src/modules/payments/index.ts';

// What payers could not see, refused by design (text.ts): controls, format and separator characters,
// and the blanks that look like nothing (the Braille blank, the Hangul fillers).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u2800\u3164\uffa0]/u;

const BASE = { payee: { vpa: 'Sharma.Store@okaxis', payee_name: 'Sharma General Store' }, amountMinor: 49_900, currency: 'INR', reference: 'ORD20240042', note: 'Order 42' } satisfies UpiInput;

describe('UPI deep links', () => {
  it('builds upi://pay with pa, pn, am, cu, tr, tn in that order', () => {
    expect(buildUpiPayload(BASE)).toEqual({ ok: true, payload: 'upi://pay?pa=sharma.store@okaxis&pn=Sharma%20General%20Store&am=499.00&cu=INR&tr=ORD20240042&tn=Order%2042', ecc: 'M' });
    const merchant = buildUpiPayload({ ...BASE, payee: { ...BASE.payee, mcc: '5411' }, note: null });
    expect(merchant.ok && merchant.payload).toBe('upi://pay?pa=sharma.store@okaxis&pn=Sharma%20General%20Store&mc=5411&am=499.00&cu=INR&tr=ORD20240042');
  });

  it('parses back with the WHATWG URL parser to exactly the values given', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((s) => s.trim() !== '' && !INVISIBLE.test(s) && s === s.trim().replace(/\s+/g, ' ').normalize('NFC')),
        fc
          .string({ minLength: 1, maxLength: 50, unit: 'grapheme' })
          .filter((s) => s.trim() !== '' && !INVISIBLE.test(s) && s === s.trim().replace(/\s+/g, ' ').normalize('NFC') && [...s].length <= 50),
        fc.integer({ min: 1, max: 100_000_000 }),
        (name, note, amountMinor) => {
          const r = buildUpiPayload({ ...BASE, payee: { ...BASE.payee, payee_name: name }, note, amountMinor });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const url = new URL(r.payload);
          expect(url.protocol).toBe('upi:');
          expect(url.host + url.pathname).toBe('pay');
          expect([...url.searchParams.keys()]).toEqual(['pa', 'pn', 'am', 'cu', 'tr', 'tn']);
          expect(url.searchParams.get('pa')).toBe('sharma.store@okaxis');
          expect(url.searchParams.get('pn')).toBe(name);
          expect(url.searchParams.get('tn')).toBe(note);
          expect(Number(url.searchParams.get('am')) * 100).toBeCloseTo(amountMinor, 6);
          expect(url.searchParams.get('am')).toMatch(/^\d+\.\d{2}$/);
          // Nothing a UPI app splits on survives unencoded inside a value.
          expect(r.payload.slice('upi://pay?'.length).split('&')).toHaveLength(6);
          expect(r.payload).not.toMatch(/[ +#]/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('encodes the characters that break query parsing, and spaces as %20', () => {
    expect(encodeUpiValue("A&B=C+D %E #F 'G' (H) *I! ₹")).toBe('A%26B%3DC%2BD%20%25E%20%23F%20%27G%27%20%28H%29%20%2AI%21%20%E2%82%B9');
    const r = buildUpiPayload({ ...BASE, payee: { ...BASE.payee, payee_name: 'Müller & Söhne + Co' } });
    expect(r.ok && new URL(r.payload).searchParams.get('pn')).toBe('Müller & Söhne + Co');
  });

  it('refuses what a UPI link cannot carry', () => {
    expect(buildUpiPayload({ ...BASE, currency: 'USD' })).toEqual({ ok: false, errors: [{ field: 'currency', reason: 'UPI pays Indian rupees (INR) only; USD cannot be paid with a UPI link' }] });
    expect(buildUpiPayload({ ...BASE, payee: { ...BASE.payee, vpa: 'sharma store@okaxis' } })).toMatchObject({
      ok: false,
      errors: [{ field: 'payee.vpa', reason: expect.stringContaining('before @') }],
    });
    expect(buildUpiPayload({ ...BASE, payee: { ...BASE.payee, vpa: 'sharma' } })).toMatchObject({ ok: false, errors: [{ field: 'payee.vpa' }] });
    const bad = buildUpiPayload({ ...BASE, amountMinor: 100_000_001, reference: 'ORD-42', note: 'n'.repeat(51), payee: { ...BASE.payee, mcc: '54' } });
    expect(!bad.ok && bad.errors.map((e) => e.field)).toEqual(['amount', 'payee.mcc', 'reference', 'note']);
  });
});
