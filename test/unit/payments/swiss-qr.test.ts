// Swiss QR-bill data checked against swissqrbill, an independent implementation: it builds the
// same bill from the same data and renders its own Swiss QR Code, which zxing decodes; the text
// must equal ours character for character. swissqrbill's validator must also refuse what we refuse.

import { describe, it, expect } from 'vitest';
import sharp from 'sharp';
import { SwissQRCode } from 'swissqrbill/svg';
import type { Data } from 'swissqrbill/types';
import { isQRReferenceValid, isSCORReferenceValid } from 'swissqrbill/utils';
import { buildSwissQrPayload, SWISS_QR_LIMITS } from '../../../src/modules/payments/index.ts';
import type { SwissQrInput } from '../../../src/modules/payments/index.ts';
import { zxingDecode } from '../../helpers/decode-qr.ts';

/** Renders swissqrbill's QR code (46 mm, no quiet zone) with a white margin and decodes it. */
async function decodeSwissqrbill(data: Data): Promise<string | null> {
  const svg = new SwissQRCode(data).toString();
  const { data: px, info } = await sharp(Buffer.from(svg), { density: 400 })
    .flatten({ background: '#ffffff' })
    .extend({ top: 60, bottom: 60, left: 60, right: 60, background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return (await zxingDecode({ data: new Uint8ClampedArray(px.buffer, px.byteOffset, px.length), width: info.width, height: info.height }))[0] ?? null;
}

const ROBERT = { name: 'Robert Schneider AG', address: { street: 'Rue du Lac', building_number: '1268', postcode: '2501', town: 'Biel', country: 'CH' } };
const ROBERT_LIB = { name: 'Robert Schneider AG', address: 'Rue du Lac', buildingNumber: '1268', zip: '2501', city: 'Biel', country: 'CH' };
const PIA = { name: 'Pia-Maria Rutschmann-Schnyder', address: { street: 'Grosse Marktgasse', building_number: '28', postcode: '9400', town: 'Rorschach', country: 'CH' } };
const PIA_LIB = { name: 'Pia-Maria Rutschmann-Schnyder', address: 'Grosse Marktgasse', buildingNumber: '28', zip: '9400', city: 'Rorschach', country: 'CH' };

const cases: { name: string; ours: SwissQrInput; lib: Data }[] = [
  {
    name: 'QR-IBAN with a QR reference and a message (IG QR-bill example bill)',
    ours: { payee: { ...ROBERT, iban: 'CH44 3199 9123 0008 8901 2' }, amountMinor: 194975, currency: 'CHF', reference: '21 00000 00003 13947 14300 09017', message: 'Order of 15 June 2020' },
    lib: { creditor: { ...ROBERT_LIB, account: 'CH4431999123000889012' }, amount: 1949.75, currency: 'CHF', reference: '210000000003139471430009017', message: 'Order of 15 June 2020' },
  },
  {
    name: 'IBAN with an RF creditor reference (SCOR), ultimate debtor and bill information',
    ours: {
      payee: { ...ROBERT, iban: 'CH58 0079 1123 0008 8901 2' },
      amountMinor: 19995,
      currency: 'CHF',
      reference: 'RF18 5390 0754 7034',
      debtor: PIA,
      billInformation: '//S1/10/10201409/11/200701/20/140.000-53',
    },
    lib: {
      creditor: { ...ROBERT_LIB, account: 'CH5800791123000889012' },
      amount: 199.95,
      currency: 'CHF',
      reference: 'RF18539007547034',
      debtor: PIA_LIB,
      additionalInformation: '//S1/10/10201409/11/200701/20/140.000-53',
    },
  },
  {
    name: 'IBAN without reference (NON), in euros',
    ours: { payee: { ...ROBERT, iban: 'CH58 0079 1123 0008 8901 2' }, amountMinor: 5000, currency: 'EUR', message: 'Spende für die Kälte-Hilfe' },
    lib: { creditor: { ...ROBERT_LIB, account: 'CH5800791123000889012' }, amount: 50, currency: 'EUR', message: 'Spende für die Kälte-Hilfe' },
  },
];

describe('Swiss QR-bill (SPC 0200) against swissqrbill', () => {
  for (const c of cases) {
    it(`equals swissqrbill's decoded QR code: ${c.name}`, async () => {
      const ours = buildSwissQrPayload(c.ours);
      expect(ours.ok, JSON.stringify(ours)).toBe(true);
      const theirs = await decodeSwissqrbill(c.lib);
      expect(theirs).not.toBeNull();
      expect(ours.ok && ours.payload).toBe(theirs);
      expect(ours.ok && ours.ecc).toBe('M');
    }, 30_000);
  }

  it('lays out the fixed line order: header, creditor, 7 empty ultimate-creditor lines, amount, debtor, reference, EPD', () => {
    const r = buildSwissQrPayload(cases[0]!.ours);
    expect(r.ok && r.payload.split('\n')).toEqual([
      'SPC',
      '0200',
      '1',
      'CH4431999123000889012',
      'S',
      'Robert Schneider AG',
      'Rue du Lac',
      '1268',
      '2501',
      'Biel',
      'CH',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '1949.75',
      'CHF',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'QRR',
      '210000000003139471430009017',
      'Order of 15 June 2020',
      'EPD',
    ]);
  });

  it('separates with CR LF on request, never after the last element, and appends alternative procedures', () => {
    const lf = buildSwissQrPayload({ ...cases[1]!.ours, alternativeSchemes: ['eBill/B/peter@sample.ch'] });
    const crlf = buildSwissQrPayload({ ...cases[1]!.ours, alternativeSchemes: ['eBill/B/peter@sample.ch'], lineEnding: '\r\n' });
    expect(lf.ok && crlf.ok).toBe(true);
    if (lf.ok && crlf.ok) {
      expect(crlf.payload).toBe(lf.payload.replaceAll('\n', '\r\n'));
      expect(lf.payload.endsWith('EPD\n//S1/10/10201409/11/200701/20/140.000-53\neBill/B/peter@sample.ch')).toBe(true);
    }
    // Without bill information, its line stays (empty) so the procedures keep their position.
    const alt = buildSwissQrPayload({ ...cases[0]!.ours, alternativeSchemes: ['eBill/B/peter@sample.ch'] });
    expect(alt.ok && alt.payload.endsWith('EPD\n\neBill/B/peter@sample.ch')).toBe(true);
  });

  it('refuses a QR-IBAN with an RF (SCOR) reference, as swissqrbill does', () => {
    const r = buildSwissQrPayload({ ...cases[0]!.ours, reference: 'RF18539007547034' });
    expect(r).toEqual({
      ok: false,
      errors: [{ field: 'reference', reason: 'a QR-IBAN takes a QR reference (27 digits) only, not an RF creditor reference (SCOR); use the account’s normal IBAN for RF references' }],
    });
    expect(() => new SwissQRCode({ ...cases[0]!.lib, reference: 'RF18539007547034' })).toThrow();
    expect(buildSwissQrPayload({ ...cases[0]!.ours, reference: null })).toMatchObject({ ok: false, errors: [{ field: 'reference', reason: 'a QR-IBAN requires a QR reference (27 digits)' }] });
  });

  it('refuses a QR reference with a normal IBAN, as swissqrbill does', () => {
    const r = buildSwissQrPayload({ ...cases[1]!.ours, reference: '210000000003139471430009017' });
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'reference', reason: expect.stringContaining('needs a QR-IBAN (institution id 30000–31999)') }] });
    expect(() => new SwissQRCode({ ...cases[1]!.lib, reference: '210000000003139471430009017' })).toThrow();
  });

  it('refuses an RF reference with a bad check, and a QR reference with a bad check digit', () => {
    expect(buildSwissQrPayload({ ...cases[1]!.ours, reference: 'RF19539007547034' })).toMatchObject({
      ok: false,
      errors: [{ field: 'reference', reason: expect.stringContaining('wrong check digits') }],
    });
    // swissqrbill's constructor does not check SCOR digits; its own checker does.
    expect(isSCORReferenceValid('RF19539007547034')).toBe(false);
    expect(buildSwissQrPayload({ ...cases[0]!.ours, reference: '210000000003139471430009018' })).toMatchObject({
      ok: false,
      errors: [{ field: 'reference', reason: expect.stringContaining('wrong check digit') }],
    });
    expect(() => new SwissQRCode({ ...cases[0]!.lib, reference: '210000000003139471430009018' })).toThrow();
    expect(isQRReferenceValid('210000000003139471430009018')).toBe(false);
  });

  it('refuses currencies, accounts, addresses and texts the QR-bill cannot carry', () => {
    expect(buildSwissQrPayload({ ...cases[1]!.ours, currency: 'USD' })).toMatchObject({
      ok: false,
      errors: [{ field: 'currency', reason: 'a Swiss QR-bill carries CHF or EUR only; USD cannot be paid with one' }],
    });
    expect(buildSwissQrPayload({ ...cases[1]!.ours, payee: { ...ROBERT, iban: 'DE89370400440532013000' } })).toMatchObject({
      ok: false,
      errors: [{ field: 'payee.iban', reason: expect.stringContaining('from Germany') }],
    });
    const bad = buildSwissQrPayload({
      ...cases[1]!.ours,
      amountMinor: 100_000_000_000,
      payee: { name: 'x'.repeat(71), iban: 'CH5800791123000889012', address: { street: 'Rue du Lac', building_number: '1'.repeat(17), postcode: '', town: 'Б', country: 'ZZ' } },
      message: 'm'.repeat(100),
      billInformation: `//${'b'.repeat(50)}`,
    });
    expect(!bad.ok && bad.errors.map((e) => e.field)).toEqual([
      'amount',
      'payee.name',
      'payee.address.country',
      'payee.address.building_number',
      'payee.address.postcode',
      'payee.address.town',
      'message',
    ]);
    expect(buildSwissQrPayload({ ...cases[1]!.ours, billInformation: 'S1/10' })).toMatchObject({
      ok: false,
      errors: [{ field: 'bill_information', reason: expect.stringContaining('starts with //') }],
    });
    expect(buildSwissQrPayload({ ...cases[1]!.ours, alternativeSchemes: ['a', 'b', 'c'] })).toMatchObject({ ok: false, errors: [{ field: 'alternative_schemes' }] });
    expect(() => new SwissQRCode({ ...cases[1]!.lib, creditor: { ...ROBERT_LIB, account: 'CH5800791123000889012', name: 'x'.repeat(71) } })).toThrow();
  });

  it('refuses combined (K) addresses unless asked, and then writes them by the K rules', () => {
    const k = { name: 'Robert Schneider AG', address: { type: 'K', line1: 'Rue du Lac 1268', line2: '2501 Biel', country: 'CH' } };
    expect(buildSwissQrPayload({ ...cases[1]!.ours, payee: { ...k, iban: 'CH5800791123000889012' } })).toMatchObject({
      ok: false,
      errors: [{ field: 'payee.address.type', reason: expect.stringContaining('no longer accepted by Swiss banks since 22 November 2025') }],
    });
    const r = buildSwissQrPayload({ ...cases[1]!.ours, payee: { ...k, iban: 'CH5800791123000889012' }, allowCombinedAddress: true });
    expect(r.ok && r.payload.split('\n').slice(4, 11)).toEqual(['K', 'Robert Schneider AG', 'Rue du Lac 1268', '2501 Biel', '', '', 'CH']);
    expect(buildSwissQrPayload({ ...cases[1]!.ours, payee: { ...k, address: { ...k.address, line2: '' }, iban: 'CH5800791123000889012' }, allowCombinedAddress: true })).toMatchObject({
      ok: false,
      errors: [{ field: 'payee.address.line2' }],
    });
  });

  it('stays within 997 characters even with every field at its limit', () => {
    const long = { name: 'n'.repeat(70), address: { street: 's'.repeat(70), building_number: 'b'.repeat(16), postcode: 'p'.repeat(16), town: 't'.repeat(35), country: 'CH' } };
    const r = buildSwissQrPayload({
      payee: { ...long, iban: 'CH4431999123000889012' },
      debtor: long,
      amountMinor: 99_999_999_999,
      currency: 'CHF',
      reference: '210000000003139471430009017',
      message: 'm'.repeat(70),
      billInformation: `//${'b'.repeat(68)}`,
      alternativeSchemes: ['a'.repeat(100), 'c'.repeat(100)],
      lineEnding: '\r\n',
    });
    expect(r.ok).toBe(true);
    expect(r.ok && r.payload.length).toBeLessThanOrEqual(SWISS_QR_LIMITS.maxCharacters);
  });
});
