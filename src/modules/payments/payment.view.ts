// A payment as the API, its webhooks and the pay page show it: one shape built from the row, and
// its JSON schema (validation of responses, OpenAPI).
import type { PaymentsTable } from '../../db/schema.ts';
import { fromFlag } from '../../db/dialect.ts';
import { currencyInfo, minorToDecimal } from './currency.ts';
import { formatQrReference, formatRf } from './creditor-reference.ts';
import { toIso } from '../../http/iso.ts';

/** Lifecycle states. */
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'expired', 'canceled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

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
const built = new WeakMap<PaymentsTable, { publicUrl: string; json: Record<string, unknown> }>();

/** The JSON of a payment (rows are never mutated after they are read or written, so it is kept per row object). */
export function paymentJson(row: PaymentsTable, publicUrl: string): Record<string, unknown> {
  const cached = built.get(row);
  if (cached && cached.publicUrl === publicUrl) return cached.json;
  const json = buildPaymentJson(row, publicUrl);
  built.set(row, { publicUrl, json });
  return json;
}

function buildPaymentJson(row: PaymentsTable, publicUrl: string): Record<string, unknown> {
  const info = currencyInfo(row.currency);
  const decimal = (minor: number) => (info ? minorToDecimal(minor, info) : String(minor));
  return {
    id: row.id,
    object: 'payment',
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
    flags: JSON.parse(row.flags) as string[],
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

const isoSchema = { type: 'string', format: 'date-time' } as const;
// Type unions rather than anyOf: fast-json-stringify picks an anyOf branch by running a validator per value.
const nullableIso = { type: ['string', 'null'], format: 'date-time' } as const;

/** JSON schema of {@link paymentJson}. */
export const paymentJsonSchema = {
  title: 'Payment',
  type: 'object',
  required: ['id', 'status', 'amount', 'currency', 'scheme', 'reference', 'creditor_reference', 'qr_payload', 'svg_url', 'png_url', 'pay_url', 'expires_at', 'livemode', 'created_at', 'updated_at'],
  properties: {
    id: { type: 'string', description: '`pay_…`' },
    object: { type: 'string', enum: ['payment'] },
    status: { type: 'string', enum: [...PAYMENT_STATUSES] },
    amount: { type: 'integer', description: 'In minor units of the currency (cents; yen).' },
    amount_decimal: { type: 'string', description: 'The same amount as a decimal string ("12.50").' },
    currency: { type: 'string' },
    scheme: { type: 'string', enum: ['sepa', 'swiss_qr', 'pix', 'upi'] },
    reference: { type: 'string', description: "The merchant's own order id, as sent." },
    description: { type: ['string', 'null'] },
    metadata: { type: 'object', additionalProperties: true },
    creditor_reference: {
      type: 'object',
      required: ['type', 'value', 'display'],
      properties: {
        type: { type: 'string', enum: ['RF', 'QRR', 'SCOR', 'TXID', 'TR'], description: 'RF (ISO 11649, SEPA), QRR (Swiss QR reference, QR-IBAN), SCOR (ISO 11649 on a Swiss QR-bill with a plain IBAN), TXID (Pix), TR (UPI).' },
        value: { type: 'string', description: 'Electronic form, as encoded and as banks report it in statements.' },
        display: { type: 'string', description: 'Paper form, grouped for reading aloud and typing.' },
      },
    },
    qr_payload: { type: 'string', description: 'The exact string the QR code encodes.' },
    svg_url: { type: 'string', format: 'uri' },
    png_url: { type: 'string', format: 'uri' },
    pay_url: { type: 'string', format: 'uri', description: 'The hosted pay page.' },
    expires_at: isoSchema,
    livemode: { type: 'boolean', description: 'false for payments made with a `tst` key.' },
    received_amount: { type: 'integer', description: 'Credited so far by reconciled bank bookings, in minor units.' },
    flags: { type: 'array', items: { type: 'string', enum: ['partial', 'overpaid', 'reversed', 'late', 'foreign_currency'] }, description: 'Reasons for a person to look at this payment.' },
    settlement: {
      type: ['object', 'null'],
      description: 'How the payment was settled (null while none): reconciliation, manual (mark-paid) or simulation (test mode), with the note and who.',
      properties: { via: { type: 'string', enum: ['reconciliation', 'manual', 'simulation'] }, note: { type: ['string', 'null'] }, by: { type: ['string', 'null'] } },
    },
    failure_reason: { type: ['string', 'null'] },
    created_at: isoSchema,
    updated_at: isoSchema,
    paid_at: nullableIso,
    failed_at: nullableIso,
    expired_at: nullableIso,
    canceled_at: nullableIso,
  },
} as const;
