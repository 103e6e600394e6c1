// The merchant payment profile (every field error at once, named by its path) and the step from
// a payment request to its payload: the reference kind each scheme needs and errors named by the
// request's and the profile's fields.

import { describe, it, expect } from 'vitest';
import { acceptedSchemes, buildPaymentQr, checkPayeeProfile, checkQrReference, checkRf, issueCreditorReference } from '../../../src/modules/payments/index.ts';
import type { PayeeProfile } from '../../../src/modules/payments/index.ts';

const ADDRESS = { street: 'Bahnhofstrasse', building_number: '1', postcode: '8001', town: 'Zürich', country: 'CH' };

function profileOf(raw: unknown): PayeeProfile {
  const r = checkPayeeProfile(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.profile;
}

describe('checkPayeeProfile', () => {
  it('normalises every scheme it is given and leaves the others null', () => {
    const p = profileOf({
      sepa: { name: ' Bäckerei  Müller ', iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' },
      swiss_qr: { name: 'Muster AG', iban: 'CH93 0076 2011 6238 5295 7', address: { ...ADDRESS, postcode: 8001 } },
      pix: { key: '+55 11 98765-4321', merchant_name: 'Loja', city: 'Brasília' },
    });
    expect(p).toEqual({
      sepa: { name: 'Bäckerei Müller', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
      swiss_qr: { name: 'Muster AG', iban: 'CH9300762011623852957', qr_iban: false, address: { type: 'S', ...ADDRESS, town: 'Zürich' } },
      pix: { key: '+5511987654321', key_type: 'phone', merchant_name: 'Loja', city: 'Brasilia' },
      upi: null,
    });
    expect(acceptedSchemes(p)).toEqual(['sepa', 'swiss_qr', 'pix']);
    expect(checkPayeeProfile({})).toEqual({ ok: true, profile: { sepa: null, swiss_qr: null, pix: null, upi: null } });
  });

  it('lists every problem at once, each under its field path', () => {
    const r = checkPayeeProfile({
      sepa: { name: '', iban: 'DE89 3704 0044 0532 0130 01', bic: 'DEUTDEF' },
      swiss_qr: { name: 'Muster AG', iban: 'DE89370400440532013000', address: { street: 'Bahnhofstrasse', postcode: '', town: 'Zürich', country: 'XX' } },
      pix: { key: '123.456.789-00', key_type: 'passport', merchant_name: 'Loja', city: 'Sao Paulo do Sul Norte' },
      upi: { vpa: 'shop', payee_name: 'Shop' },
      paypal: { email: 'x@y.z' },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.field)).toEqual([
      'paypal',
      'sepa.name',
      'sepa.iban',
      'sepa.bic',
      'swiss_qr.address.country',
      'swiss_qr.address.postcode',
      'swiss_qr.iban',
      'pix.key_type',
      'pix.key',
      'pix.city',
      'upi.vpa',
    ]);
    expect(!r.ok && r.errors[0]!.reason).toBe("unknown scheme 'paypal'; the schemes are sepa, swiss_qr, pix, upi");
    expect(checkPayeeProfile('nope')).toMatchObject({ ok: false, errors: [{ field: 'profile' }] });
    expect(checkPayeeProfile({ sepa: 'DE89' })).toMatchObject({ ok: false, errors: [{ field: 'sepa', reason: expect.stringContaining('{name, iban, bic?}') }] });
  });

  it('refuses combined Swiss addresses for new profiles', () => {
    const r = checkPayeeProfile({ swiss_qr: { name: 'Muster AG', iban: 'CH9300762011623852957', address: { line1: 'Bahnhofstrasse 1', line2: '8001 Zürich', country: 'CH' } } });
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'swiss_qr.address.type', reason: expect.stringContaining('street, building_number, postcode and town') }] });
  });
});

describe('issueCreditorReference and buildPaymentQr', () => {
  const profile = profileOf({
    sepa: { name: 'Bäckerei Müller', iban: 'DE89370400440532013000' },
    swiss_qr: { name: 'Muster AG', iban: 'CH4431999123000889012', address: ADDRESS },
    upi: { vpa: 'shop@okaxis', payee_name: 'Shop' },
  });
  const scor = profileOf({ swiss_qr: { name: 'Muster AG', iban: 'CH9300762011623852957', address: ADDRESS } });

  it('issues the reference kind the scheme and account require', () => {
    const sepa = issueCreditorReference('sepa', profile, { orderReference: 'A-1' });
    expect(sepa).toEqual({ ok: true, reference: { kind: 'rf', type: 'RF', value: 'RF90A1', display: 'RF90 A1' } });
    expect(sepa.ok && checkRf(sepa.reference.value).ok).toBe(true);
    const qrr = issueCreditorReference('swiss_qr', profile);
    expect(qrr.ok && qrr.reference.type).toBe('QRR');
    expect(qrr.ok && checkQrReference(qrr.reference.value).ok).toBe(true);
    expect(qrr.ok && qrr.reference.display).toMatch(/^\d\d( \d{5}){5}$/);
    const rf = issueCreditorReference('swiss_qr', scor);
    expect(rf.ok && [rf.reference.kind, rf.reference.type]).toEqual(['rf', 'SCOR']);
    expect(issueCreditorReference('pix', profile)).toEqual({
      ok: false,
      errors: [{ field: 'scheme', reason: "the payment profile has no pix payee; add one first, on the dashboard's Payments page under Payee details or with PUT /api/v1/merchant/payment-profile" }],
    });
  });

  it("uses the merchant's own valid RF or QR reference as it is; anything else stays an order id", () => {
    expect(issueCreditorReference('sepa', profile, { orderReference: 'rf18 5390 0754 7034' })).toEqual({
      ok: true,
      reference: { kind: 'rf', type: 'RF', value: 'RF18539007547034', display: 'RF18 5390 0754 7034', own: true },
    });
    expect(issueCreditorReference('swiss_qr', profile, { orderReference: '21 00000 00003 13947 14300 09017' })).toEqual({
      ok: true,
      reference: { kind: 'qr', type: 'QRR', value: '210000000003139471430009017', display: '21 00000 00003 13947 14300 09017', own: true },
    });
    expect(issueCreditorReference('swiss_qr', scor, { orderReference: 'RF18539007547034' })).toMatchObject({ ok: true, reference: { type: 'SCOR', value: 'RF18539007547034', own: true } });
    // forceRandom (a taken order-derived reference) never replaces the merchant's own.
    expect(issueCreditorReference('sepa', profile, { orderReference: 'RF18539007547034', forceRandom: true })).toMatchObject({ ok: true, reference: { value: 'RF18539007547034' } });

    // Anything else stays an order id a fresh reference is made from, as it always was: order ids
    // such as RF1001 or a 27-digit invoice number are common, and a mistyped or other-form
    // reference is not told apart from one.
    for (const [p, orderReference] of [
      [profile, 'RF19539007547034'],
      [profile, 'RF1001'],
      [profile, '210000000003139471430009018'],
      [profile, 'RF18539007547034'],
      [scor, '210000000003139471430009017'],
    ] as const) {
      const issued = issueCreditorReference('swiss_qr', p, { orderReference });
      expect(issued, orderReference).toMatchObject({ ok: true });
      expect((issued as { reference: { own?: boolean } }).reference.own, orderReference).toBeUndefined();
    }
    expect(issueCreditorReference('sepa', profile, { orderReference: 'RF1001' })).toMatchObject({ ok: true, reference: { value: expect.stringMatching(/^RF\d\dRF1001$/) } });
    // Ordinary order ids keep their behaviour: the body of a fresh reference.
    expect(issueCreditorReference('sepa', profile, { orderReference: 'order-42' })).toMatchObject({ ok: true, reference: { value: expect.stringMatching(/^RF\d\dORDER42$/) } });
    expect(issueCreditorReference('sepa', profile, { orderReference: '210000000003139471430009017' })).toMatchObject({ ok: true, reference: { type: 'RF' } });
    expect(issueCreditorReference('pix', profileOf({ pix: { key: '+5511987654321', merchant_name: 'A', city: 'B' } }), { orderReference: 'RF18539007547034' })).toMatchObject({
      ok: true,
      reference: { type: 'TXID', value: 'RF18539007547034' },
    });
  });

  it('builds each scheme with the description where the scheme shows it, and the Swiss cross design', () => {
    const sepa = buildPaymentQr({ scheme: 'sepa', profile, amountMinor: 1999, currency: 'EUR', reference: 'RF90A1', description: 'Order A-1' });
    expect(sepa.ok && sepa.qr).toEqual({ payload: 'BCD\n002\n1\nSCT\n\nBäckerei Müller\nDE89370400440532013000\nEUR19.99\n\nRF90A1\n\nOrder A-1', ecc: 'M', design: null });
    const swiss = buildPaymentQr({ scheme: 'swiss_qr', profile: scor, amountMinor: 1999, currency: 'CHF', reference: 'RF90A1', description: 'Order A-1' });
    expect(swiss.ok && swiss.qr.payload.split('\n').slice(-4)).toEqual(['SCOR', 'RF90A1', 'Order A-1', 'EPD']);
    expect(swiss.ok && swiss.qr.design).toMatchObject({ logo: { size: 7 / 46 } });
  });

  it('names errors by the request and profile fields, and says why a combination cannot be carried', () => {
    expect(buildPaymentQr({ scheme: 'sepa', profile, amountMinor: 1999, currency: 'CHF', reference: 'RF90A1' })).toMatchObject({
      ok: false,
      errors: [{ field: 'currency', reason: expect.stringContaining('use the swiss_qr scheme for CHF') }],
    });
    expect(buildPaymentQr({ scheme: 'upi', profile, amountMinor: 1999, currency: 'INR', reference: 'ORDER42', description: 'x'.repeat(51) })).toEqual({
      ok: false,
      errors: [{ field: 'description', reason: 'must be at most 50 characters; this one has 51' }],
    });
    expect(buildPaymentQr({ scheme: 'swiss_qr', profile, amountMinor: 1999, currency: 'CHF', reference: 'RF90A1' })).toMatchObject({
      ok: false,
      errors: [{ field: 'reference', reason: expect.stringContaining('QR-IBAN takes a QR reference') }],
    });
    expect(buildPaymentQr({ scheme: 'swiss_qr', profile: scor, amountMinor: 1999, currency: 'CHF', reference: '210000000003139471430009017' })).toMatchObject({
      ok: false,
      errors: [{ field: 'reference', reason: expect.stringContaining('needs a QR-IBAN') }],
    });
    expect(buildPaymentQr({ scheme: 'pix', profile, amountMinor: 1999, currency: 'BRL', reference: 'X' })).toMatchObject({ ok: false, errors: [{ field: 'scheme' }] });
    // A profile that was valid once but not for this payment: the profile path is named.
    const stale = { ...profile, sepa: { ...profile.sepa!, iban: 'DE89370400440532013001' } };
    expect(buildPaymentQr({ scheme: 'sepa', profile: stale, amountMinor: 1999, currency: 'EUR', reference: 'RF90A1' })).toMatchObject({ ok: false, errors: [{ field: 'profile.sepa.iban' }] });
  });
});
