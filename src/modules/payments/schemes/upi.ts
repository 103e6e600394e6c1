// UPI payment links: NPCI "UPI Linking Specifications" (version 1.6), `upi://pay?` with the
// payee VPA (pa), payee name (pn), optional merchant code (mc), amount (am, two decimals),
// currency (cu, INR only), transaction reference (tr) and note (tn). Values are percent-encoded
// as RFC 3986 query components (a space is %20, never +, so every UPI app and the WHATWG URL
// parser read the same text back); "@" stays literal in the VPA, as NPCI's examples write it.

import { checkUpiTr } from '../creditor-reference.ts';
import { checkSchemeAmount, minorToDecimal } from '../currency.ts';
import { SCHEME_CURRENCIES } from '../scheme-currencies.ts';
import { at, collect, isObject } from '../field-errors.ts';
import type { FieldError, PayloadResult } from '../field-errors.ts';
import { checkOptionalText, checkText } from '../text.ts';
import { checkVpa } from '../vpa.ts';

/** Limits of the link's fields. */
export const UPI_LIMITS = {
  payeeName: 99,
  note: 50,
  /** ₹10,00,000: above NPCI's highest per-transaction limit no UPI app will pay. */
  amount: { min: 1, max: 100_000_000 },
} as const;

/** A UPI payee, validated: VPA (lower case), name, and merchant category code when it is a merchant VPA. */
export interface UpiPayee {
  vpa: string;
  payee_name: string;
  mcc: string | null;
}

/** Validates a UPI payee under `prefix`. */
export function checkUpiPayee(raw: unknown, prefix: string, errors: FieldError[]): UpiPayee | null {
  if (!isObject(raw)) {
    errors.push({ field: prefix || 'payee', reason: 'must be an object {vpa, payee_name, mcc?}' });
    return null;
  }
  const before = errors.length;
  const vpa = collect(errors, at(prefix, 'vpa'), checkVpa(raw.vpa));
  const name = collect(errors, at(prefix, 'payee_name'), checkText(raw.payee_name, { max: UPI_LIMITS.payeeName, charset: 'unicode' }));
  const mcc = typeof raw.mcc === 'string' ? raw.mcc.trim() : raw.mcc === undefined || raw.mcc === null ? '' : String(raw.mcc);
  if (mcc && !/^\d{4}$/.test(mcc)) errors.push({ field: at(prefix, 'mcc'), reason: 'a merchant category code has four digits (ISO 18245), e.g. 5411' });
  if (errors.length > before || !vpa || !name) return null;
  return { vpa: vpa.vpa, payee_name: name.text, mcc: mcc || null };
}

/** What a UPI link carries. */
export interface UpiInput {
  payee: unknown;
  amountMinor: number;
  currency: string;
  /** Transaction reference (tr), echoed in the merchant's settlement. */
  reference: string;
  /** Transaction note (tn) shown to the payer. */
  note?: string | null;
}

/** Percent-encodes a query value per RFC 3986 (unreserved characters stay, everything else is %XX of UTF-8). */
export function encodeUpiValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Builds the `upi://pay?…` link, or says why the payment cannot be expressed as one. */
export function buildUpiPayload(input: UpiInput): PayloadResult {
  const errors: FieldError[] = [];
  const amount = checkSchemeAmount(errors, input, {
    currencies: SCHEME_CURRENCIES.upi,
    bounds: UPI_LIMITS.amount,
    refuse: (code) => `UPI pays Indian rupees (INR) only; ${code} cannot be paid with a UPI link`,
  });
  const payee = checkUpiPayee(input.payee, 'payee', errors);
  const tr = collect(errors, 'reference', checkUpiTr(input.reference));
  const note = collect(errors, 'note', checkOptionalText(input.note, { max: UPI_LIMITS.note, charset: 'unicode' }));
  if (errors.length > 0 || !amount || !payee || !tr) return { ok: false, errors };

  const params: [string, string][] = [
    ['pa', payee.vpa],
    ['pn', payee.payee_name],
  ];
  if (payee.mcc) params.push(['mc', payee.mcc]);
  params.push(['am', minorToDecimal(amount.minor, amount.currency)], ['cu', 'INR'], ['tr', tr.reference]);
  if (note?.text) params.push(['tn', note.text]);
  const query = params.map(([k, v]) => `${k}=${k === 'pa' ? encodeUpiValue(v).replace(/%40/g, '@') : encodeUpiValue(v)}`).join('&');
  return { ok: true, payload: `upi://pay?${query}`, ecc: 'M' };
}
