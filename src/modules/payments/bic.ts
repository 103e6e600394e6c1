// BICs (ISO 9362): 4 institution characters, the ISO 3166 country, 2 location characters and an
// optional 3-character branch. Accepted in any case, with spaces; returned upper case.

import { COUNTRY_CODES } from './countries.ts';

/** The outcome of checking a BIC. */
export type BicCheck = { ok: true; bic: string } | { ok: false; reason: string };

/** Validates a BIC (8 or 11 characters). */
export function checkBic(raw: unknown): BicCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'must be a string such as "COBADEFFXXX"' };
  const bic = raw.replace(/\s+/g, '').toUpperCase();
  if (bic === '') return { ok: false, reason: 'must not be empty' };
  if (bic.length !== 8 && bic.length !== 11) return { ok: false, reason: `must have 8 or 11 characters; this one has ${bic.length}` };
  const bad = /[^A-Z0-9]/.exec(bic);
  if (bad) return { ok: false, reason: `may contain only letters and digits; found '${bad[0]}'` };
  const country = bic.slice(4, 6);
  if (!/^[A-Z]{2}$/.test(country) || !COUNTRY_CODES.has(country)) {
    return { ok: false, reason: `characters 5 and 6 must be the bank's ISO 3166 country code; '${country}' is not one` };
  }
  // A location whose second character is 0 marks a test-and-training BIC: no real payment reaches it.
  if (bic[7] === '0') return { ok: false, reason: `${bic.slice(0, 8)} is a test BIC (its 8th character is 0) and cannot receive payments` };
  if (bic[7] === 'O') return { ok: false, reason: 'the 8th character may not be the letter O (ISO 9362 reserves it); did you mean the digit 0?' };
  const branch = bic.slice(8);
  if (branch.startsWith('X') && branch !== 'XXX') return { ok: false, reason: `branch code '${branch}' is invalid: only XXX may start with X` };
  return { ok: true, bic };
}
