// Pix BR Codes: EMVCo QR Code Specification for Payment Systems, Merchant-Presented Mode
// (EMV MPM 1.1), as profiled by the Banco Central do Brasil's "Manual de Padrões para Iniciação
// do Pix" for static codes: merchant account template 26 with GUI br.gov.bcb.pix and the key,
// MCC, currency 986, amount, country BR, name (≤ 25) and city (≤ 15) in ASCII, the txid in
// additional data field 62-05, and a CRC-16/CCITT-FALSE in field 63 over everything before it.

import { checkPixTxid } from '../creditor-reference.ts';
import { checkSchemeAmount, minorToDecimal } from '../currency.ts';
import { SCHEME_CURRENCIES } from '../scheme-currencies.ts';
import { at, collect, isObject } from '../field-errors.ts';
import type { FieldError, PayloadResult } from '../field-errors.ts';
import { checkPixKey, PIX_KEY_TYPES } from '../pix-key.ts';
import type { PixKeyType } from '../pix-key.ts';
import { checkOptionalText, checkText } from '../text.ts';
import { tlv, withCrc } from './emv-tlv.ts';

/** GUI of the Pix arrangement in merchant account template 26. */
export const PIX_GUI = 'br.gov.bcb.pix';

/** The limits of the BR Code. */
export const PIX_LIMITS = {
  merchantName: 25,
  merchantCity: 15,
  /** Template 26 holds at most 99 characters (EMV), which bounds the description. */
  merchantAccountTemplate: 99,
  /** Field 54 holds at most 13 characters: 9999999999.99. */
  amount: { min: 1, max: 999_999_999_999 },
} as const;

/** A Pix payee, validated: the key in BR Code form and its type, the merchant name and city in ASCII. */
export interface PixPayee {
  key: string;
  key_type: PixKeyType;
  merchant_name: string;
  city: string;
}

/** Validates a Pix payee under `prefix`; `key_type` is optional (recognised from the key's shape). */
export function checkPixPayee(raw: unknown, prefix: string, errors: FieldError[]): PixPayee | null {
  if (!isObject(raw)) {
    errors.push({ field: prefix || 'payee', reason: 'must be an object {key, key_type?, merchant_name, city}' });
    return null;
  }
  const before = errors.length;
  let keyType: PixKeyType | undefined;
  if (raw.key_type !== undefined && raw.key_type !== null) {
    if (typeof raw.key_type === 'string' && (PIX_KEY_TYPES as readonly string[]).includes(raw.key_type)) keyType = raw.key_type as PixKeyType;
    else errors.push({ field: at(prefix, 'key_type'), reason: `must be one of ${PIX_KEY_TYPES.join(', ')}` });
  }
  const key = collect(errors, at(prefix, 'key'), checkPixKey(raw.key, keyType));
  const name = collect(errors, at(prefix, 'merchant_name'), checkText(raw.merchant_name, { max: PIX_LIMITS.merchantName, charset: 'ascii' }));
  const city = collect(errors, at(prefix, 'city'), checkText(raw.city, { max: PIX_LIMITS.merchantCity, charset: 'ascii' }));
  if (errors.length > before || !key || !name || !city) return null;
  return { key: key.key, key_type: key.type, merchant_name: name.text, city: city.text };
}

/** What a Pix BR Code carries. */
export interface PixInput {
  payee: unknown;
  amountMinor: number;
  currency: string;
  txid: string;
  /** Shown by the payer's app (template 26, field 02). */
  description?: string | null;
  /** Merchant category code (ISO 18245); "0000" when not given, as the BCB manual says. */
  mcc?: string | null;
  /** Brazilian postcode (CEP, 8 digits), field 61. */
  postalCode?: string | null;
  /** Point of initiation 12 (one payment, the default) or 11 (the code may be paid repeatedly). */
  reusable?: boolean;
}

/** Builds the Pix "copia e cola" string, or says why the payment cannot be expressed as one. */
export function buildPixPayload(input: PixInput): PayloadResult {
  const errors: FieldError[] = [];
  const amount = checkSchemeAmount(errors, input, {
    currencies: SCHEME_CURRENCIES.pix,
    bounds: PIX_LIMITS.amount,
    refuse: (code) => `Pix pays Brazilian reais (BRL) only; ${code} cannot be paid with a Pix code`,
  });
  const payee = checkPixPayee(input.payee, 'payee', errors);
  const txid = collect(errors, 'txid', checkPixTxid(input.txid));
  const description = collect(errors, 'description', checkOptionalText(input.description, { max: PIX_LIMITS.merchantAccountTemplate, charset: 'ascii' }));
  const mcc = input.mcc?.trim() || '0000';
  if (!/^\d{4}$/.test(mcc)) errors.push({ field: 'mcc', reason: 'a merchant category code has four digits (ISO 18245), e.g. 5812' });
  const postal = input.postalCode?.replace(/[\s-]/g, '') ?? '';
  if (postal && !/^\d{8}$/.test(postal)) errors.push({ field: 'postal_code', reason: 'a CEP has 8 digits, e.g. 01310-100' });
  if (payee && description?.text) {
    const room = PIX_LIMITS.merchantAccountTemplate - tlv('00', PIX_GUI).length - tlv('01', payee.key).length - 4;
    if (description.text.length > room) {
      errors.push({
        field: 'description',
        reason: `with this Pix key the description may have at most ${Math.max(0, room)} characters (the merchant account field holds 99); this one has ${description.text.length}`,
      });
    }
  }
  if (errors.length > 0 || !amount || !payee || !txid) return { ok: false, errors };

  const account = tlv('00', PIX_GUI) + tlv('01', payee.key) + (description?.text ? tlv('02', description.text) : '');
  const payload =
    tlv('00', '01') +
    tlv('01', input.reusable ? '11' : '12') +
    tlv('26', account) +
    tlv('52', mcc) +
    tlv('53', amount.currency.numeric) +
    tlv('54', minorToDecimal(amount.minor, amount.currency)) +
    tlv('58', 'BR') +
    tlv('59', payee.merchant_name) +
    tlv('60', payee.city) +
    (postal ? tlv('61', postal) : '') +
    tlv('62', tlv('05', txid.reference));
  return { ok: true, payload: withCrc(payload), ecc: 'M' };
}
