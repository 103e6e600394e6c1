// IBANs (ISO 13616): accepted in paper form ("DE89 3704 0044 …", any case, an optional "IBAN"
// prefix) and returned in electronic form (upper case, no spaces). A valid IBAN has the length
// the SWIFT IBAN registry fixes for its country and passes the ISO 7064 MOD 97-10 check, which
// catches every single mistyped character and every swap of two neighbours.

import { countryName } from './countries.ts';
import { mod97, mod97CheckDigits } from './iso7064.ts';

/**
 * IBAN length per country, from the SWIFT IBAN registry (release 99, 2025). French overseas
 * departments and territories, Monaco aside, use FR IBANs; Åland uses FI; the Channel Islands
 * and the Isle of Man use GB.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze({
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
});

/** The outcome of checking an IBAN: the electronic form and its country, or why not. */
export type IbanCheck = { ok: true; iban: string; country: string } | { ok: false; reason: string };

/** Upper case, separators and an "IBAN" label removed: how a person's typing becomes the electronic form. */
export function electronicIban(raw: string): string {
  return raw
    .replace(/[\s\u00a0\u2007\u202f-]+/g, '')
    .toUpperCase()
    .replace(/^IBAN:?/, '');
}

/** Validates an IBAN and returns it in electronic form. */
export function checkIban(raw: unknown): IbanCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'must be a string such as "DE89 3704 0044 0532 0130 00"' };
  const iban = electronicIban(raw);
  if (iban === '') return { ok: false, reason: 'must not be empty' };
  const bad = /[^A-Z0-9]/.exec(iban);
  if (bad) return { ok: false, reason: `may contain only letters, digits and spaces; found '${bad[0]}'` };
  const country = iban.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(country)) return { ok: false, reason: 'must start with the two-letter country code of the account, such as DE or CH' };
  const length = IBAN_LENGTHS[country];
  if (length === undefined) return { ok: false, reason: `'${country}' (${countryName(country)}) does not issue IBANs; check the first two letters` };
  const check = iban.slice(2, 4);
  if (!/^\d\d$/.test(check)) return { ok: false, reason: 'characters 3 and 4 must be the two check digits' };
  if (iban.length !== length) {
    return { ok: false, reason: `an IBAN from ${countryName(country)} has ${length} characters; this one has ${iban.length} (a character is missing or extra)` };
  }
  // 00, 01 and 99 never come out of the check-digit computation, but 99 ≡ 02 and 00/01 ≡ 97/98 mod 97.
  if (check === '00' || check === '01' || check === '99' || mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) {
    return { ok: false, reason: 'has wrong check digits: a character is mistyped or two are swapped' };
  }
  return { ok: true, iban, country };
}

/** The check digits for a country code and BBAN (for building test IBANs and fixtures). */
export function ibanCheckDigits(country: string, bban: string): string {
  return mod97CheckDigits(bban, country);
}

/** Paper form: groups of four separated by spaces ("CH44 3199 9123 0008 8901 2"). */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The first and last institution identifiers (IID) of Swiss and Liechtenstein QR-IBANs. */
export const QR_IID_RANGE = { min: 30000, max: 31999 } as const;

/** True for a CH/LI IBAN (electronic form) whose IID (characters 5–9) is in the QR-IID range 30000–31999. */
export function isQrIban(iban: string): boolean {
  if (!/^(CH|LI)\d{7}/.test(iban)) return false;
  const iid = Number(iban.slice(4, 9));
  return iid >= QR_IID_RANGE.min && iid <= QR_IID_RANGE.max;
}

/** The outcome of checking a QR-IBAN. */
export type QrIbanCheck = IbanCheck;

/** Validates an IBAN that must be a Swiss or Liechtenstein QR-IBAN. */
export function checkQrIban(raw: unknown): QrIbanCheck {
  const checked = checkIban(raw);
  if (!checked.ok) return checked;
  if (checked.country !== 'CH' && checked.country !== 'LI') return { ok: false, reason: `a QR-IBAN is a Swiss or Liechtenstein IBAN (CH… or LI…); this one is from ${countryName(checked.country)}` };
  if (!isQrIban(checked.iban)) {
    return { ok: false, reason: `is not a QR-IBAN: its institution id ${checked.iban.slice(4, 9)} is outside ${QR_IID_RANGE.min}–${QR_IID_RANGE.max}; ask your bank for the QR-IBAN of the account` };
  }
  return checked;
}
