// Swiss QR-bill payment part: the Swiss Payments Code ("SPC") data of the Swiss Implementation
// Guidelines QR-bill (IG 2.3, data structure version 0200). Fixed line order, coding type 1
// (UTF-8 restricted to the Latin set), CR LF or LF between elements and none after the last, the
// "EPD" trailer, at most 997 characters; QR error correction level M with a 7 × 7 mm Swiss cross
// in the middle of the 46 × 46 mm code (see swiss-cross.ts).
//
// The reference rules: a QR-IBAN takes only a QR reference (QRR); any other IBAN takes an ISO
// 11649 creditor reference (SCOR) or none (NON).

import { checkQrReference, checkRf } from '../creditor-reference.ts';
import { checkSchemeAmount, minorToDecimal } from '../currency.ts';
import { SCHEME_CURRENCIES } from '../scheme-currencies.ts';
import { at, collect, isObject } from '../field-errors.ts';
import type { FieldError, PayloadResult } from '../field-errors.ts';
import { countryName } from '../countries.ts';
import { checkIban, isQrIban, QR_IID_RANGE } from '../iban.ts';
import { checkSwissAddress, partyLines, SWISS_ADDRESS_LIMITS } from '../swiss-address.ts';
import type { SwissAddress, SwissParty } from '../swiss-address.ts';
import { checkOptionalText, checkText } from '../text.ts';

/** The limits the Swiss IG QR-bill sets. */
export const SWISS_QR_LIMITS = {
  maxCharacters: 997,
  message: 140,
  alternativeScheme: 100,
  alternativeSchemes: 2,
  amount: { min: 1, max: 99_999_999_999 },
} as const;

/** The currencies a QR-bill carries. */
export const SWISS_QR_CURRENCIES = SCHEME_CURRENCIES.swiss_qr;

/** The creditor of a QR-bill, validated: a CH/LI IBAN (QR-IBAN or not), name and address. */
export interface SwissQrPayee {
  name: string;
  iban: string;
  /** True when the IBAN is a QR-IBAN: payments then carry a QR reference, otherwise an RF one. */
  qr_iban: boolean;
  address: SwissAddress;
}

/** Validates a party (name + address) under `prefix`. */
function checkParty(raw: unknown, prefix: string, errors: FieldError[], allowCombined: boolean): SwissParty | null {
  if (!isObject(raw)) {
    errors.push({ field: prefix, reason: 'must be an object {name, address}' });
    return null;
  }
  const name = collect(errors, at(prefix, 'name'), checkText(raw.name, { max: SWISS_ADDRESS_LIMITS.name, charset: 'swiss' }));
  const address = checkSwissAddress(raw.address, at(prefix, 'address'), errors, { allowCombined });
  return name && address ? { name: name.text, address } : null;
}

/** Validates a QR-bill creditor under `prefix`: the IBAN must be Swiss or Liechtenstein. */
export function checkSwissQrPayee(raw: unknown, prefix: string, errors: FieldError[], options: { allowCombined?: boolean } = {}): SwissQrPayee | null {
  const before = errors.length;
  const party = checkParty(raw, prefix, errors, options.allowCombined ?? false);
  if (!isObject(raw)) return null;
  const iban = collect(errors, at(prefix, 'iban'), checkIban(raw.iban));
  if (iban && iban.country !== 'CH' && iban.country !== 'LI') {
    errors.push({ field: at(prefix, 'iban'), reason: `a Swiss QR-bill pays into a Swiss or Liechtenstein account (CH… or LI…); this IBAN is from ${countryName(iban.country)}` });
  }
  if (errors.length > before || !party || !iban) return null;
  return { name: party.name, iban: iban.iban, qr_iban: isQrIban(iban.iban), address: party.address };
}

/** What a Swiss QR-bill carries. */
export interface SwissQrInput {
  payee: unknown;
  amountMinor: number;
  currency: string;
  /** A QR reference (with a QR-IBAN) or an RF creditor reference (with any other IBAN); none → NON. */
  reference?: string | null;
  /** Unstructured message (Ustrd). */
  message?: string | null;
  /** Structured bill information (StrdBkgInf, starts with //); shares the 140 characters with the message. */
  billInformation?: string | null;
  /** Up to two alternative procedures (AltPmt). */
  alternativeSchemes?: string[];
  /** The ultimate debtor (name and address), when known. */
  debtor?: unknown;
  /** Element separator; the spec allows both. */
  lineEnding?: '\n' | '\r\n';
  /** Accept combined (K) addresses, which banks refuse since November 2025. */
  allowCombinedAddress?: boolean;
}

type ReferenceLines = { type: 'QRR' | 'SCOR' | 'NON'; reference: string };

function checkReference(iban: string, raw: string | null | undefined, errors: FieldError[]): ReferenceLines | null {
  const given = raw?.trim() ? raw.trim() : null;
  const compact = given?.replace(/\s+/g, '') ?? '';
  if (isQrIban(iban)) {
    if (!given) {
      errors.push({ field: 'reference', reason: 'a QR-IBAN requires a QR reference (27 digits)' });
      return null;
    }
    if (/^rf/i.test(compact)) {
      errors.push({ field: 'reference', reason: 'a QR-IBAN takes a QR reference (27 digits) only, not an RF creditor reference (SCOR); use the account’s normal IBAN for RF references' });
      return null;
    }
    const qrr = collect(errors, 'reference', checkQrReference(given));
    return qrr ? { type: 'QRR', reference: qrr.reference } : null;
  }
  if (!given) return { type: 'NON', reference: '' };
  if (/^\d+$/.test(compact)) {
    errors.push({
      field: 'reference',
      reason: `a QR reference (digits only) needs a QR-IBAN (institution id ${QR_IID_RANGE.min}–${QR_IID_RANGE.max}); with this IBAN use an RF creditor reference or none`,
    });
    return null;
  }
  const scor = collect(errors, 'reference', checkRf(given));
  return scor ? { type: 'SCOR', reference: scor.reference } : null;
}

/** Builds the SPC payload, or says why the bill cannot be expressed as one. */
export function buildSwissQrPayload(input: SwissQrInput): PayloadResult {
  const errors: FieldError[] = [];
  const allowCombined = input.allowCombinedAddress ?? false;
  const amount = checkSchemeAmount(errors, input, {
    currencies: SWISS_QR_CURRENCIES,
    bounds: SWISS_QR_LIMITS.amount,
    refuse: (code) => `a Swiss QR-bill carries CHF or EUR only; ${code} cannot be paid with one`,
  });
  const payee = checkSwissQrPayee(input.payee, 'payee', errors, { allowCombined });
  const debtor = input.debtor ? checkParty(input.debtor, 'debtor', errors, allowCombined) : null;
  const reference = payee ? checkReference(payee.iban, input.reference, errors) : null;
  const message = collect(errors, 'message', checkOptionalText(input.message, { max: SWISS_QR_LIMITS.message, charset: 'swiss' }));
  const billInfo = collect(errors, 'bill_information', checkOptionalText(input.billInformation, { max: SWISS_QR_LIMITS.message, charset: 'swiss' }));
  if (billInfo?.text && !billInfo.text.startsWith('//')) errors.push({ field: 'bill_information', reason: 'structured bill information starts with // (e.g. //S1/10/10201409/11/190512)' });
  if (message && billInfo && (message.text?.length ?? 0) + (billInfo.text?.length ?? 0) > SWISS_QR_LIMITS.message) {
    errors.push({ field: 'message', reason: `the message and the bill information together may have at most ${SWISS_QR_LIMITS.message} characters` });
  }
  const alternatives = input.alternativeSchemes ?? [];
  if (alternatives.length > SWISS_QR_LIMITS.alternativeSchemes) errors.push({ field: 'alternative_schemes', reason: `at most ${SWISS_QR_LIMITS.alternativeSchemes} alternative procedures` });
  const altTexts = alternatives.map((a, i) => collect(errors, `alternative_schemes[${i}]`, checkText(a, { max: SWISS_QR_LIMITS.alternativeScheme, charset: 'swiss' }))?.text ?? '');
  if (errors.length > 0 || !amount || !payee || !reference) return { ok: false, errors };

  const lines = [
    'SPC',
    '0200',
    '1',
    payee.iban,
    ...partyLines(payee),
    '',
    '',
    '',
    '',
    '',
    '',
    '', // ultimate creditor: reserved for future use, must stay empty
    minorToDecimal(amount.minor, amount.currency),
    amount.currency.code,
    ...(debtor ? partyLines(debtor) : ['', '', '', '', '', '', '']),
    reference.type,
    reference.reference,
    message?.text ?? '',
    'EPD',
  ];
  if (billInfo?.text || altTexts.length > 0) lines.push(billInfo?.text ?? '');
  lines.push(...altTexts);
  const payload = lines.join(input.lineEnding ?? '\n');
  if (payload.length > SWISS_QR_LIMITS.maxCharacters) {
    return {
      ok: false,
      errors: [
        {
          field: 'payload',
          reason: `the QR-bill data would have ${payload.length} characters; the Swiss IG allows at most ${SWISS_QR_LIMITS.maxCharacters}: shorten the message or the alternative procedures`,
        },
      ],
    };
  }
  return { ok: true, payload, ecc: 'M' };
}
