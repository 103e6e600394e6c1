// IBAN, QR-IBAN, BIC and country validation, checked against ibantools (an independent
// implementation with its own country table) and against generated typos.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as ibantools from 'ibantools';
import { checkBic, checkCountry, checkIban, checkQrIban, COUNTRY_CODES, formatIban, ibanCheckDigits, IBAN_LENGTHS, isQrIban } from '../../../src/modules/payments/index.ts';

// Published sample IBANs (bank and payment-standard documentation).
const VALID = [
  'DE89 3704 0044 0532 0130 00',
  'de89370400440532013000',
  'IBAN DE89 3704 0044 0532 0130 00',
  'BE72 0000 0000 1616',
  'CH93 0076 2011 6238 5295 7',
  'CH44 3199 9123 0008 8901 2',
  'GB29 NWBK 6016 1331 9268 19',
  'FR14 2004 1010 0505 0001 3M02 606',
  'NO93 8601 1117 947',
  'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
  'LI21 0881 0000 2324 013A A',
];

/** A valid IBAN for every country in the table, built from a digit BBAN of the right length. */
function sampleIban(country: string, seed: number): string {
  let bban = '';
  for (let i = 0; i < IBAN_LENGTHS[country]! - 4; i++) bban += String((seed * 7 + i * 13) % 10);
  return country + ibanCheckDigits(country, bban) + bban;
}

describe('checkIban', () => {
  it('accepts published IBANs in paper or electronic form and returns the electronic form', () => {
    for (const raw of VALID) {
      const r = checkIban(raw);
      expect(r.ok, raw).toBe(true);
      if (r.ok) {
        expect(r.iban).toMatch(/^[A-Z]{2}\d{2}[A-Z0-9]+$/);
        expect(ibantools.isValidIBAN(r.iban), r.iban).toBe(true);
      }
    }
    expect(checkIban('de89 3704 0044 0532 0130 00')).toEqual({ ok: true, iban: 'DE89370400440532013000', country: 'DE' });
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });

  it('has the same length per country as ibantools', () => {
    const specs = ibantools.getCountrySpecifications();
    for (const [country, length] of Object.entries(IBAN_LENGTHS)) expect(specs[country]?.chars, country).toBe(length);
    // Every country ibantools marks as a member of the IBAN registry is in the table.
    for (const [country, spec] of Object.entries(specs))
      if (spec.IBANRegistry && !['AX', 'GF', 'GP', 'MF', 'MQ', 'NC', 'PF', 'PM', 'RE', 'TF', 'WF', 'YT'].includes(country)) expect(IBAN_LENGTHS[country], country).toBe(spec.chars);
  });

  it('catches every single mistyped digit and every swap of neighbours (mod 97)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(IBAN_LENGTHS)), fc.nat(1000), fc.nat(), fc.integer({ min: 1, max: 9 }), (country, seed, at, delta) => {
        const iban = sampleIban(country, seed);
        expect(checkIban(iban).ok).toBe(true);
        const i = 4 + (at % (iban.length - 4));
        const typo = iban.slice(0, i) + String((Number(iban[i]) + delta) % 10) + iban.slice(i + 1);
        expect(checkIban(typo)).toEqual({ ok: false, reason: 'has wrong check digits: a character is mistyped or two are swapped' });
        const j = 4 + (at % (iban.length - 5));
        if (iban[j] !== iban[j + 1]) {
          const swapped = iban.slice(0, j) + iban[j + 1] + iban[j] + iban.slice(j + 2);
          expect(checkIban(swapped).ok).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with ibantools on any check digits, over BBANs in the national format of each country', () => {
    // ibantools also runs some national bank checksums, which ISO 13616 leaves to the banks.
    const E = ibantools.ValidationErrorsIBAN;
    const specs = ibantools.getCountrySpecifications();
    const arbitrary = fc.constantFrom(...Object.keys(IBAN_LENGTHS)).chain((country) => {
      const format = new RegExp(specs[country]!.bban_regexp!);
      const bban = fc.stringMatching(format).filter((b) => format.test(b) && /^[A-Z0-9]+$/.test(b) && b.length === IBAN_LENGTHS[country]! - 4);
      return fc.tuple(fc.constant(country), bban, fc.integer({ min: 2, max: 98 }), fc.integer({ min: -1, max: 1 }));
    });
    fc.assert(
      fc.property(arbitrary, ([country, bban, check, lengthChange]) => {
        const body = lengthChange < 0 ? bban.slice(0, -1) : lengthChange > 0 ? `${bban}7` : bban;
        const iban = country + String(check).padStart(2, '0') + body;
        const theirs = ibantools.validateIBAN(iban).errorCodes.filter((e) => e !== E.WrongAccountBankBranchChecksum);
        expect(checkIban(iban).ok, iban).toBe(theirs.length === 0);
        // And with the right check digits, both accept it.
        if (lengthChange === 0) expect(checkIban(country + ibanCheckDigits(country, bban) + bban).ok).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('says what is wrong in words a person can act on', () => {
    expect(checkIban('DE89 3704 0044 0532 0130 01')).toEqual({ ok: false, reason: 'has wrong check digits: a character is mistyped or two are swapped' });
    expect(checkIban('DE89 3704 0044 0532 0130 0')).toEqual({ ok: false, reason: 'an IBAN from Germany has 22 characters; this one has 21 (a character is missing or extra)' });
    expect(checkIban('CH93 0076 2011 6238 5295 71')).toMatchObject({ ok: false, reason: expect.stringContaining('Switzerland has 21 characters; this one has 22') });
    expect(checkIban('US12 3456 7890')).toEqual({ ok: false, reason: "'US' (United States) does not issue IBANs; check the first two letters" });
    expect(checkIban('DE89_3704')).toEqual({ ok: false, reason: "may contain only letters, digits and spaces; found '_'" });
    expect(checkIban('')).toEqual({ ok: false, reason: 'must not be empty' });
    expect(checkIban(42).ok).toBe(false);
    expect(checkIban('12DE')).toMatchObject({ ok: false, reason: expect.stringContaining('two-letter country code') });
    expect(checkIban('DEXX370400440532013000')).toMatchObject({ ok: false, reason: expect.stringContaining('check digits') });
  });

  it('refuses the check digits 00, 01 and 99 even where mod 97 would pass', () => {
    // 99 ≡ 02 (mod 97): take an IBAN whose correct digits are 02 and write 99.
    let found = '';
    for (let seed = 0; seed < 5000 && !found; seed++) {
      const bban = String(seed).padStart(18, '0');
      if (ibanCheckDigits('DE', bban) === '02') found = `DE99${bban}`;
    }
    expect(found).not.toBe('');
    expect(checkIban(found).ok).toBe(false);
  });
});

describe('QR-IBAN', () => {
  it('recognises the QR-IID range 30000–31999 of Swiss and Liechtenstein IBANs', () => {
    expect(isQrIban('CH4431999123000889012')).toBe(true);
    expect(isQrIban('CH9300762011623852957')).toBe(false);
    expect(checkQrIban('CH44 3199 9123 0008 8901 2')).toMatchObject({ ok: true, iban: 'CH4431999123000889012' });
    expect(checkQrIban('CH93 0076 2011 6238 5295 7')).toEqual({ ok: false, reason: 'is not a QR-IBAN: its institution id 00762 is outside 30000–31999; ask your bank for the QR-IBAN of the account' });
    expect(checkQrIban('DE89 3704 0044 0532 0130 00')).toMatchObject({ ok: false, reason: expect.stringContaining('Swiss or Liechtenstein') });
    for (const iid of ['29999', '30000', '31999', '32000']) {
      const bban = `${iid}123456789012`.slice(0, 17);
      const iban = `CH${ibanCheckDigits('CH', bban)}${bban}`;
      expect(checkIban(iban).ok).toBe(true);
      expect(isQrIban(iban), iid).toBe(iid === '30000' || iid === '31999');
    }
  });
});

describe('checkBic', () => {
  it('accepts ISO 9362 BICs of 8 and 11 characters, any case', () => {
    for (const bic of ['DEUTDEFF', 'DEUTDEFF500', 'BPOTBEB1', 'NEDSZAJJXXX', 'ubswchzh80a', 'POFICHBEXXX']) {
      const r = checkBic(bic);
      expect(r, bic).toEqual({ ok: true, bic: bic.toUpperCase() });
      expect(ibantools.isValidBIC(bic.toUpperCase()), bic).toBe(true);
    }
  });

  it('refuses malformed BICs with the reason', () => {
    expect(checkBic('DEUTDEF')).toEqual({ ok: false, reason: 'must have 8 or 11 characters; this one has 7' });
    expect(checkBic('DEUT12FF')).toMatchObject({ ok: false, reason: expect.stringContaining("'12' is not one") });
    expect(checkBic('DEUTZZFF')).toMatchObject({ ok: false, reason: expect.stringContaining("'ZZ' is not one") });
    expect(checkBic('DEUTDEF0')).toMatchObject({ ok: false, reason: expect.stringContaining('test BIC') });
    expect(checkBic('DEUTDEFO')).toMatchObject({ ok: false, reason: expect.stringContaining('letter O') });
    expect(checkBic('DEUTDEFFXAB')).toMatchObject({ ok: false, reason: expect.stringContaining('only XXX') });
    expect(checkBic('DEUT-DEFF')).toMatchObject({ ok: false });
    // Whatever ibantools refuses, so do we (ibantools wants letters in the first four characters,
    // as ISO 9362 did before 2014; the generator keeps to those).
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{4}[A-Z0-9]{4}([A-Z0-9]{3})?$/), (bic) => {
        if (!ibantools.isValidBIC(bic)) expect(checkBic(bic).ok).toBe(false);
      }),
    );
  });
});

describe('checkCountry', () => {
  it('knows every ISO 3166-1 alpha-2 code (249) plus XK, and each has a name', () => {
    expect(COUNTRY_CODES.size).toBe(250);
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of COUNTRY_CODES) expect(names.of(code), code).not.toBe(code);
    expect(checkCountry('ch')).toEqual({ ok: true, country: 'CH' });
    expect(checkCountry('UK')).toMatchObject({ ok: false, reason: expect.stringContaining('not an ISO 3166') });
  });
});
