// The ISO 4217 table against the currency-codes package and the platform's Intl data, and the
// minor-unit ↔ decimal conversions every payload relies on.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import currencyCodes from 'currency-codes';
import { checkCurrency, checkMinorAmount, CURRENCIES, currencyInfo, decimalToMinor, minorToDecimal } from '../../../src/modules/payments/index.ts';

describe('ISO 4217 table', () => {
  it('matches currency-codes (numeric code and minor unit) for every currency both know', () => {
    const missing: string[] = [];
    for (const [code, info] of CURRENCIES) {
      const other = currencyCodes.code(code);
      if (!other) {
        missing.push(code);
        continue;
      }
      expect({ code, numeric: info.numeric, exponent: info.exponent }).toEqual({ code, numeric: other.number, exponent: other.digits });
    }
    // XCG (Caribbean guilder) replaced ANG in 2025, after that package's data.
    expect(missing).toEqual(['XCG']);
  });

  it('holds every scheme currency and the common ones, and Intl knows them all', () => {
    for (const code of ['EUR', 'CHF', 'BRL', 'INR', 'USD', 'GBP', 'JPY', 'CNY', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'CAD', 'AUD', 'KWD', 'BHD', 'CLP'])
      expect(currencyInfo(code), code).not.toBeNull();
    const intl = new Set(Intl.supportedValuesOf('currency'));
    // Intl's data lags the newest codes (Venezuelan digital bolívar, Caribbean guilder, Zimbabwe Gold).
    expect([...CURRENCIES.keys()].filter((code) => !intl.has(code)).sort()).toEqual(['VED', 'XCG', 'ZWG'].filter((c) => !intl.has(c)));
    expect(CURRENCIES.get('BRL')).toEqual({ code: 'BRL', numeric: '986', exponent: 2 });
    expect(CURRENCIES.get('JPY')!.exponent).toBe(0);
    expect(CURRENCIES.get('KWD')!.exponent).toBe(3);
  });

  it('checks codes with a reason', () => {
    expect(checkCurrency('chf')).toMatchObject({ ok: true, currency: { code: 'CHF' } });
    expect(checkCurrency('XAU')).toEqual({ ok: false, reason: "'XAU' is not a current ISO 4217 currency" });
    expect(checkCurrency('EURO')).toMatchObject({ ok: false, reason: expect.stringContaining('three-letter') });
  });
});

describe('amounts', () => {
  const EUR = currencyInfo('EUR')!;
  const JPY = currencyInfo('JPY')!;
  const KWD = currencyInfo('KWD')!;

  it('writes minor units as the decimal each currency needs', () => {
    expect(minorToDecimal(1230, EUR)).toBe('12.30');
    expect(minorToDecimal(1230, EUR, true)).toBe('12.3');
    expect(minorToDecimal(100, EUR, true)).toBe('1');
    expect(minorToDecimal(5, EUR)).toBe('0.05');
    expect(minorToDecimal(0, EUR)).toBe('0.00');
    expect(minorToDecimal(500, JPY)).toBe('500');
    expect(minorToDecimal(1234, KWD)).toBe('1.234');
    expect(minorToDecimal(99_999_999_999, EUR)).toBe('999999999.99');
    expect(() => minorToDecimal(1.5, EUR)).toThrow(RangeError);
  });

  it('reads decimals back exactly, refusing more decimals than the currency has', () => {
    fc.assert(
      fc.property(fc.constantFrom(EUR, JPY, KWD), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.boolean(), (cur, minor, trim) => {
        expect(decimalToMinor(minorToDecimal(minor, cur, trim), cur)).toBe(minor);
      }),
    );
    expect(decimalToMinor('12.345', EUR)).toBeNull();
    expect(decimalToMinor('12.340', EUR)).toBe(1234);
    expect(decimalToMinor('12.5', JPY)).toBeNull();
    expect(decimalToMinor('-3.10', EUR)).toBe(-310);
    expect(decimalToMinor('1e3', EUR)).toBeNull();
    expect(decimalToMinor('', EUR)).toBeNull();
  });

  it('checks minor-unit amounts against bounds with the amount spelled out', () => {
    expect(checkMinorAmount(1250, EUR)).toEqual({ ok: true, minor: 1250 });
    expect(checkMinorAmount(12.5, EUR)).toEqual({ ok: false, reason: 'must be a whole number of EUR minor units (1/100), e.g. 1250 for EUR 12.50' });
    expect(checkMinorAmount(0, EUR, { min: 1, max: 100 })).toEqual({ ok: false, reason: 'must be at least 1 (EUR 0.01)' });
    expect(checkMinorAmount(101, EUR, { min: 1, max: 100 })).toEqual({ ok: false, reason: 'must be at most 100 (EUR 1.00)' });
    expect(checkMinorAmount('12', JPY)).toMatchObject({ ok: false, reason: expect.stringContaining('whole number of JPY') });
  });
});
