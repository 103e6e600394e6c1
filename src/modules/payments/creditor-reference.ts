// Structured creditor references: what a payer's bank carries back to the payee so the credit
// can be matched to its payment. ISO 11649 "RF" references (SEPA, and SCOR in Swiss QR-bills),
// Swiss QR references (27 digits with a recursive mod-10 check, only with a QR-IBAN), Pix txids
// and UPI transaction references. Every reference Tessera generates is upper case letters and
// digits, so matching can ignore case and spacing without two references ever colliding.

import { randomString } from '../../ids.ts';
import { mod97, mod97CheckDigits } from './iso7064.ts';
import { transliterate } from './text.ts';

/** A reference with the form it is written in for people (spaces in groups) and for machines. */
export type ReferenceCheck = { ok: true; reference: string } | { ok: false; reason: string };

/** Longest RF reference body (the part after "RFnn"), and whole reference. */
export const RF_MAX_BODY = 21;
/** Digits of a Swiss QR reference, check digit included. */
export const QR_REFERENCE_LENGTH = 27;
/** Longest txid a static Pix BR Code carries (Manual de Padrões para Iniciação do Pix, field 62-05). */
export const PIX_TXID_MAX = 25;
/** Longest UPI transaction reference (`tr`). */
export const UPI_TR_MAX = 35;

const ALPHANUMERIC = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I or O: references get read aloud and retyped
const DIGITS = '0123456789';

/** Draws `length` characters from `alphabet`; injectable so tests can be deterministic. */
export type RandomSource = (length: number, alphabet: string) => string;

const compact = (raw: string): string => raw.replace(/[\s\u00a0]+/g, '').toUpperCase();

// ---- ISO 11649 (RF) ----

/** The RF reference for a body of 1–21 letters/digits: "RF" + two check digits + body. */
export function rfFromBody(body: string): string {
  const b = compact(body);
  if (!/^[A-Z0-9]{1,21}$/.test(b)) throw new RangeError(`an RF reference body is 1–${RF_MAX_BODY} letters or digits; got '${body}'`);
  return `RF${mod97CheckDigits(b, 'RF')}${b}`;
}

/** Validates an ISO 11649 creditor reference ("RF18 5390 0754 7034" or electronic form). */
export function checkRf(raw: unknown): ReferenceCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'must be a string such as "RF18 5390 0754 7034"' };
  const ref = compact(raw);
  if (!ref.startsWith('RF')) return { ok: false, reason: 'an ISO 11649 creditor reference starts with RF' };
  if (!/^RF\d\d/.test(ref)) return { ok: false, reason: 'RF must be followed by two check digits' };
  const body = ref.slice(4);
  if (body === '' || body.length > RF_MAX_BODY) return { ok: false, reason: `has ${ref.length} characters; an RF reference has 5 to ${RF_MAX_BODY + 4}` };
  const bad = /[^A-Z0-9]/.exec(body);
  if (bad) return { ok: false, reason: `may contain only letters and digits after RFnn; found '${bad[0]}'` };
  if (mod97(body + ref.slice(0, 4)) !== 1) return { ok: false, reason: 'has wrong check digits: a character is mistyped or two are swapped' };
  return { ok: true, reference: ref };
}

/** Paper form of an RF reference: groups of four ("RF18 5390 0754 7034"). */
export function formatRf(ref: string): string {
  return ref.replace(/(.{4})(?=.)/g, '$1 ');
}

// ---- Swiss QR reference ----

const MOD10_TABLE = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];

/** The recursive mod-10 check digit (Swiss IG QR-bill, annex B) of a string of digits. */
export function mod10RecursiveCheckDigit(digits: string): string {
  let carry = 0;
  for (let i = 0; i < digits.length; i++) carry = MOD10_TABLE[(carry + digits.charCodeAt(i) - 48) % 10]!;
  return String((10 - carry) % 10);
}

/** The QR reference for up to 26 digits: left-padded with zeros to 26, then the check digit. */
export function qrReferenceFromDigits(digits: string): string {
  const d = compact(digits);
  if (!/^\d{1,26}$/.test(d)) throw new RangeError(`a QR reference is built from 1–26 digits; got '${digits}'`);
  const body = d.padStart(26, '0');
  return body + mod10RecursiveCheckDigit(body);
}

/** Validates a Swiss QR reference (27 digits, the last a recursive mod-10 check digit). */
export function checkQrReference(raw: unknown): ReferenceCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'must be a string of 27 digits such as "21 00000 00003 13947 14300 09017"' };
  const ref = compact(raw);
  const bad = /\D/.exec(ref);
  if (bad) return { ok: false, reason: `a QR reference has digits only; found '${bad[0]}'` };
  if (ref.length !== QR_REFERENCE_LENGTH) return { ok: false, reason: `a QR reference has ${QR_REFERENCE_LENGTH} digits; this one has ${ref.length}` };
  if (/^0+$/.test(ref)) return { ok: false, reason: 'a QR reference must not be all zeros' };
  if (mod10RecursiveCheckDigit(ref.slice(0, 26)) !== ref[26]) return { ok: false, reason: 'has a wrong check digit (the last digit): a digit is mistyped or two are swapped' };
  return { ok: true, reference: ref };
}

/** Paper form of a QR reference: 2 digits, then groups of five ("21 00000 00003 13947 14300 09017"). */
export function formatQrReference(ref: string): string {
  return `${ref.slice(0, 2)} ${ref.slice(2).replace(/(.{5})(?=.)/g, '$1 ')}`;
}

// ---- Pix txid and UPI tr ----

/** Validates a Pix txid for a static BR Code: 1–25 letters or digits. */
export function checkPixTxid(raw: unknown): ReferenceCheck {
  if (typeof raw !== 'string' || raw === '') return { ok: false, reason: `must be 1–${PIX_TXID_MAX} letters or digits` };
  const bad = /[^A-Za-z0-9]/.exec(raw);
  if (bad) return { ok: false, reason: `a Pix txid may contain only letters and digits (BCB rules); found '${bad[0]}'` };
  if (raw.length > PIX_TXID_MAX) return { ok: false, reason: `a Pix txid in a static BR Code has at most ${PIX_TXID_MAX} characters; this one has ${raw.length}` };
  return { ok: true, reference: raw };
}

/** Validates a UPI transaction reference (`tr`): 1–35 letters or digits. */
export function checkUpiTr(raw: unknown): ReferenceCheck {
  if (typeof raw !== 'string' || raw === '') return { ok: false, reason: `must be 1–${UPI_TR_MAX} letters or digits` };
  const bad = /[^A-Za-z0-9]/.exec(raw);
  if (bad) return { ok: false, reason: `a UPI transaction reference may contain only letters and digits; found '${bad[0]}'` };
  if (raw.length > UPI_TR_MAX) return { ok: false, reason: `a UPI transaction reference has at most ${UPI_TR_MAX} characters; this one has ${raw.length}` };
  return { ok: true, reference: raw };
}

// ---- the merchant's own reference ----

/** A structured reference the merchant already has (from its ERP or invoicing), checked. */
export interface OwnReference {
  form: 'rf' | 'qr';
  check: ReferenceCheck;
}

// Shapes that are meant as a structured reference rather than an order id: RF and two digits then
// only letters and digits, or exactly 27 digits. Only spaces are ignored: "RF-2024-01" keeps its
// hyphen and so stays an order id.
const RF_SHAPED = /^RF\d\d[A-Z0-9]{1,21}$/;
const QR_SHAPED = /^\d{27}$/;

/**
 * The order id read as the merchant's own structured reference (spaces ignored, any case), or
 * null when it is an ordinary order id. Billers create QR and RF references in their ERP, which
 * matches the bank's reporting against them, so such a reference is used as it is, never replaced;
 * a mistyped one has to be refused, not silently turned into another.
 */
export function readOwnReference(orderReference: string): OwnReference | null {
  const ref = compact(orderReference);
  if (RF_SHAPED.test(ref)) return { form: 'rf', check: checkRf(ref) };
  if (QR_SHAPED.test(ref)) return { form: 'qr', check: checkQrReference(ref) };
  return null;
}

// ---- generation ----

/** The kinds of structured reference a payment can carry. */
export type CreditorReferenceKind = 'rf' | 'qr' | 'pix_txid' | 'upi_tr';

/** Options for {@link newCreditorReference}. */
export interface NewReferenceOptions {
  /** The merchant's order id; used as the reference body when it fits the kind's rules. */
  orderReference?: string | null;
  /** Ignore the order id (e.g. another pending payment already carries it). */
  forceRandom?: boolean;
  random?: RandomSource;
}

/**
 * Shortest order-derived Pix txid or UPI tr: these carry no check digits, and a bank statement's
 * free text is searched for them word by word, so a short one ("42") would match by accident.
 */
export const MIN_UNCHECKED_REFERENCE = 6;

/**
 * A fresh reference of `kind`. The merchant's order id becomes the body when, transliterated and
 * reduced to its letters and digits (upper case), it fits (so "ORD-2024-0042" reads back from the statement as
 * RF…ORD20240042); otherwise, or with `forceRandom`, a random body: 16 characters (≈ 81 bits) for
 * RF, 26 digits for QR, 25 characters for a Pix txid and 20 for a UPI tr.
 */
export function newCreditorReference(kind: CreditorReferenceKind, options: NewReferenceOptions = {}): string {
  const random = options.random ?? randomString;
  // Accented letters keep their base letter ("Ünïcødé" → "UNICODE") instead of vanishing.
  const order =
    options.forceRandom || !options.orderReference
      ? ''
      : transliterate(options.orderReference)
          .replace(/[^A-Za-z0-9]/g, '')
          .toUpperCase();
  switch (kind) {
    case 'rf':
      return rfFromBody(order.length >= 1 && order.length <= RF_MAX_BODY ? order : random(16, ALPHANUMERIC));
    case 'qr':
      return qrReferenceFromDigits(/^\d{1,26}$/.test(order) && !/^0+$/.test(order) ? order : nonZero(random(26, DIGITS)));
    case 'pix_txid':
      return order.length >= MIN_UNCHECKED_REFERENCE && order.length <= PIX_TXID_MAX ? order : random(PIX_TXID_MAX, ALPHANUMERIC);
    case 'upi_tr':
      return order.length >= MIN_UNCHECKED_REFERENCE && order.length <= UPI_TR_MAX ? order : random(20, ALPHANUMERIC);
  }
}

// An all-zero body would make the (refused) all-zero reference; one in 10^26, but cheap to rule out.
const nonZero = (digits: string): string => (/^0+$/.test(digits) ? `${digits.slice(0, -1)}1` : digits);

/** The form references are compared in: letters and digits only, upper case. */
export function normalizeReference(raw: string): string {
  return raw.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}
