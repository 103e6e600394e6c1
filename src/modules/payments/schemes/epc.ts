// EPC QR codes for SEPA credit transfers: EPC069-12 "Quick Response Code: Guidelines to Enable
// Data Capture for the Initiation of a SEPA Credit Transfer", version 002 of the data format
// (001 on request, for payees whose bank needs the BIC). Twelve fields, one per line, in fixed
// order; trailing empty fields are left out; at most 331 bytes; QR error correction level M.

import { checkBic } from '../bic.ts';
import { countryName } from '../countries.ts';
import { checkRf } from '../creditor-reference.ts';
import { checkSchemeAmount, minorToDecimal } from '../currency.ts';
import { SCHEME_CURRENCIES } from '../scheme-currencies.ts';
import { at, collect, isObject } from '../field-errors.ts';
import type { FieldError, PayloadResult } from '../field-errors.ts';
import { checkIban, isQrIban } from '../iban.ts';
import { checkOptionalText, checkText, utf8Length } from '../text.ts';
import { EEA_COUNTRIES, SEPA_COUNTRIES } from './sepa-area.ts';

/** The limits EPC069-12 sets. */
export const EPC_LIMITS = {
  maxBytes: 331,
  name: 70,
  remittance: 140,
  information: 70,
  amount: { min: 1, max: 99_999_999_999 },
} as const;

/** The payee of a SEPA credit transfer, validated: name, IBAN (electronic form) and BIC when given. */
export interface SepaPayee {
  name: string;
  iban: string;
  bic: string | null;
}

/** Validates a SEPA payee under `prefix` (errors as `prefix.iban` …): an IBAN in a SEPA country and not a Swiss QR-IBAN, a BIC where the payee is outside the EEA. */
export function checkSepaPayee(raw: unknown, prefix: string, errors: FieldError[], version: '001' | '002' = '002'): SepaPayee | null {
  if (!isObject(raw)) {
    errors.push({ field: prefix || 'payee', reason: 'must be an object {name, iban, bic?}' });
    return null;
  }
  const before = errors.length;
  const name = collect(errors, at(prefix, 'name'), checkText(raw.name, { max: EPC_LIMITS.name, charset: 'sepa' }));
  const iban = collect(errors, at(prefix, 'iban'), checkIban(raw.iban));
  if (iban && !SEPA_COUNTRIES.has(iban.country))
    errors.push({ field: at(prefix, 'iban'), reason: `a SEPA credit transfer reaches accounts in SEPA countries only; ${countryName(iban.country)} is outside SEPA` });
  // A QR-IBAN only receives QR-bill payments carrying a QR reference; a bank returns any other
  // transfer to it, so every EPC code issued to one would fail after the payer paid.
  if (iban && isQrIban(iban.iban))
    errors.push({
      field: at(prefix, 'iban'),
      reason: `is a Swiss QR-IBAN (institution id ${iban.iban.slice(4, 9)}), which takes only QR-bill payments with a QR reference; SEPA transfers to it are returned. Give the account's ordinary IBAN here (and the QR-IBAN in the swiss_qr payee)`,
    });
  const hasBic = raw.bic !== undefined && raw.bic !== null && raw.bic !== '';
  const bic = hasBic ? collect(errors, at(prefix, 'bic'), checkBic(raw.bic)) : null;
  if (!hasBic && version === '001') errors.push({ field: at(prefix, 'bic'), reason: 'EPC QR version 001 requires the BIC of the payee’s bank' });
  if (!hasBic && iban && SEPA_COUNTRIES.has(iban.country) && !EEA_COUNTRIES.has(iban.country)) {
    errors.push({ field: at(prefix, 'bic'), reason: `the BIC is required for an account outside the EEA (${countryName(iban.country)}), as EPC069-12 says` });
  }
  if (errors.length > before || !name || !iban) return null;
  return { name: name.text, iban: iban.iban, bic: bic?.bic ?? null };
}

/** What an EPC QR code carries. */
export interface EpcInput {
  payee: unknown;
  amountMinor: number;
  currency: string;
  /** Structured remittance: an ISO 11649 creditor reference. */
  reference?: string | null;
  /** Unstructured remittance text; EPC069-12 allows it only when there is no structured reference. */
  remittance?: string | null;
  /** ISO 20022 purpose code (AT-44), e.g. GDDS or CHAR. */
  purpose?: string | null;
  /** "Beneficiary to originator information": a note the payer's app shows. */
  information?: string | null;
  version?: '001' | '002';
}

/** Builds the EPC069-12 payload, or says why the transfer cannot be expressed as one. */
export function buildEpcPayload(input: EpcInput): PayloadResult {
  const errors: FieldError[] = [];
  const version = input.version ?? '002';
  const amount = checkSchemeAmount(errors, input, {
    currencies: SCHEME_CURRENCIES.sepa,
    bounds: EPC_LIMITS.amount,
    refuse: (code) => `an EPC QR code (SEPA credit transfer) carries euros only; ${code} cannot be paid with one${code === 'CHF' ? ' — use the swiss_qr scheme for CHF' : ''}`,
  });
  const payee = checkSepaPayee(input.payee, 'payee', errors, version);
  const reference = input.reference ? collect(errors, 'reference', checkRf(input.reference)) : null;
  const remittance = collect(errors, 'remittance', checkOptionalText(input.remittance, { max: EPC_LIMITS.remittance, charset: 'sepa' }));
  if (reference && remittance?.text) errors.push({ field: 'remittance', reason: 'EPC069-12 carries either a structured creditor reference or unstructured remittance text, not both' });
  const information = collect(errors, 'information', checkOptionalText(input.information, { max: EPC_LIMITS.information, charset: 'sepa' }));
  const purpose = input.purpose ? input.purpose.trim().toUpperCase() : '';
  if (purpose && !/^[A-Z]{4}$/.test(purpose)) errors.push({ field: 'purpose', reason: 'must be a four-letter ISO 20022 purpose code such as GDDS or CHAR' });
  if (errors.length > 0 || !amount || !payee) return { ok: false, errors };

  const lines = [
    'BCD',
    version,
    '1', // character set 1: UTF-8
    'SCT',
    payee.bic ?? '',
    payee.name,
    payee.iban,
    `EUR${minorToDecimal(amount.minor, amount.currency, true)}`,
    purpose,
    reference?.reference ?? '',
    remittance?.text ?? '',
    information?.text ?? '',
  ];
  while (lines[lines.length - 1] === '') lines.pop();
  const payload = lines.join('\n');
  const bytes = utf8Length(payload);
  if (bytes > EPC_LIMITS.maxBytes) {
    return {
      ok: false,
      errors: [{ field: 'payload', reason: `the EPC QR payload would be ${bytes} bytes; EPC069-12 allows at most ${EPC_LIMITS.maxBytes}: shorten the name, the remittance text or the note` }],
    };
  }
  return { ok: true, payload, ecc: 'M' };
}
