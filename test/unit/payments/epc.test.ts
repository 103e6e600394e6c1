// EPC QR codes against the guidelines' own examples, written out as fixtures, and every refusal
// the format requires.
//
// Sources: EPC069-12 "Quick Response Code: Guidelines to Enable Data Capture for the Initiation
// of a SEPA Credit Transfer" — section 2 ("2D code guidelines": ECC M, version ≤ 13, 331-byte
// payload, character set 1 = UTF-8) and section 3 (the data elements: service tag BCD,
// version 001/002, character set, SCT, BIC, name ≤ 70, IBAN, EUR amount 0.01–999999999.99,
// purpose, structured creditor reference ≤ 35 *or* unstructured remittance ≤ 140, information
// ≤ 70, one per line, the last populated element without a trailing line feed).

import { describe, it, expect } from 'vitest';
import { buildEpcPayload, utf8Length } from '../../../src/modules/payments/index.ts';

/** The guidelines' sample: a donation of EUR 1 to the Belgian Red Cross (version 001, with BIC, unstructured text). */
const RED_CROSS = ['BCD', '001', '1', 'SCT', 'BPOTBEB1', 'Red Cross of Belgium', 'BE72000000001616', 'EUR1', 'CHAR', '', 'Urgency fund', 'Sample EPC QR code'].join('\n');

/** The guidelines' structured-remittance sample (Franz Mustermänn, RF18 5390 0754 7034); the empty trailing fields are omitted. */
const MUSTERMANN = ['BCD', '002', '1', 'SCT', 'BHBLDEHHXXX', 'Franz Mustermänn', 'DE71110220330123456789', 'EUR12.3', 'GDDS', 'RF18539007547034'].join('\n');

describe('EPC069-12 payloads', () => {
  it('reproduces the Red Cross sample (version 001, unstructured remittance) exactly', () => {
    const r = buildEpcPayload({
      version: '001',
      payee: { name: 'Red Cross of Belgium', iban: 'BE72 0000 0000 1616', bic: 'BPOTBEB1' },
      amountMinor: 100,
      currency: 'EUR',
      purpose: 'CHAR',
      remittance: 'Urgency fund',
      information: 'Sample EPC QR code',
    });
    expect(r).toEqual({ ok: true, payload: RED_CROSS, ecc: 'M' });
  });

  it('reproduces the structured-reference sample (version 002) exactly, without trailing line feeds', () => {
    const r = buildEpcPayload({
      payee: { name: 'Franz Mustermänn', iban: 'DE71 1102 2033 0123 4567 89', bic: 'bhbldehhxxx' },
      amountMinor: 1230,
      currency: 'EUR',
      purpose: 'gdds',
      reference: 'RF18 5390 0754 7034',
    });
    expect(r).toEqual({ ok: true, payload: MUSTERMANN, ecc: 'M' });
    expect(MUSTERMANN.endsWith('\n')).toBe(false);
  });

  it('leaves the BIC line empty in version 002 within the EEA, and writes amounts as the samples do', () => {
    const r = buildEpcPayload({ payee: { name: 'Tessera GmbH', iban: 'DE89370400440532013000' }, amountMinor: 99_999_999_999, currency: 'EUR', reference: 'RF18539007547034' });
    expect(r.ok && r.payload.split('\n')).toEqual(['BCD', '002', '1', 'SCT', '', 'Tessera GmbH', 'DE89370400440532013000', 'EUR999999999.99', '', 'RF18539007547034']);
    const cents = buildEpcPayload({ payee: { name: 'A', iban: 'DE89370400440532013000' }, amountMinor: 5, currency: 'EUR' });
    expect(cents.ok && cents.payload.split('\n')[7]).toBe('EUR0.05');
  });

  it('counts the 331-byte ceiling in UTF-8 bytes and refuses an over-long payload', () => {
    const base = { payee: { name: 'Tessera GmbH', iban: 'DE89370400440532013000' }, amountMinor: 100, currency: 'EUR' };
    const fits = buildEpcPayload({ ...base, remittance: 'x'.repeat(140), information: 'y'.repeat(70) });
    expect(fits.ok && utf8Length(fits.payload)).toBeLessThanOrEqual(331);
    // Same character counts, but three bytes each: within every field limit, over the payload limit.
    const long = buildEpcPayload({ ...base, payee: { name: '€'.repeat(70), iban: 'DE89370400440532013000' }, remittance: '€'.repeat(140) });
    expect(long.ok).toBe(false);
    expect(!long.ok && long.errors).toEqual([{ field: 'payload', reason: expect.stringMatching(/^the EPC QR payload would be \d+ bytes; EPC069-12 allows at most 331/) }]);
  });

  it('refuses CHF and every other non-euro currency, pointing CHF to the Swiss QR-bill', () => {
    const r = buildEpcPayload({ payee: { name: 'A', iban: 'DE89370400440532013000' }, amountMinor: 100, currency: 'CHF' });
    expect(r).toEqual({
      ok: false,
      errors: [{ field: 'currency', reason: 'an EPC QR code (SEPA credit transfer) carries euros only; CHF cannot be paid with one — use the swiss_qr scheme for CHF' }],
    });
    expect(buildEpcPayload({ payee: { name: 'A', iban: 'DE89370400440532013000' }, amountMinor: 100, currency: 'USD' })).toMatchObject({ ok: false, errors: [{ field: 'currency' }] });
  });

  it('refuses what EPC069-12 cannot carry, naming each field', () => {
    const r = buildEpcPayload({
      payee: { name: 'x'.repeat(71), iban: 'DE89370400440532013001' },
      amountMinor: 0,
      currency: 'EUR',
      reference: 'RF19539007547034',
      remittance: 'text',
      purpose: 'GOODS',
      information: 'z'.repeat(71),
    });
    expect(!r.ok && r.errors.map((e) => e.field)).toEqual(['amount', 'payee.name', 'payee.iban', 'reference', 'information', 'purpose']);
    const both = buildEpcPayload({ payee: { name: 'A', iban: 'DE89370400440532013000' }, amountMinor: 100, currency: 'EUR', reference: 'RF18539007547034', remittance: 'Invoice 42' });
    expect(both).toEqual({ ok: false, errors: [{ field: 'remittance', reason: 'EPC069-12 carries either a structured creditor reference or unstructured remittance text, not both' }] });
    expect(buildEpcPayload({ payee: { name: 'A', iban: 'DE89370400440532013000' }, amountMinor: 100_000_000_000, currency: 'EUR' })).toMatchObject({
      ok: false,
      errors: [{ field: 'amount', reason: 'must be at most 99999999999 (EUR 999999999.99)' }],
    });
  });

  it('needs a SEPA account, and a BIC outside the EEA or in version 001', () => {
    expect(buildEpcPayload({ payee: { name: 'A', iban: 'BR1800360305000010009795493C1' }, amountMinor: 100, currency: 'EUR' })).toMatchObject({
      ok: false,
      errors: [{ field: 'payee.iban', reason: expect.stringContaining('Brazil is outside SEPA') }],
    });
    expect(buildEpcPayload({ payee: { name: 'A', iban: 'CH9300762011623852957' }, amountMinor: 100, currency: 'EUR' })).toMatchObject({
      ok: false,
      errors: [{ field: 'payee.bic', reason: expect.stringContaining('outside the EEA (Switzerland)') }],
    });
    expect(buildEpcPayload({ payee: { name: 'A', iban: 'CH9300762011623852957', bic: 'UBSWCHZH80A' }, amountMinor: 100, currency: 'EUR' }).ok).toBe(true);
    expect(buildEpcPayload({ version: '001', payee: { name: 'A', iban: 'DE89370400440532013000' }, amountMinor: 100, currency: 'EUR' })).toMatchObject({
      ok: false,
      errors: [{ field: 'payee.bic', reason: expect.stringContaining('version 001') }],
    });
  });

  it('carries the SEPA character sets (Latin, Greek, Cyrillic): transliterates letters they lack, refuses other scripts and emoji', () => {
    const base = { payee: { name: 'A', iban: 'DE89370400440532013000' }, amountMinor: 100, currency: 'EUR' };
    // Latin-1 and Latin Extended-A stay as written (banks convert them per EPC217-08); typographic quotes become plain.
    const latin = buildEpcPayload({ ...base, payee: { name: 'Łódź Müller’s Café & Söhne', iban: 'DE89370400440532013000' }, information: 'Cảm ơn — Phở Hà Nội' });
    expect(latin.ok && latin.payload.split('\n')).toEqual(['BCD', '002', '1', 'SCT', '', "Łódź Müller's Café & Söhne", 'DE89370400440532013000', 'EUR1', '', '', '', 'Cam on - Pho Hà Noi']);
    // Greek and Bulgarian payees write their own scripts (EPC217-08 has sets for both).
    const greek = buildEpcPayload({ ...base, payee: { name: 'Καφενείο Αθήνα', iban: 'GR1601101250000000012300695' }, information: 'Благодаря' });
    expect(greek.ok && greek.payload.split('\n')[5]).toBe('Καφενείο Αθήνα');
    expect(greek.ok && greek.payload.split('\n').at(-1)).toBe('Благодаря');
    const emoji = buildEpcPayload({ ...base, payee: { name: '😀 Emoji Corp', iban: 'DE89370400440532013000' }, remittance: '订单 42', information: 'שלום' });
    expect(!emoji.ok && emoji.errors).toEqual([
      { field: 'payee.name', reason: expect.stringMatching(/^contains '😀' \(an emoji\), which SEPA transfers cannot carry/) },
      { field: 'remittance', reason: expect.stringContaining("'订' (Chinese character), which SEPA") },
      { field: 'information', reason: expect.stringContaining("'ש' (Hebrew), which SEPA") },
    ]);
  });

  it('refuses a Swiss QR-IBAN: it takes QR-bill payments only, and a SEPA transfer to it comes back', () => {
    // CH44 3199 9123 0008 8901 2 is the Swiss IG's QR-IBAN (IID 31999); CH93 0076 2011 6238 5295 7 an ordinary IBAN.
    const r = buildEpcPayload({ payee: { name: 'A', iban: 'CH44 3199 9123 0008 8901 2', bic: 'UBSWCHZH80A' }, amountMinor: 100, currency: 'EUR' });
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'payee.iban', reason: expect.stringMatching(/QR-IBAN.*QR-bill.*ordinary IBAN/) }] });
    expect(r.ok ? [] : r.errors).toHaveLength(1);
    expect(buildEpcPayload({ payee: { name: 'A', iban: 'CH9300762011623852957', bic: 'UBSWCHZH80A' }, amountMinor: 100, currency: 'EUR' }).ok).toBe(true);
  });
});
