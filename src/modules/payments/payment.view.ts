// A payment as the API, its webhooks and the pay page show it: one shape built from the row, and
// its JSON schema (validation of responses, OpenAPI).
import type { PaymentsTable } from '../../db/schema.ts';
import { fromFlag } from '../../db/dialect.ts';
import { IsoDateTime, NullOr, type Static, StringEnum, Type } from '../../http/schema.ts';
import { SCHEMES } from './payee-profile.ts';
import { currencyInfo, minorToDecimal } from './currency.ts';
import { formatQrReference, formatRf } from './creditor-reference.ts';
import { toIso } from '../../http/iso.ts';

/** Lifecycle states. */
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'expired', 'canceled'] as const satisfies readonly PaymentsTable['status'][];
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** Kinds of structured creditor reference a payment carries. */
export const CREDITOR_REFERENCE_TYPES = ['RF', 'QRR', 'SCOR', 'TXID', 'TR'] as const satisfies readonly PaymentsTable['creditor_reference_type'][];
/** Reasons for a person to look at a payment. */
export const PAYMENT_FLAGS = ['partial', 'overpaid', 'reversed', 'late', 'foreign_currency'] as const;
type PaymentFlag = (typeof PAYMENT_FLAGS)[number];
/** How a payment was settled. */
export const SETTLEMENT_VIAS = ['reconciliation', 'manual', 'simulation'] as const satisfies readonly NonNullable<PaymentsTable['settled_via']>[];

/** The paper form of a stored (electronic) creditor reference. */
export function displayReference(type: string, value: string): string {
  if (type === 'RF' || type === 'SCOR') return formatRf(value);
  if (type === 'QRR') return formatQrReference(value);
  return value;
}

/** Where a payment's code and page live. */
export function paymentUrls(publicUrl: string, id: string): { svg_url: string; png_url: string; pay_url: string } {
  return { svg_url: `${publicUrl}/pay/${id}/qr.svg`, png_url: `${publicUrl}/pay/${id}/qr.png`, pay_url: `${publicUrl}/pay/${id}` };
}

// A row's JSON is built once: the payment.* event and the response of the same change share it.
const built = new WeakMap<PaymentsTable, { publicUrl: string; json: PaymentJson }>();

/** The JSON of a payment (rows are never mutated after they are read or written, so it is kept per row object). */
export function paymentJson(row: PaymentsTable, publicUrl: string): PaymentJson {
  const cached = built.get(row);
  if (cached && cached.publicUrl === publicUrl) return cached.json;
  const json = buildPaymentJson(row, publicUrl);
  built.set(row, { publicUrl, json });
  return json;
}

function buildPaymentJson(row: PaymentsTable, publicUrl: string): PaymentJson {
  const info = currencyInfo(row.currency);
  const decimal = (minor: number) => (info ? minorToDecimal(minor, info) : String(minor));
  return {
    id: row.id,
    object: 'payment' as const,
    status: row.status,
    amount: row.amount_minor,
    amount_decimal: decimal(row.amount_minor),
    currency: row.currency,
    scheme: row.scheme,
    reference: row.reference,
    description: row.description,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    creditor_reference: { type: row.creditor_reference_type, value: row.creditor_reference, display: displayReference(row.creditor_reference_type, row.creditor_reference) },
    qr_payload: row.qr_payload,
    ...paymentUrls(publicUrl, row.id),
    expires_at: toIso(row.expires_at),
    livemode: fromFlag(row.livemode),
    received_amount: row.received_minor,
    flags: JSON.parse(row.flags) as PaymentFlag[],
    settlement: row.settled_via ? { via: row.settled_via, note: row.settled_note, by: row.settled_by } : null,
    failure_reason: row.failure_reason,
    created_at: toIso(row.created_at),
    updated_at: toIso(row.updated_at),
    paid_at: toIso(row.paid_at),
    failed_at: toIso(row.failed_at),
    expired_at: toIso(row.expired_at),
    canceled_at: toIso(row.canceled_at),
  };
}

// Type unions rather than anyOf: fast-json-stringify picks an anyOf branch by running a validator per value.
const nullableIso = NullOr(IsoDateTime());
const nullableString = NullOr(Type.String());

/** JSON of a payment: what {@link paymentJson} builds. */
export const PaymentJson = Type.Object(
  {
    id: Type.String({ description: '`pay_…`' }),
    object: Type.Optional(StringEnum(['payment'])),
    status: StringEnum(PAYMENT_STATUSES),
    amount: Type.Integer({ description: 'In minor units of the currency (cents; yen).' }),
    amount_decimal: Type.Optional(Type.String({ description: 'The same amount as a decimal string ("12.50").' })),
    currency: Type.String(),
    scheme: StringEnum(SCHEMES),
    reference: Type.String({ description: "The merchant's own order id, as sent." }),
    description: Type.Optional(nullableString),
    metadata: Type.Optional(Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true })),
    creditor_reference: Type.Object({
      type: StringEnum(CREDITOR_REFERENCE_TYPES, {
        description: 'RF (ISO 11649, SEPA), QRR (Swiss QR reference, QR-IBAN), SCOR (ISO 11649 on a Swiss QR-bill with a plain IBAN), TXID (Pix), TR (UPI).',
      }),
      value: Type.String({ description: 'Electronic form, as encoded and as banks report it in statements.' }),
      display: Type.String({ description: 'Paper form, grouped for reading aloud and typing.' }),
    }),
    qr_payload: Type.String({ description: 'The exact string the QR code encodes.' }),
    svg_url: Type.String({ format: 'uri' }),
    png_url: Type.String({ format: 'uri' }),
    pay_url: Type.String({ format: 'uri', description: 'The hosted pay page.' }),
    expires_at: IsoDateTime(),
    livemode: Type.Boolean({ description: 'false for payments made with a `tst` key.' }),
    received_amount: Type.Optional(Type.Integer({ description: 'Credited so far by reconciled bank bookings, in minor units.' })),
    flags: Type.Optional(Type.Array(StringEnum(PAYMENT_FLAGS), { description: 'Reasons for a person to look at this payment.' })),
    settlement: Type.Optional(
      NullOr(
        Type.Object({
          via: Type.Optional(StringEnum(SETTLEMENT_VIAS)),
          note: Type.Optional(nullableString),
          by: Type.Optional(nullableString),
        }),
        { description: 'How the payment was settled (null while none): reconciliation, manual (mark-paid) or simulation (test mode), with the note and who.' },
      ),
    ),
    failure_reason: Type.Optional(nullableString),
    created_at: IsoDateTime(),
    updated_at: IsoDateTime(),
    paid_at: Type.Optional(nullableIso),
    failed_at: Type.Optional(nullableIso),
    expired_at: Type.Optional(nullableIso),
    canceled_at: Type.Optional(nullableIso),
  },
  { title: 'Payment' },
);
export type PaymentJson = Static<typeof PaymentJson>;
