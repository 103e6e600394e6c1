// Every scheme's payload drawn by the QR engine (the PNG path the API uses, and the design each
// scheme prescribes) and read back by zxing-wasm and jsQR to the exact string. For the Swiss QR
// Code also: the cross at the prescribed 7/46 of the width, and the arrangement the Swiss IG
// specifies — an ECC M code with the cross laid over its modules — decodes too.

import { describe, it, expect, beforeAll } from 'vitest';
import sharp from 'sharp';
import { encodeQr, maxLogoSize, renderSvg } from '../../../src/qr/index.ts';
import { renderQrPng } from '../../helpers/raster.ts';
import {
  buildEpcPayload,
  buildPaymentQr,
  buildPixPayload,
  buildSwissQrPayload,
  buildUpiPayload,
  checkPayeeProfile,
  issueCreditorReference,
  SCHEME_CURRENCIES,
  SCHEMES,
  SWISS_CROSS_LOGO,
  SWISS_CROSS_SIZE,
  SWISS_CROSS_SVG,
  swissQrDesign,
  utf8Length,
} from '../../../src/modules/payments/index.ts';
import type { PayeeProfile, Scheme } from '../../../src/modules/payments/index.ts';
import { jsqrDecode, zxingDecode } from '../../helpers/decode-qr.ts';
import type { Pixels } from '../../helpers/decode-qr.ts';

async function pngPixels(png: Buffer): Promise<Pixels> {
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

let profile: PayeeProfile;
const payloads = new Map<Scheme, { payload: string; design: Record<string, unknown> | null }>();

beforeAll(() => {
  const checked = checkPayeeProfile({
    sepa: { name: 'Bäckerei Müller GmbH', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
    swiss_qr: { name: 'Robert Schneider AG', iban: 'CH44 3199 9123 0008 8901 2', address: { street: 'Rue du Lac', building_number: '1268', postcode: '2501', town: 'Biel', country: 'CH' } },
    pix: { key: 'loja@exemplo.com.br', merchant_name: 'Padaria São João', city: 'São Paulo' },
    upi: { vpa: 'sharma.store@okaxis', payee_name: 'Sharma General Store', mcc: '5411' },
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  profile = checked.profile;
  for (const scheme of SCHEMES) {
    const ref = issueCreditorReference(scheme, profile, { orderReference: 'ORD-2024-0042' });
    if (!ref.ok) throw new Error(JSON.stringify(ref.errors));
    const qr = buildPaymentQr({ scheme, profile, amountMinor: 123_456, currency: SCHEME_CURRENCIES[scheme][0]!, reference: ref.reference.value, description: 'Bestellung 42 – café' });
    if (!qr.ok) throw new Error(JSON.stringify(qr.errors));
    payloads.set(scheme, qr.qr);
  }
});

describe('payment codes decode to the exact payload', () => {
  for (const scheme of SCHEMES) {
    it(`${scheme}: PNG through the render path, read by zxing and jsQR`, async () => {
      const { payload, design } = payloads.get(scheme)!;
      const rendered = await renderQrPng(payload, design ?? { ecc: 'M' }, 512);
      if (scheme !== 'swiss_qr') expect(rendered.ecc).toBe('M');
      const img = await pngPixels(rendered.png);
      expect((await zxingDecode(img))[0]).toBe(payload);
      expect(jsqrDecode(img)).toBe(payload);
    }, 30_000);
  }
});

describe('payloads at their size limits decode too', () => {
  const longest: Record<Scheme, () => ReturnType<typeof buildEpcPayload>> = {
    // 331 bytes with multi-byte UTF-8 text (the engine adds the UTF-8 ECI).
    sepa: () =>
      buildEpcPayload({
        payee: { name: `Bäckerei Müller & Söhne ${'é'.repeat(40)}`, iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
        amountMinor: 99_999_999_999,
        currency: 'EUR',
        remittance: `Rechnung ${'ü'.repeat(65)}`,
        information: 'Danke schön!',
      }),
    swiss_qr: () =>
      buildSwissQrPayload({
        payee: { name: 'n'.repeat(70), iban: 'CH4431999123000889012', address: { street: 'Rue de l’Église', building_number: '12b', postcode: '1700', town: 'Fribourg', country: 'CH' } },
        debtor: { name: 'Zoë Ærø-Müller', address: { street: 's'.repeat(70), building_number: '1', postcode: '8001', town: 'Zürich', country: 'CH' } },
        amountMinor: 99_999_999_999,
        currency: 'CHF',
        reference: '210000000003139471430009017',
        message: 'm'.repeat(70),
        billInformation: `//${'b'.repeat(68)}`,
        alternativeSchemes: ['a'.repeat(100), 'c'.repeat(100)],
      }),
    pix: () =>
      buildPixPayload({
        payee: { key: 'a-rather-long-address-for-pix@exemplo.com.br', merchant_name: 'M'.repeat(25), city: 'C'.repeat(15) },
        amountMinor: 999_999_999_999,
        currency: 'BRL',
        txid: 'T'.repeat(25),
        description: 'd'.repeat(29),
        postalCode: '01310100',
        mcc: '5812',
      }),
    upi: () =>
      buildUpiPayload({
        payee: { vpa: '1234567890@sbin0001234.ifsc.npci', payee_name: 'श्री गणेश किराना स्टोर & Sons', mcc: '5411' },
        amountMinor: 100_000_000,
        currency: 'INR',
        reference: 'R'.repeat(35),
        note: 'n & = + # % ₹'.padEnd(50, 'x'),
      }),
  };
  for (const scheme of SCHEMES) {
    it(`${scheme}: the longest payload the builder allows`, async () => {
      const built = longest[scheme]();
      if (!built.ok) throw new Error(JSON.stringify(built.errors));
      const rendered = await renderQrPng(built.payload, scheme === 'swiss_qr' ? swissQrDesign() : { ecc: built.ecc }, 1024);
      const img = await pngPixels(rendered.png);
      expect((await zxingDecode(img))[0], `version ${rendered.version}`).toBe(built.payload);
      if (scheme === 'sepa') expect(utf8Length(built.payload)).toBeGreaterThan(320);
    }, 30_000);
  }
});

describe('the Swiss cross', () => {
  it('is drawn centred at 7/46 of the code width, black square in a white border, through design_config.logo', () => {
    const { payload, design } = payloads.get('swiss_qr')!;
    expect(design).toMatchObject({ logo: { src: SWISS_CROSS_LOGO.src, size: SWISS_CROSS_SIZE } });
    expect(SWISS_CROSS_SIZE).toBeCloseTo(7 / 46, 12);
    expect(SWISS_CROSS_LOGO.src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const r = renderSvg(payload, design);
    const image = /<image xlink:href="([^"]+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(r.svg);
    expect(image).not.toBeNull();
    const [, href, x, , width] = image!;
    expect(href).toBe(SWISS_CROSS_LOGO.src);
    expect(Number(width) / r.modules).toBeCloseTo(7 / 46, 3);
    expect(Number(x) + Number(width) / 2).toBeCloseTo(r.modules / 2, 2);
    // The engine raises ECC to H whenever a logo is present; the Swiss IG asks for M (see the docs).
    expect(r.ecc).toBe('H');
  });

  it('leaves a decodable ECC M code when laid over the modules, as the Swiss IG specifies', async () => {
    const { payload } = payloads.get('swiss_qr')!;
    const version = encodeQr(payload, { ecc: 'M' }).version;
    // The engine's own logo budget already allows a cross of this size at ECC M.
    expect(maxLogoSize(version, 'M')).toBeGreaterThanOrEqual(Math.ceil(SWISS_CROSS_SIZE * 100) / 100);
    const size = 600;
    const plain = renderSvg(payload, { ecc: 'M', margin: 4 });
    expect(plain.ecc).toBe('M');
    const base = await sharp(Buffer.from(plain.svg), { density: (72 * size) / plain.width })
      .flatten({ background: '#ffffff' })
      .png()
      .toBuffer();
    const unit = size / plain.width;
    const crossPx = Math.round(SWISS_CROSS_SIZE * plain.modules * unit);
    const cross = await sharp(Buffer.from(SWISS_CROSS_SVG), { density: (72 * crossPx) / 70 })
      .resize(crossPx, crossPx)
      .png()
      .toBuffer();
    const offset = Math.round(size / 2 - crossPx / 2);
    const composed = await sharp(base)
      .composite([{ input: cross, left: offset, top: offset }])
      .png()
      .toBuffer();
    const img = await pngPixels(composed);
    // The cross really covers the centre: its black square is there.
    const centre = (Math.round(size / 2 - crossPx * 0.35) * img.width + Math.round(size / 2)) * 4;
    expect(img.data[centre]).toBeLessThan(64);
    expect((await zxingDecode(img))[0]).toBe(payload);
  }, 30_000);
});
