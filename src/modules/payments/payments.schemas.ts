// The payments API's shapes, written once: validation, response serialisation, handler types and
// OpenAPI come from here. Success bodies use the payment seed's envelope `{status: "success", data}`
// across the whole payments surface.
import { DefaultsOptional, IsoDateTime, NullOr, PageQuery, Problem as problem, type Static, StringEnum, type TSchema, Type } from '../../http/schema.ts';
import { SCHEMES } from './payee-profile.ts';
import { MAX_PAYMENT_AMOUNT } from './scheme-currencies.ts';
import { PAYMENT_STATUSES, PaymentJson } from './payment.view.ts';

/** Bounds of `expires_in`, seconds: a minute to 30 days; a day when omitted. */
export const EXPIRES_IN = { min: 60, max: 30 * 24 * 3600, default: 24 * 3600 } as const;
/** Largest `metadata` object, as JSON bytes, and most keys. */
export const METADATA_LIMITS = { bytes: 4096, keys: 20 } as const;
/** Longest merchant reference and description. */
export const REFERENCE_MAX = 100;
export const DESCRIPTION_MAX = 140;

/** `{status: "success", data}` around `data`. */
export function envelope<T extends TSchema>(data: T) {
  return Type.Object({ status: StringEnum(['success']), data });
}

/** A page of payments: the envelope with `next_cursor` beside `data`. */
export const PaymentList = Type.Object({ status: StringEnum(['success']), data: Type.Array(PaymentJson), next_cursor: Type.Optional(NullOr(Type.String())) });

const str = (maxLength: number, description?: string) => Type.Optional(Type.String({ maxLength, ...(description ? { description } : {}) }));
const nullableStr = (maxLength: number) => Type.Optional(NullOr(Type.String({ maxLength })));
/** A scheme's payee: checked field by field by the domain parser (all problems at once), so loose here. */
const payee = <P extends Record<string, TSchema>>(properties: P, description: string) => Type.Optional(NullOr(Type.Object(properties, { additionalProperties: true }), { description }));

const address = Type.Object(
  {
    type: Type.Optional(StringEnum(['S', 'K'])),
    street: nullableStr(70),
    building_number: nullableStr(16),
    postcode: str(16),
    town: str(35),
    country: str(2),
  },
  {
    additionalProperties: true,
    description: 'Structured address (type S): street, building_number, postcode, town, country (ISO 3166 alpha-2). Banks accept only structured addresses since November 2025.',
  },
);

/** The payee profile (request and response share it; the response holds the normalised form). */
export const PaymentProfileBody = Type.Object(
  {
    sepa: payee(
      { name: str(70), iban: str(50), bic: nullableStr(11) },
      "SEPA credit transfer (EPC QR): name, IBAN, BIC (needed outside the EEA). A Swiss QR-IBAN is refused: it takes only QR-bill payments, so give the account's ordinary IBAN.",
    ),
    swiss_qr: payee(
      { name: str(70), iban: str(50), qr_iban: Type.Optional(Type.Boolean()), address: Type.Optional(address) },
      'Swiss QR-bill: name, structured address, IBAN or QR-IBAN (a QR-IBAN gets QR references, a plain IBAN ISO 11649 SCOR references).',
    ),
    pix: payee({ key: str(100), key_type: str(10), merchant_name: str(25), city: str(15) }, 'Pix: key (CPF, CNPJ, e-mail, +55 phone or random key), merchant name, city.'),
    upi: payee({ vpa: str(255), payee_name: str(99), mcc: nullableStr(4) }, 'UPI: virtual payment address (name@bank) and payee name.'),
  },
  { additionalProperties: true },
);

/** GET/PUT profile response data. */
export const PaymentProfile = Type.Object(
  {
    profile: PaymentProfileBody,
    schemes: Type.Array(StringEnum(SCHEMES), { description: 'The schemes payments can be created in.' }),
    updated_at: NullOr(IsoDateTime()),
  },
  { title: 'PaymentProfile' },
);
export type PaymentProfile = Static<typeof PaymentProfile>;

/** POST /api/v1/payments/init body. */
export const InitPaymentBody = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: MAX_PAYMENT_AMOUNT, description: "In minor units of the currency (1250 = EUR 12.50); the currency's exponent is respected." }),
    currency: Type.String({ minLength: 3, maxLength: 3, description: 'ISO 4217: EUR (sepa, swiss_qr), CHF (swiss_qr), BRL (pix), INR (upi).' }),
    scheme: StringEnum(SCHEMES),
    reference: Type.String({
      minLength: 1,
      maxLength: REFERENCE_MAX,
      description:
        "Your order id; where it fits the scheme's rules it also becomes the creditor reference's body (accented letters transliterated). A complete Swiss QR reference (27 digits, for a QR-IBAN) or ISO 11649 RF reference (SEPA, Swiss ordinary IBAN) is used as it is (spaces removed, upper case) when it passes its check (anything else stays an order id a reference is made from), and one another payment of the account already carries is a 409 naming it (`payment_id`).",
    }),
    description: Type.Optional(
      NullOr(Type.String({ maxLength: DESCRIPTION_MAX }), {
        description:
          'Shown to the payer where the scheme has room (EPC 70 bytes, QR-bill 140, Pix and UPI less). SEPA and Swiss QR-bills carry Latin letters only (SEPA transliterates accented letters outside the set; other scripts and emoji are refused), Pix plain ASCII.',
      }),
    ),
    expires_in: Type.Optional(
      Type.Integer({ minimum: EXPIRES_IN.min, maximum: EXPIRES_IN.max, description: `Seconds until the request expires (${EXPIRES_IN.min}–${EXPIRES_IN.max}; default ${EXPIRES_IN.default}).` }),
    ),
    metadata: Type.Optional(
      Type.Unsafe<Record<string, unknown>>({
        type: 'object',
        maxProperties: METADATA_LIMITS.keys,
        additionalProperties: true,
        description: `Your own key/values, returned as given (≤ ${METADATA_LIMITS.keys} keys, ≤ ${METADATA_LIMITS.bytes} bytes).`,
      }),
    ),
  },
  { additionalProperties: false },
);
export type InitPaymentBody = Static<typeof InitPaymentBody>;

/** List filters. */
/**
 * Which payments a signed-in person works on: live (the default) or test, the dashboard's test
 * view. An API key works in its own mode (`sec1-tst-…` test, `sec1-prd-…` live); naming the other
 * one is refused.
 */
const PaymentMode = StringEnum(['live', 'test'] as const, {
  description: "live (default) or test: for a session, which payments to work on; for an API key it must be the key's own mode.",
});
export type PaymentMode = Static<typeof PaymentMode>;

/** `?mode=` of the routes that read or act on one payment (other query parameters are ignored, as they were before `mode`). */
export const PaymentModeQuery = Type.Object({ mode: Type.Optional(PaymentMode) });

export const PaymentListQuery = DefaultsOptional(
  Type.Object(
    {
      ...PageQuery.properties,
      mode: Type.Optional(PaymentMode),
      status: Type.Optional(StringEnum(PAYMENT_STATUSES)),
      scheme: Type.Optional(StringEnum(SCHEMES)),
      reference: Type.Optional(Type.String({ maxLength: REFERENCE_MAX, description: 'Your order id, exactly.' })),
      created_from: Type.Optional(IsoDateTime({ description: 'Created at or after this instant.' })),
      created_to: Type.Optional(IsoDateTime({ description: 'Created before this instant.' })),
    },
    { additionalProperties: false },
  ),
);

/** mark-paid body. */
export const MarkPaidBody = DefaultsOptional(
  Type.Object(
    {
      note: Type.String({ minLength: 1, maxLength: 500, description: 'How the money arrived (cash, a transfer seen in the banking app…); stored with who marked it.' }),
      late: Type.Boolean({
        default: false,
        description:
          'Also settle a payment that has already expired: the money arrived after `expires_at` (a late transfer, often flagged `late` by reconciliation) and you accept it. It moves from `expired` to `succeeded` once, with `payment.succeeded`; `paid_at` after `expires_at` shows it was late.',
      }),
    },
    { additionalProperties: false },
  ),
);

/** simulate body. */
export const SimulateBody = Type.Object({ outcome: StringEnum(['succeeded', 'failed']) }, { additionalProperties: false });

const nullable = <T extends TSchema>(schema: T) => Type.Optional(NullOr(schema));

const ReportLineJson = Type.Object({
  entry_id: Type.Optional(Type.String()),
  outcome: Type.Optional(StringEnum(['matched', 'partial', 'overpaid', 'unmatched', 'already_matched', 'foreign_currency', 'reversal', 'not_pending', 'ignored'])),
  payment_id: nullable(Type.String()),
  reference: nullable(Type.String()),
  amount: nullable(Type.Integer()),
  currency: nullable(Type.String()),
  expected_amount: nullable(Type.Integer()),
  received_amount: nullable(Type.Integer()),
  booking_date: nullable(Type.String()),
  account_servicer_reference: nullable(Type.String()),
  debtor_name: nullable(Type.String()),
  reason: Type.Optional(Type.String()),
});

const lines = Type.Array(ReportLineJson);
const count = Type.Optional(Type.Integer());

/** The reconciliation report. */
export const ReconciliationReport = Type.Object(
  {
    document: Type.Object({
      kind: Type.Optional(StringEnum(['camt.053', 'camt.054'])),
      version: Type.Optional(Type.Integer()),
      message_id: nullable(Type.String()),
      created_at: nullable(Type.String()),
      statements: Type.Optional(Type.Integer()),
      entries: Type.Optional(Type.Integer()),
    }),
    summary: Type.Object(
      {
        matched: count,
        partial: count,
        overpaid: count,
        unmatched: count,
        already_matched: count,
        foreign_currency: count,
        reversals: count,
        not_pending: count,
        ignored: count,
        payments_succeeded: count,
      },
      { description: 'How many booked items fell into each group.' },
    ),
    matched: lines,
    partial: lines,
    overpaid: lines,
    unmatched: lines,
    already_matched: lines,
    foreign_currency: Type.Optional(lines),
    reversals: Type.Optional(lines),
    not_pending: Type.Optional(lines),
    ignored: Type.Optional(lines),
    payments: Type.Optional(
      Type.Array(
        Type.Object({
          payment_id: Type.Optional(Type.String()),
          succeeded: Type.Optional(Type.Boolean()),
          flags: Type.Optional(Type.Array(Type.String())),
          received_amount: Type.Optional(Type.Integer()),
          expected_amount: Type.Optional(Type.Integer()),
          entry_ids: Type.Optional(Type.Array(Type.String())),
        }),
        { description: 'Per payment touched: whether this upload marked it paid, and the flags a person should look at.' },
      ),
    ),
  },
  { title: 'ReconciliationReport' },
);
export type ReconciliationReport = Static<typeof ReconciliationReport>;

/** The bank file of a reconciliation, read as text. */
export const StatementBody = Type.String({ description: 'ISO 20022 camt.053 / camt.054 XML.' });

export { PaymentJson, problem };
