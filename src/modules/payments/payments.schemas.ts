// JSON schemas of the payments API (validation, response serialisation, OpenAPI). Success bodies
// use the payment seed's envelope `{status: "success", data}` across the whole payments surface.
import { pageQuery } from '../../http/cursor.ts';
import { PROBLEM_SCHEMA as problem } from '../../http/problem.ts';
import { SCHEMES } from './payee-profile.ts';
import { DESCRIPTION_MAX, EXPIRES_IN, METADATA_LIMITS, REFERENCE_MAX } from './payment.service.ts';
import { PAYMENT_STATUSES, paymentJsonSchema } from './payment.view.ts';

/** `{status: "success", data}` around `data` (plus any top-level extras, e.g. next_cursor). */
export function envelope(data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { type: 'object', required: ['status', 'data'], properties: { status: { type: 'string', enum: ['success'] }, data, ...extra } } as const;
}

const nullableObject = (properties: Record<string, unknown>, description: string) => ({ type: ['object', 'null'], additionalProperties: true, properties, description });
const str = (maxLength: number, description?: string) => ({ type: 'string', maxLength, ...(description ? { description } : {}) });

const address = {
  type: 'object',
  additionalProperties: true,
  description: 'Structured address (type S): street, building_number, postcode, town, country (ISO 3166 alpha-2). Banks accept only structured addresses since November 2025.',
  properties: { type: { type: 'string', enum: ['S', 'K'] }, street: { type: ['string', 'null'], maxLength: 70 }, building_number: { type: ['string', 'null'], maxLength: 16 }, postcode: str(16), town: str(35), country: str(2) },
} as const;

/** The payee profile (request and response share it; the response holds the normalised form). */
export const profileSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    sepa: nullableObject({ name: str(70), iban: str(50), bic: { type: ['string', 'null'], maxLength: 11 } }, 'SEPA credit transfer (EPC QR): name, IBAN, BIC (needed outside the EEA).'),
    swiss_qr: nullableObject(
      { name: str(70), iban: str(50), qr_iban: { type: 'boolean' }, address },
      'Swiss QR-bill: name, structured address, IBAN or QR-IBAN (a QR-IBAN gets QR references, a plain IBAN ISO 11649 SCOR references).',
    ),
    pix: nullableObject({ key: str(100), key_type: str(10), merchant_name: str(25), city: str(15) }, 'Pix: key (CPF, CNPJ, e-mail, +55 phone or random key), merchant name, city.'),
    upi: nullableObject({ vpa: str(255), payee_name: str(99), mcc: { type: ['string', 'null'], maxLength: 4 } }, 'UPI: virtual payment address (name@bank) and payee name.'),
  },
} as const;

/** GET/PUT profile response data. */
export const profileViewSchema = {
  title: 'PaymentProfile',
  type: 'object',
  required: ['profile', 'schemes', 'updated_at'],
  properties: {
    profile: profileSchema,
    schemes: { type: 'array', items: { type: 'string', enum: [...SCHEMES] }, description: 'The schemes payments can be created in.' },
    updated_at: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

/** POST /api/v1/payments/init body. */
export const initBody = {
  type: 'object',
  required: ['amount', 'currency', 'scheme', 'reference'],
  additionalProperties: false,
  properties: {
    amount: { type: 'integer', minimum: 1, maximum: 999_999_999_999, description: 'In minor units of the currency (1250 = EUR 12.50); the currency\'s exponent is respected.' },
    currency: { type: 'string', minLength: 3, maxLength: 3, description: 'ISO 4217: EUR (sepa, swiss_qr), CHF (swiss_qr), BRL (pix), INR (upi).' },
    scheme: { type: 'string', enum: [...SCHEMES] },
    reference: { type: 'string', minLength: 1, maxLength: REFERENCE_MAX, description: 'Your order id; where it fits the scheme\'s rules it also becomes the creditor reference\'s body.' },
    description: { type: ['string', 'null'], maxLength: DESCRIPTION_MAX, description: 'Shown to the payer where the scheme has room (EPC 70 bytes, QR-bill 140, Pix and UPI less).' },
    expires_in: { type: 'integer', minimum: EXPIRES_IN.min, maximum: EXPIRES_IN.max, description: `Seconds until the request expires (${EXPIRES_IN.min}–${EXPIRES_IN.max}; default ${EXPIRES_IN.default}).` },
    metadata: { type: 'object', maxProperties: METADATA_LIMITS.keys, additionalProperties: true, description: `Your own key/values, returned as given (≤ ${METADATA_LIMITS.keys} keys, ≤ ${METADATA_LIMITS.bytes} bytes).` },
  },
} as const;

/** List filters. */
export const listQuery = pageQuery({
  status: { type: 'string', enum: [...PAYMENT_STATUSES] },
  scheme: { type: 'string', enum: [...SCHEMES] },
  reference: { type: 'string', maxLength: REFERENCE_MAX, description: 'Your order id, exactly.' },
  created_from: { type: 'string', format: 'date-time', description: 'Created at or after this instant.' },
  created_to: { type: 'string', format: 'date-time', description: 'Created before this instant.' },
});

/** mark-paid body. */
export const markPaidBody = {
  type: 'object',
  required: ['note'],
  additionalProperties: false,
  properties: { note: { type: 'string', minLength: 1, maxLength: 500, description: 'How the money arrived (cash, a transfer seen in the banking app…); stored with who marked it.' } },
} as const;

/** simulate body. */
export const simulateBody = {
  type: 'object',
  required: ['outcome'],
  additionalProperties: false,
  properties: { outcome: { type: 'string', enum: ['succeeded', 'failed'] } },
} as const;

const reportLine = {
  type: 'object',
  properties: {
    entry_id: { type: 'string' },
    outcome: { type: 'string', enum: ['matched', 'partial', 'overpaid', 'unmatched', 'already_matched', 'foreign_currency', 'reversal', 'not_pending', 'ignored'] },
    payment_id: { type: ['string', 'null'] },
    reference: { type: ['string', 'null'] },
    amount: { type: ['integer', 'null'] },
    currency: { type: ['string', 'null'] },
    expected_amount: { type: ['integer', 'null'] },
    received_amount: { type: ['integer', 'null'] },
    booking_date: { type: ['string', 'null'] },
    account_servicer_reference: { type: ['string', 'null'] },
    debtor_name: { type: ['string', 'null'] },
    reason: { type: 'string' },
  },
} as const;

const lines = { type: 'array', items: reportLine } as const;

/** The reconciliation report. */
export const reportSchema = {
  title: 'ReconciliationReport',
  type: 'object',
  required: ['document', 'summary', 'matched', 'partial', 'overpaid', 'unmatched', 'already_matched'],
  properties: {
    document: {
      type: 'object',
      properties: { kind: { type: 'string', enum: ['camt.053', 'camt.054'] }, version: { type: 'integer' }, message_id: { type: ['string', 'null'] }, created_at: { type: ['string', 'null'] }, statements: { type: 'integer' }, entries: { type: 'integer' } },
    },
    summary: {
      type: 'object',
      description: 'How many booked items fell into each group.',
      properties: Object.fromEntries(['matched', 'partial', 'overpaid', 'unmatched', 'already_matched', 'foreign_currency', 'reversals', 'not_pending', 'ignored', 'payments_succeeded'].map((k) => [k, { type: 'integer' }])),
    },
    matched: lines,
    partial: lines,
    overpaid: lines,
    unmatched: lines,
    already_matched: lines,
    foreign_currency: lines,
    reversals: lines,
    not_pending: lines,
    ignored: lines,
    payments: {
      type: 'array',
      description: 'Per payment touched: whether this upload marked it paid, and the flags a person should look at.',
      items: {
        type: 'object',
        properties: {
          payment_id: { type: 'string' },
          succeeded: { type: 'boolean' },
          flags: { type: 'array', items: { type: 'string' } },
          received_amount: { type: 'integer' },
          expected_amount: { type: 'integer' },
          entry_ids: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

export { paymentJsonSchema, problem };
