// Currencies (ISO 4217) and amounts. Amounts travel as integers in minor units (cents, rappen,
// centavos, paise) so no float ever rounds money; each payload format gets its decimal string
// from here. The table holds every current ISO 4217 currency a bank account can hold (funds,
// precious metals and testing codes are left out: they are never paid by transfer).

import { collect } from './field-errors.ts';
import type { FieldError } from './field-errors.ts';

/** A currency: its code, ISO numeric code (EMV QR codes carry it) and minor-unit exponent. */
export interface CurrencyInfo {
  code: string;
  numeric: string;
  exponent: number;
}

// code numeric exponent, space separated (ISO 4217 list one, amendment 179 of 2025).
const TABLE = `
AED 784 2 AFN 971 2 ALL 008 2 AMD 051 2 AOA 973 2 ARS 032 2 AUD 036 2 AWG 533 2 AZN 944 2 BAM 977 2 BBD 052 2
BDT 050 2 BGN 975 2 BHD 048 3 BIF 108 0 BMD 060 2 BND 096 2 BOB 068 2 BRL 986 2 BSD 044 2 BTN 064 2 BWP 072 2
BYN 933 2 BZD 084 2 CAD 124 2 CDF 976 2 CHF 756 2 CLP 152 0 CNY 156 2 COP 170 2 CRC 188 2 CUP 192 2 CVE 132 2
CZK 203 2 DJF 262 0 DKK 208 2 DOP 214 2 DZD 012 2 EGP 818 2 ERN 232 2 ETB 230 2 EUR 978 2 FJD 242 2 FKP 238 2
GBP 826 2 GEL 981 2 GHS 936 2 GIP 292 2 GMD 270 2 GNF 324 0 GTQ 320 2 GYD 328 2 HKD 344 2 HNL 340 2 HTG 332 2
HUF 348 2 IDR 360 2 ILS 376 2 INR 356 2 IQD 368 3 IRR 364 2 ISK 352 0 JMD 388 2 JOD 400 3 JPY 392 0 KES 404 2
KGS 417 2 KHR 116 2 KMF 174 0 KPW 408 2 KRW 410 0 KWD 414 3 KYD 136 2 KZT 398 2 LAK 418 2 LBP 422 2 LKR 144 2
LRD 430 2 LSL 426 2 LYD 434 3 MAD 504 2 MDL 498 2 MGA 969 2 MKD 807 2 MMK 104 2 MNT 496 2 MOP 446 2 MRU 929 2
MUR 480 2 MVR 462 2 MWK 454 2 MXN 484 2 MYR 458 2 MZN 943 2 NAD 516 2 NGN 566 2 NIO 558 2 NOK 578 2 NPR 524 2
NZD 554 2 OMR 512 3 PAB 590 2 PEN 604 2 PGK 598 2 PHP 608 2 PKR 586 2 PLN 985 2 PYG 600 0 QAR 634 2 RON 946 2
RSD 941 2 RUB 643 2 RWF 646 0 SAR 682 2 SBD 090 2 SCR 690 2 SDG 938 2 SEK 752 2 SGD 702 2 SHP 654 2 SLE 925 2
SOS 706 2 SRD 968 2 SSP 728 2 STN 930 2 SVC 222 2 SYP 760 2 SZL 748 2 THB 764 2 TJS 972 2 TMT 934 2 TND 788 3
TOP 776 2 TRY 949 2 TTD 780 2 TWD 901 2 TZS 834 2 UAH 980 2 UGX 800 0 USD 840 2 UYU 858 2 UZS 860 2 VES 928 2
VED 926 2 VND 704 0 VUV 548 0 WST 882 2 XAF 950 0 XCD 951 2 XCG 532 2 XOF 952 0 XPF 953 0 YER 886 2 ZAR 710 2
ZMW 967 2 ZWG 924 2
`;

/** Every supported currency by code. */
export const CURRENCIES: ReadonlyMap<string, CurrencyInfo> = (() => {
  const map = new Map<string, CurrencyInfo>();
  const parts = TABLE.trim().split(/\s+/);
  for (let i = 0; i < parts.length; i += 3) map.set(parts[i]!, Object.freeze({ code: parts[i]!, numeric: parts[i + 1]!, exponent: Number(parts[i + 2]) }));
  return map;
})();

/** The currency with this code (exact, upper case), or null. */
export function currencyInfo(code: string): CurrencyInfo | null {
  return CURRENCIES.get(code) ?? null;
}

/** The outcome of checking a currency code. */
export type CurrencyCheck = { ok: true; currency: CurrencyInfo } | { ok: false; reason: string };

/** Validates an ISO 4217 code (any case). */
export function checkCurrency(raw: unknown): CurrencyCheck {
  if (typeof raw !== 'string' || !/^[A-Za-z]{3}$/.test(raw.trim())) return { ok: false, reason: 'must be a three-letter ISO 4217 currency code such as EUR, CHF, BRL or INR' };
  const info = CURRENCIES.get(raw.trim().toUpperCase());
  if (!info) return { ok: false, reason: `'${raw.trim()}' is not a current ISO 4217 currency` };
  return { ok: true, currency: info };
}

/** Inclusive bounds of an amount in minor units. */
export interface AmountBounds {
  min: number;
  max: number;
}

/** The outcome of checking an amount. */
export type AmountCheck = { ok: true; minor: number } | { ok: false; reason: string };

/** Validates an amount given in minor units (a positive safe integer within `bounds`). */
export function checkMinorAmount(raw: unknown, currency: CurrencyInfo, bounds: AmountBounds = { min: 1, max: Number.MAX_SAFE_INTEGER }): AmountCheck {
  const unit = currency.exponent === 0 ? currency.code : `${currency.code} minor units (1/${10 ** currency.exponent})`;
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) return { ok: false, reason: `must be a whole number of ${unit}, e.g. 1250 for ${formatAmount(1250, currency)}` };
  if (raw < bounds.min) return { ok: false, reason: `must be at least ${bounds.min} (${formatAmount(bounds.min, currency)})` };
  if (raw > bounds.max) return { ok: false, reason: `must be at most ${bounds.max} (${formatAmount(bounds.max, currency)})` };
  return { ok: true, minor: raw };
}

/**
 * The decimal string of an amount in minor units: "12.30" for 1230 EUR cents, "500" for 500 JPY.
 * `trimZeros` drops trailing fractional zeros ("12.3", "1"), as EPC069-12's own examples write amounts.
 */
export function minorToDecimal(minor: number, currency: CurrencyInfo, trimZeros = false): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`amount must be a non-negative safe integer; got ${minor}`);
  const e = currency.exponent;
  if (e === 0) return String(minor);
  const digits = String(minor).padStart(e + 1, '0');
  const whole = digits.slice(0, -e);
  let fraction = digits.slice(-e);
  if (trimZeros) fraction = fraction.replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/**
 * Parses a decimal amount ("12.30", "12.3", "12", "-5.00") into minor units; null when it is not a
 * plain decimal or has more fractional digits than the currency allows.
 */
export function decimalToMinor(text: string, currency: CurrencyInfo): number | null {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return null;
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > currency.exponent) return null;
  const minor = Number(m[2]! + fraction.padEnd(currency.exponent, '0'));
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] ? -minor : minor;
}

/**
 * A payload's currency and amount: the currency must be one the scheme carries (`refuse` says
 * why another cannot be), the amount within the scheme's bounds. Problems go to `errors`.
 */
export function checkSchemeAmount(
  errors: FieldError[],
  input: { currency: unknown; amountMinor: unknown },
  scheme: { currencies: readonly string[]; bounds: AmountBounds; refuse: (code: string) => string },
): { currency: CurrencyInfo; minor: number } | null {
  const currency = collect(errors, 'currency', checkCurrency(input.currency));
  if (!currency) return null;
  if (!scheme.currencies.includes(currency.currency.code)) {
    errors.push({ field: 'currency', reason: scheme.refuse(currency.currency.code) });
    return null;
  }
  const amount = collect(errors, 'amount', checkMinorAmount(input.amountMinor, currency.currency, scheme.bounds));
  return amount ? { currency: currency.currency, minor: amount.minor } : null;
}

/** A human rendering for messages: "EUR 12.30". */
export function formatAmount(minor: number, currency: CurrencyInfo): string {
  return `${currency.code} ${minorToDecimal(Math.abs(minor), currency)}`;
}
