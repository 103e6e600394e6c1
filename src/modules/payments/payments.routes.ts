// HTTP surface of payments: the merchant payment profile, payments/init (seed 003), reading,
// listing, cancel, mark-paid, simulate (test mode) and bank reconciliation. Handlers parse, call
// one service function and answer in the seed's `{status: "success", data}` envelope.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requireLivePrincipal, requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { decodeCursor } from '../../http/cursor.ts';
import { AppError } from '../../errors.ts';
import { MAX_STATEMENT_BYTES } from './camt-xml.ts';
import { payPageRoutes } from './pay-page.routes.ts';
import { getPaymentProfile, putPaymentProfile, type ProfileView } from './payment-profile.service.ts';
import { IdParams as idParams } from '../../http/schema.ts';
import { cancelPayment, createPayment, getPayment, listPayments, markPaymentPaid, paymentCaller, simulatePayment } from './payment.service.ts';
import { paymentJson } from './payment.view.ts';
import {
  envelope,
  InitPaymentBody,
  MarkPaidBody,
  PaymentJson,
  PaymentList,
  PaymentListQuery,
  PaymentModeQuery,
  PaymentProfile,
  PaymentProfileBody,
  problem,
  ReconciliationReport,
  SimulateBody,
  StatementBody,
} from './payments.schemas.ts';
import { reconcileStatement, type ReconciliationResult } from './reconciliation.service.ts';
import type { ReportLine } from './reconcile.ts';

const tags = ['payments'];
const errors = { 400: problem, 401: problem, 403: problem, 404: problem };
const XML_TYPES = ['application/xml', 'text/xml'];

/** The seed's success envelope around `data`. */
function ok<T>(data: T) {
  return { status: 'success' as const, data };
}

const profileJson = (view: ProfileView): PaymentProfile => ({ profile: view.profile, schemes: view.schemes, updated_at: view.updatedAt === null ? null : new Date(view.updatedAt).toISOString() });

const lineJson = (l: ReportLine) => ({
  entry_id: l.entry_id,
  outcome: l.outcome,
  payment_id: l.payment_id,
  reference: l.reference,
  amount: l.amount_minor,
  currency: l.currency,
  expected_amount: l.expected_minor,
  received_amount: l.received_minor,
  booking_date: l.booking_date,
  account_servicer_reference: l.account_servicer_reference,
  debtor_name: l.debtor_name,
  reason: l.reason,
});

function reportJson(result: ReconciliationResult): ReconciliationReport {
  const r = result.report;
  const succeeded = new Set(result.succeeded);
  const groups = {
    matched: r.matched,
    partial: r.partial,
    overpaid: r.overpaid,
    unmatched: r.unmatched,
    already_matched: r.already_matched,
    foreign_currency: r.foreign_currency,
    reversals: r.reversals,
    not_pending: r.not_pending,
    ignored: r.ignored,
  };
  const each = <T>(f: (lines: ReportLine[]) => T) => Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, f(v)])) as Record<keyof typeof groups, T>;
  return {
    document: {
      kind: result.document.kind,
      version: result.document.version,
      message_id: result.document.messageId,
      created_at: result.document.createdAt,
      statements: result.document.statements,
      entries: result.document.entries,
    },
    summary: { ...each((v) => v.length), payments_succeeded: succeeded.size },
    ...each((v) => v.map(lineJson)),
    payments: r.payments.map((p) => ({
      payment_id: p.payment_id,
      succeeded: succeeded.has(p.payment_id),
      flags: p.flags,
      received_amount: p.received_minor,
      expected_amount: p.expected_minor,
      entry_ids: p.entry_ids,
    })),
  };
}

/** Registers the payments API and the hosted pay page. */
export async function paymentsRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const publicUrl = ctx.config.publicUrl;
  // Bank statements arrive as the XML online banking exports; read as text, parsed by the camt reader (DTDs refused there).
  app.addContentTypeParser(XML_TYPES, { parseAs: 'string', bodyLimit: MAX_STATEMENT_BYTES }, (_request, body, done) => done(null, body));

  app.get(
    '/api/v1/merchant/payment-profile',
    {
      schema: { tags, security: SIGNED_IN, summary: 'Get the payment profile (payee details per scheme)', response: { 200: envelope(PaymentProfile), 401: problem } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      return ok(profileJson(await getPaymentProfile(ctx, principal.accountId)));
    },
  );

  app.put(
    '/api/v1/merchant/payment-profile',
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Replace the payment profile',
        description:
          'Send the payee of every scheme you accept (`sepa`, `swiss_qr`, `pix`, `upi`); a scheme left out or null is not accepted. Every field is checked (IBAN mod-97 and length, QR-IBAN range, BIC, Pix key, VPA) and all problems come back at once in `errors`. A `sec1-tst-…` key gets 403: live payments pay the payee named here.',
        body: PaymentProfileBody,
        response: { 200: envelope(PaymentProfile), 400: problem, 401: problem, 403: problem },
      },
    },
    async (request, reply) => {
      // The payee is where live payments' money goes: a leaked test key must not be able to change it.
      const principal = requireLivePrincipal(request, 'change the payee details');
      return ok(profileJson(await putPaymentProfile(ctx, principal.accountId, request.body)));
    },
  );

  app.post(
    '/api/v1/payments/init',
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Create a payment request and its QR code',
        description:
          "A pending payment with a structured creditor reference (RF for SEPA; QR reference or SCOR for Swiss QR-bills; Pix txid; UPI tr) and the exact QR payload of its scheme (EPC069-12 v002, Swiss Payments Code 0200, EMV MPM BR Code, upi://pay). A `sec1-tst-…` key creates test payments (`livemode: false`), as does a signed-in person with `?mode=test` (as the dashboard does in its test view). Send `Idempotency-Key` to make retries safe: the first answer is replayed (`Idempotent-Replayed: true`). A `reference` that is your own QR or RF reference, already carried by another payment of the account and mode, is a 409 with that payment's `payment_id` and `payment_status`.",
        'x-idempotent': true,
        querystring: PaymentModeQuery,
        body: InitPaymentBody,
        response: { 201: envelope(PaymentJson), ...errors, 409: problem, 422: problem },
      },
    },
    async (request, reply) => {
      const caller = paymentCaller(requirePrincipal(request), request.query.mode);
      const payment = await createPayment(ctx, caller, request.body);
      return reply
        .status(201)
        .header('location', `/api/v1/payments/${payment.id}`)
        .send(ok(paymentJson(payment, publicUrl)));
    },
  );

  app.get(
    '/api/v1/payments',
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'List payments (newest first)',
        description:
          "Payments of the mode of the key: a `tst` key lists test payments, a `prd` key live ones. Signed in, live ones, or test ones with `mode=test` (the dashboard's test view). A key sent with the other mode gets 400.",
        querystring: PaymentListQuery,
        response: { 200: PaymentList, 400: problem, 401: problem },
      },
    },
    async (request, reply) => {
      const caller = paymentCaller(requirePrincipal(request), request.query.mode);
      const q = request.query;
      const ms = (v: string | undefined, field: string) => {
        if (v === undefined) return undefined;
        const at = Date.parse(v);
        if (Number.isNaN(at))
          throw new AppError('validation_failed', `${field} must be an ISO 8601 date-time such as 2026-03-01T00:00:00Z.`, {
            errors: [{ field: `querystring/${field}`, message: 'must be a date-time' }],
          });
        return at;
      };
      const page = await listPayments(
        ctx,
        caller,
        { status: q.status, scheme: q.scheme, reference: q.reference, createdFrom: ms(q.created_from, 'created_from'), createdTo: ms(q.created_to, 'created_to') },
        q.limit,
        decodeCursor(q.cursor),
      );
      return { ...ok(page.items.map((row) => paymentJson(row, publicUrl))), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/payments/:id',
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Get a payment',
        description: 'In the mode of the key, or for a session `mode` (live by default): a payment of the other mode is 404.',
        params: idParams,
        querystring: PaymentModeQuery,
        response: { 200: envelope(PaymentJson), 400: problem, 401: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const caller = paymentCaller(requirePrincipal(request), request.query.mode);
      return ok(paymentJson(await getPayment(ctx, caller, request.params.id), publicUrl));
    },
  );

  app.post(
    '/api/v1/payments/:id/cancel',
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Cancel a pending payment',
        description: '409 when the payment is no longer pending. Signed in, `mode=test` cancels a test payment.',
        params: idParams,
        querystring: PaymentModeQuery,
        response: { 200: envelope(PaymentJson), 400: problem, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const caller = paymentCaller(requirePrincipal(request), request.query.mode);
      return ok(paymentJson(await cancelPayment(ctx, caller, request.params.id), publicUrl));
    },
  );

  app.post(
    '/api/v1/payments/:id/mark-paid',
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Mark a pending payment paid by hand',
        description:
          'For money that arrived outside a statement upload (cash, a transfer seen in the banking app). The note and who marked it are stored in `settlement`. An expired payment answers 409 unless `late` is true. Signed in, `mode=test` marks a test payment.',
        params: idParams,
        querystring: PaymentModeQuery,
        body: MarkPaidBody,
        response: { 200: envelope(PaymentJson), 400: problem, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const caller = paymentCaller(requirePrincipal(request), request.query.mode);
      return ok(paymentJson(await markPaymentPaid(ctx, caller, request.params.id, request.body.note, request.body.late), publicUrl));
    },
  );

  app.post(
    '/api/v1/payments/:id/simulate',
    {
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Settle a test payment (test mode only)',
        description:
          'Moves a test payment to `succeeded` or `failed` and emits the same webhook a real transition would. With a `tst` key, or signed in with `mode=test`; a `prd` key, or a session in live mode, gets 403.',
        params: idParams,
        querystring: PaymentModeQuery,
        body: SimulateBody,
        response: { 200: envelope(PaymentJson), 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const caller = paymentCaller(requirePrincipal(request), request.query.mode);
      return ok(paymentJson(await simulatePayment(ctx, caller, request.params.id, request.body.outcome), publicUrl));
    },
  );

  app.post(
    '/api/v1/payments/reconciliations',
    {
      bodyLimit: MAX_STATEMENT_BYTES,
      // A JSON body would otherwise reach validation and get a confusing "body must be string".
      preValidation: async (request) => {
        const type = String(request.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim()
          .toLowerCase();
        if (!XML_TYPES.includes(type))
          throw new AppError('unsupported_media_type', 'Send the statement file itself with Content-Type: application/xml (camt.053 or camt.054 as exported by online banking).');
      },
      schema: {
        tags,
        security: SIGNED_IN,
        summary: 'Reconcile a bank statement (camt.053) or notification (camt.054)',
        description:
          'Send the XML file as exported by online banking (`Content-Type: application/xml`). Credits are matched to pending payments by structured reference, amount and currency; exact ones become `succeeded`, partial and overpaid ones are flagged for a person. Uploading the same file again changes nothing (its bookings come back as `already_matched`). Files with a DTD or entities are refused.',
        consumes: XML_TYPES,
        body: StatementBody,
        response: { 200: envelope(ReconciliationReport), 400: problem, 401: problem, 413: problem, 415: problem },
      },
    },
    async (request, reply) => {
      const caller = paymentCaller(requirePrincipal(request));
      return ok(reportJson(await reconcileStatement(ctx, caller, request.body)));
    },
  );

  await payPageRoutes(app, ctx);
}
