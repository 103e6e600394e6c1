// Structured creditor references, checked against swissqrbill's own implementation of the
// ISO 11649 and Swiss QR-reference check digits, and against generated typos.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { calculateQRReferenceChecksum, calculateSCORReferenceChecksum, isQRReferenceValid, isSCORReferenceValid } from 'swissqrbill/utils';
import {
  checkPixTxid,
  checkQrReference,
  checkRf,
  checkUpiTr,
  formatQrReference,
  formatRf,
  newCreditorReference,
  normalizeReference,
  qrReferenceFromDigits,
  readOwnReference,
  rfFromBody,
} from '../../../src/modules/payments/index.ts';

const seq =
  (chars: string) =>
  (n: number): string =>
    chars.repeat(Math.ceil(n / chars.length)).slice(0, n);

describe('ISO 11649 creditor references (RF)', () => {
  it('builds and validates the standard example RF18 5390 0754 7034', () => {
    expect(rfFromBody('539007547034')).toBe('RF18539007547034');
    expect(checkRf('RF18 5390 0754 7034')).toEqual({ ok: true, reference: 'RF18539007547034' });
    expect(checkRf('rf18539007547034')).toEqual({ ok: true, reference: 'RF18539007547034' });
    expect(formatRf('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });

  it('computes the same check digits as swissqrbill for any body', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,21}$/), (body) => {
        const ref = rfFromBody(body);
        expect(ref.slice(2, 4)).toBe(calculateSCORReferenceChecksum(body));
        expect(isSCORReferenceValid(ref)).toBe(true);
        expect(checkRf(ref).ok).toBe(true);
      }),
    );
  });

  it('refuses a reference with a bad check, with the reason', () => {
    expect(checkRf('RF19 5390 0754 7034')).toEqual({ ok: false, reason: 'has wrong check digits: a character is mistyped or two are swapped' });
    expect(checkRf('RF18 5390 0754 7035').ok).toBe(false);
    expect(checkRf('RF18')).toMatchObject({ ok: false, reason: expect.stringContaining('5 to 25') });
    expect(checkRf('RF18 1234567890123456789012')).toMatchObject({ ok: false, reason: expect.stringContaining('5 to 25') });
    expect(checkRf('XX18539007547034')).toMatchObject({ ok: false, reason: expect.stringContaining('starts with RF') });
    expect(checkRf('RF18-5390')).toMatchObject({ ok: false, reason: expect.stringContaining("found '-'") });
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{4,21}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
        const ref = rfFromBody(body);
        const i = 4 + (at % body.length);
        if (!/\d/.test(ref[i]!)) return;
        const typo = ref.slice(0, i) + String((Number(ref[i]) + delta) % 10) + ref.slice(i + 1);
        expect(checkRf(typo).ok).toBe(false);
      }),
    );
  });
});

describe('Swiss QR references', () => {
  it('validates the Swiss IG example 21 00000 00003 13947 14300 09017', () => {
    expect(checkQrReference('21 00000 00003 13947 14300 09017')).toEqual({ ok: true, reference: '210000000003139471430009017' });
    expect(formatQrReference('210000000003139471430009017')).toBe('21 00000 00003 13947 14300 09017');
    expect(qrReferenceFromDigits('21000000000313947143000901')).toBe('210000000003139471430009017');
  });

  it('computes the same recursive mod-10 check digit as swissqrbill', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{26}$/), (body) => {
        const ref = qrReferenceFromDigits(body);
        expect(ref[26]).toBe(calculateQRReferenceChecksum(body));
        if (!/^0+$/.test(ref)) expect(isQRReferenceValid(ref)).toBe(true);
      }),
    );
  });

  it('catches every single mistyped digit, and refuses other shapes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{25}$/), fc.nat(26), fc.integer({ min: 1, max: 9 }), (body, i, delta) => {
        const ref = qrReferenceFromDigits(body);
        const typo = ref.slice(0, i) + String((Number(ref[i]) + delta) % 10) + ref.slice(i + 1);
        expect(checkQrReference(typo)).toMatchObject({ ok: false, reason: expect.stringContaining('wrong check digit') });
      }),
    );
    expect(checkQrReference('21000000000313947143000901')).toEqual({ ok: false, reason: 'a QR reference has 27 digits; this one has 26' });
    expect(checkQrReference('RF18539007547034')).toMatchObject({ ok: false, reason: "a QR reference has digits only; found 'R'" });
    expect(checkQrReference('000000000000000000000000000')).toMatchObject({ ok: false, reason: expect.stringContaining('all zeros') });
  });
});

describe('Pix txid and UPI tr', () => {
  it('allows letters and digits within the length bound', () => {
    expect(checkPixTxid('ORD20240042')).toEqual({ ok: true, reference: 'ORD20240042' });
    expect(checkPixTxid('A'.repeat(25)).ok).toBe(true);
    expect(checkPixTxid('A'.repeat(26))).toMatchObject({ ok: false, reason: expect.stringContaining('at most 25') });
    expect(checkPixTxid('ORD-42')).toMatchObject({ ok: false, reason: expect.stringContaining("found '-'") });
    expect(checkPixTxid('')).toMatchObject({ ok: false });
    expect(checkUpiTr('A'.repeat(35)).ok).toBe(true);
    expect(checkUpiTr('A'.repeat(36))).toMatchObject({ ok: false, reason: expect.stringContaining('at most 35') });
    expect(checkUpiTr('tr 1')).toMatchObject({ ok: false });
  });
});

describe('newCreditorReference', () => {
  it('uses the order id when it fits the kind, else a random body', () => {
    expect(newCreditorReference('rf', { orderReference: 'ORD-2024-0042' })).toBe(rfFromBody('ORD20240042'));
    expect(newCreditorReference('rf', { orderReference: 'order #42' })).toBe(rfFromBody('ORDER42'));
    expect(newCreditorReference('qr', { orderReference: '2024 0042' })).toBe(qrReferenceFromDigits('20240042'));
    expect(newCreditorReference('pix_txid', { orderReference: 'pedido-123456' })).toBe('PEDIDO123456');
    expect(newCreditorReference('upi_tr', { orderReference: 'INV/2024/77' })).toBe('INV202477');
    // Too long, not numeric for QR, too short to search free text for, forced: random.
    const random = (n: number, alphabet: string): string => seq(alphabet)(n);
    expect(newCreditorReference('rf', { orderReference: 'X'.repeat(22), random })).toBe(rfFromBody(seq('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ')(16)));
    expect(newCreditorReference('qr', { orderReference: 'ORD-1', random })).toBe(qrReferenceFromDigits(seq('0123456789')(26)));
    expect(newCreditorReference('pix_txid', { orderReference: '42', random })).toHaveLength(25);
    expect(newCreditorReference('upi_tr', { orderReference: 'ORDER-2024-0042', forceRandom: true, random })).toHaveLength(20);
  });

  it('transliterates accented letters of the order id instead of dropping them', () => {
    expect(newCreditorReference('rf', { orderReference: 'Ünïcødé-订单' })).toBe(rfFromBody('UNICODE'));
    expect(newCreditorReference('pix_txid', { orderReference: 'pedido-São-Paulo' })).toBe('PEDIDOSAOPAULO');
    expect(checkRf(newCreditorReference('rf', { orderReference: 'Ünïcødé-订单' })).ok).toBe(true);
  });

  it('makes valid, distinct, upper-case references from the CSPRNG', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const rf = newCreditorReference('rf');
      const qr = newCreditorReference('qr');
      expect(checkRf(rf).ok).toBe(true);
      expect(checkQrReference(qr).ok).toBe(true);
      expect(checkPixTxid(newCreditorReference('pix_txid')).ok).toBe(true);
      expect(checkUpiTr(newCreditorReference('upi_tr')).ok).toBe(true);
      expect(normalizeReference(rf)).toBe(rf);
      seen.add(rf);
    }
    expect(seen.size).toBe(200);
  });
});

describe('readOwnReference', () => {
  it("reads a complete RF or QR reference as the merchant's own, checked by swissqrbill's rules too", () => {
    expect(readOwnReference('RF18 5390 0754 7034')).toEqual({ form: 'rf', check: { ok: true, reference: 'RF18539007547034' } });
    expect(readOwnReference('rf18539007547034')).toEqual({ form: 'rf', check: { ok: true, reference: 'RF18539007547034' } });
    expect(readOwnReference('21 00000 00003 13947 14300 09017')).toEqual({ form: 'qr', check: { ok: true, reference: '210000000003139471430009017' } });
    expect(isSCORReferenceValid('RF18539007547034') && isQRReferenceValid('210000000003139471430009017')).toBe(true);
  });

  it('keeps the failed check of a reference meant as one, for the caller to refuse', () => {
    expect(readOwnReference('RF19 5390 0754 7034')).toMatchObject({ form: 'rf', check: { ok: false, reason: expect.stringContaining('wrong check digits') } });
    expect(readOwnReference('210000000003139471430009018')).toMatchObject({ form: 'qr', check: { ok: false, reason: expect.stringContaining('wrong check digit') } });
  });

  it('leaves ordinary order ids alone', () => {
    for (const order of ['order-42', 'ORD-2024-0042', '1042', '21000000000313947143000901', 'RF-2024-01', 'RF12-ORDER', 'RFX2024', 'RF1', 'Ünïcødé-订单']) {
      expect(readOwnReference(order), order).toBeNull();
    }
  });
});
