// A merchant's payment profile: the payee details of each scheme the merchant accepts, checked
// field by field so one PUT answers with every problem at once. Stored and returned in this
// normalised form (electronic IBAN, upper-case BIC, Pix key in BR Code form, lower-case VPA).

import { at, isObject } from './field-errors.ts';
import type { FieldError } from './field-errors.ts';
import { checkSepaPayee } from './schemes/epc.ts';
import type { SepaPayee } from './schemes/epc.ts';
import { checkPixPayee } from './schemes/pix.ts';
import type { PixPayee } from './schemes/pix.ts';
import { checkSwissQrPayee } from './schemes/swiss-qr.ts';
import type { SwissQrPayee } from './schemes/swiss-qr.ts';
import { checkUpiPayee } from './schemes/upi.ts';
import type { UpiPayee } from './schemes/upi.ts';

/** The payment schemes, by their API names. */
export const SCHEMES = ['sepa', 'swiss_qr', 'pix', 'upi'] as const;
export type Scheme = (typeof SCHEMES)[number];

/** Payee details per scheme; null where the merchant does not accept the scheme. */
export interface PayeeProfile {
  sepa: SepaPayee | null;
  swiss_qr: SwissQrPayee | null;
  pix: PixPayee | null;
  upi: UpiPayee | null;
}

/** The outcome of checking a profile. */
export type ProfileCheck = { ok: true; profile: PayeeProfile } | { ok: false; errors: FieldError[] };

/** Validates a whole profile (`{sepa?, swiss_qr?, pix?, upi?}`); absent or null schemes are not accepted. */
export function checkPayeeProfile(raw: unknown, prefix = ''): ProfileCheck {
  if (!isObject(raw)) return { ok: false, errors: [{ field: prefix || 'profile', reason: `must be an object with any of ${SCHEMES.join(', ')}` }] };
  const errors: FieldError[] = [];
  for (const key of Object.keys(raw)) {
    if (!(SCHEMES as readonly string[]).includes(key)) errors.push({ field: at(prefix, key), reason: `unknown scheme '${key}'; the schemes are ${SCHEMES.join(', ')}` });
  }
  const present = (k: Scheme): boolean => raw[k] !== undefined && raw[k] !== null;
  const profile: PayeeProfile = {
    sepa: present('sepa') ? checkSepaPayee(raw.sepa, at(prefix, 'sepa'), errors) : null,
    swiss_qr: present('swiss_qr') ? checkSwissQrPayee(raw.swiss_qr, at(prefix, 'swiss_qr'), errors) : null,
    pix: present('pix') ? checkPixPayee(raw.pix, at(prefix, 'pix'), errors) : null,
    upi: present('upi') ? checkUpiPayee(raw.upi, at(prefix, 'upi'), errors) : null,
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, profile };
}

/** The schemes a profile can take payments in. */
export function acceptedSchemes(profile: PayeeProfile): Scheme[] {
  return SCHEMES.filter((s) => profile[s] !== null);
}
