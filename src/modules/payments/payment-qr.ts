// From a payment request to the string its QR code encodes: picks the scheme's builder, feeds it
// the merchant's payee details, the amount and the structured reference, and maps the
// builder's field names back onto the request's (description, amount, currency) and the
// profile's (profile.sepa.iban …), so phase-2 handlers pass the errors straight to problem+json.

import type { Ecc } from '../../qr/index.ts';
import { formatQrReference, formatRf, newCreditorReference, readOwnReference } from './creditor-reference.ts';
import type { CreditorReferenceKind, NewReferenceOptions } from './creditor-reference.ts';
import type { FieldError } from './field-errors.ts';
import type { PayeeProfile, Scheme } from './payee-profile.ts';
import { buildEpcPayload } from './schemes/epc.ts';
import { buildPixPayload } from './schemes/pix.ts';
import { buildSwissQrPayload } from './schemes/swiss-qr.ts';
import { buildUpiPayload } from './schemes/upi.ts';
import { swissQrDesign } from './swiss-cross.ts';

/** The specification each scheme's payload follows. */
export const SCHEME_SPECIFICATIONS: Readonly<Record<Scheme, string>> = Object.freeze({
  sepa: 'EPC069-12, EPC QR code data format version 002 (SEPA credit transfer)',
  swiss_qr: 'Swiss Implementation Guidelines QR-bill 2.3, Swiss Payments Code version 0200',
  pix: 'EMVCo Merchant-Presented Mode 1.1 as profiled by the BCB Manual de Padrões para Iniciação do Pix',
  upi: 'NPCI UPI Linking Specifications 1.6 (upi://pay)',
});

/** A reference issued for a payment: electronic form (stored, matched), paper form (shown), and its type. */
export interface IssuedReference {
  kind: CreditorReferenceKind;
  /** RF (SEPA), QRR or SCOR (Swiss QR-bill), TXID (Pix), TR (UPI). */
  type: 'RF' | 'QRR' | 'SCOR' | 'TXID' | 'TR';
  value: string;
  display: string;
  /** True when it is the merchant's own reference (sent as `reference`), which is never replaced by another. */
  own?: true;
}

type Issued = { ok: true; reference: IssuedReference } | { ok: false; errors: FieldError[] };

/**
 * The merchant's own RF or QR reference, when the order id is one: a reference that passes its
 * check, of the form the scheme and account carry (RF, or a Swiss QR reference for a QR-IBAN), is
 * used as it is. Anything else stays an order id that a reference is made from, as it always was:
 * order ids such as "RF1001" or 27-digit invoice numbers are common, and refusing them (as a
 * mistyped reference, or one of the other form) would break merchants who never meant one.
 * Null for an ordinary order id (and for Pix and UPI, which have no such form).
 */
function ownReference(scheme: Scheme, profile: PayeeProfile, orderReference: string | null | undefined): Issued | null {
  if (!orderReference || scheme === 'pix' || scheme === 'upi') return null;
  const own = readOwnReference(orderReference);
  const qrIban = scheme === 'swiss_qr' && profile.swiss_qr!.qr_iban;
  if (!own?.check.ok || own.form !== (qrIban ? 'qr' : 'rf')) return null;
  const value = own.check.reference;
  if (own.form === 'qr') return { ok: true, reference: { kind: 'qr', type: 'QRR', value, display: formatQrReference(value), own: true } };
  return { ok: true, reference: { kind: 'rf', type: scheme === 'sepa' ? 'RF' : 'SCOR', value, display: formatRf(value), own: true } };
}

const missingPayee = (scheme: Scheme): FieldError => ({
  field: 'scheme',
  reason: `the payment profile has no ${scheme} payee; add one first, on the dashboard's Payments page under Payee details or with PUT /api/v1/merchant/payment-profile`,
});

/**
 * The structured reference of the kind the scheme (and, for Swiss QR-bills, the IBAN) requires:
 * the merchant's own when the order id already is a valid RF or QR reference, else a fresh one.
 */
export function issueCreditorReference(scheme: Scheme, profile: PayeeProfile, options: NewReferenceOptions = {}): Issued {
  if (!profile[scheme]) return { ok: false, errors: [missingPayee(scheme)] };
  const own = ownReference(scheme, profile, options.orderReference);
  if (own) return own;
  switch (scheme) {
    case 'sepa': {
      const value = newCreditorReference('rf', options);
      return { ok: true, reference: { kind: 'rf', type: 'RF', value, display: formatRf(value) } };
    }
    case 'swiss_qr': {
      if (profile.swiss_qr!.qr_iban) {
        const value = newCreditorReference('qr', options);
        return { ok: true, reference: { kind: 'qr', type: 'QRR', value, display: formatQrReference(value) } };
      }
      const value = newCreditorReference('rf', options);
      return { ok: true, reference: { kind: 'rf', type: 'SCOR', value, display: formatRf(value) } };
    }
    case 'pix': {
      const value = newCreditorReference('pix_txid', options);
      return { ok: true, reference: { kind: 'pix_txid', type: 'TXID', value, display: value } };
    }
    case 'upi': {
      const value = newCreditorReference('upi_tr', options);
      return { ok: true, reference: { kind: 'upi_tr', type: 'TR', value, display: value } };
    }
  }
}

/** A payment request, as phase 2's `payments/init` has it once the reference is issued. */
export interface PaymentQrInput {
  scheme: Scheme;
  profile: PayeeProfile;
  amountMinor: number;
  currency: string;
  /** The structured reference (electronic form) from {@link issueCreditorReference}. */
  reference: string;
  /** Shown to the payer where the scheme has room: EPC note (70), QR-bill message (140), Pix info (≤ 99 with the key), UPI note (50). */
  description?: string | null;
}

/** What to encode and how to draw it. */
export interface PaymentQr {
  payload: string;
  ecc: Ecc;
  /** design_config the scheme prescribes (the Swiss cross), or null for the caller's own design. */
  design: Record<string, unknown> | null;
}

const DESCRIPTION_FIELDS = new Set(['information', 'message', 'description', 'note']);

/** Builds the QR payload of a payment, or every reason it cannot be built, named by request and profile fields. */
export function buildPaymentQr(input: PaymentQrInput): { ok: true; qr: PaymentQr } | { ok: false; errors: FieldError[] } {
  const { scheme, profile } = input;
  const payee = profile[scheme];
  if (!payee) return { ok: false, errors: [missingPayee(scheme)] };
  const common = { payee, amountMinor: input.amountMinor, currency: input.currency };
  const description = input.description ?? null;
  const result =
    scheme === 'sepa'
      ? buildEpcPayload({ ...common, reference: input.reference, information: description })
      : scheme === 'swiss_qr'
        ? buildSwissQrPayload({ ...common, reference: input.reference, message: description })
        : scheme === 'pix'
          ? buildPixPayload({ ...common, txid: input.reference, description })
          : buildUpiPayload({ ...common, reference: input.reference, note: description });
  if (!result.ok) {
    const errors = result.errors.map((e) => ({
      field: e.field.startsWith('payee') ? `profile.${scheme}${e.field.slice('payee'.length)}` : DESCRIPTION_FIELDS.has(e.field) ? 'description' : e.field === 'txid' ? 'reference' : e.field,
      reason: e.reason,
    }));
    return { ok: false, errors };
  }
  return { ok: true, qr: { payload: result.payload, ecc: result.ecc, design: scheme === 'swiss_qr' ? swissQrDesign() : null } };
}
