// Payment requests (payments/init): the list with filters, live or test, and what a person does by
// hand: mark one paid when the money came another way, cancel it, or (test payments) play the bank.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { type JsonBody, type JsonResponse, unwrap } from '@tessera/client';
import { fileSafe, saveBlob } from '../lib/download.ts';
import { api } from './client.ts';

export type Payment = JsonResponse<'/api/v1/payments/{id}', 'get'>['data'];
export type PaymentStatus = Payment['status'];

export const PAYMENT_STATUSES: readonly PaymentStatus[] = ['pending', 'succeeded', 'failed', 'expired', 'canceled'];

/** Live payments, or test ones (made with a sec1-tst key): the API's `mode` for a session. */
export type PaymentMode = 'live' | 'test';

/** The mode a payment belongs to, for acting on it. */
export const modeOf = (payment: Pick<Payment, 'livemode'>): PaymentMode => (payment.livemode ? 'live' : 'test');

/** Payments of `mode`, newest first, a page at a time; `status` narrows the list. */
export function paymentsQuery(status: PaymentStatus | undefined, mode: PaymentMode = 'live') {
  return infiniteQueryOptions({
    queryKey: ['payments', 'list', mode, status ?? 'all'],
    queryFn: ({ pageParam, signal }) => unwrap(api.GET('/api/v1/payments', { params: { query: { limit: 25, cursor: pageParam, status, mode } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export type NewPayment = JsonBody<'/api/v1/payments/init', 'post'>;

/**
 * Creates a payment request in `mode` (payments/init, as a shop's server would). The key makes a
 * retry of the same request (a dropped answer, a second press) return the first payment.
 */
export async function createPayment(body: NewPayment, mode: PaymentMode, idempotencyKey: string): Promise<Payment> {
  return (await unwrap(api.POST('/api/v1/payments/init', { params: { query: { mode } }, body, headers: { 'idempotency-key': idempotencyKey } }))).data;
}

/** Settles a payment by hand; `late` also accepts one that expired before the money came. */
export async function markPaid(payment: Payment, note: string, late: boolean): Promise<Payment> {
  return (await unwrap(api.POST('/api/v1/payments/{id}/mark-paid', { params: { path: { id: payment.id }, query: { mode: modeOf(payment) } }, body: { note, late } }))).data;
}

export async function cancelPayment(payment: Payment): Promise<Payment> {
  return (await unwrap(api.POST('/api/v1/payments/{id}/cancel', { params: { path: { id: payment.id }, query: { mode: modeOf(payment) } } }))).data;
}

/** Test payments only: settles one as the bank would, with the same webhook. */
export async function simulatePayment(payment: Payment, outcome: 'succeeded' | 'failed'): Promise<Payment> {
  return (await unwrap(api.POST('/api/v1/payments/{id}/simulate', { params: { path: { id: payment.id }, query: { mode: 'test' } }, body: { outcome } }))).data;
}

export type ReconciliationReport = JsonResponse<'/api/v1/payments/reconciliations', 'post'>['data'];
export type ReportLine = ReconciliationReport['matched'][number];

/** Uploads a bank statement (camt.053 / camt.054 XML, as exported by online banking) and matches its credits to pending live payments. */
export async function reconcileStatement(xml: string): Promise<ReconciliationReport> {
  const sent = api.POST('/api/v1/payments/reconciliations', { body: xml, headers: { 'content-type': 'application/xml' }, bodySerializer: (body: string) => body });
  return (await unwrap(sent)).data;
}

export type PaymentProfile = JsonResponse<'/api/v1/merchant/payment-profile', 'get'>['data'];
export type PayeeProfile = JsonBody<'/api/v1/merchant/payment-profile', 'put'>;

/** Where the account's payments go, per scheme, and the schemes it accepts. */
export const paymentProfileQuery = queryOptions({
  queryKey: ['payments', 'profile'],
  queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/merchant/payment-profile', { signal }))).data,
});

/** Replaces the payee details; a scheme left out is no longer accepted. Every bad field comes back at once. */
export async function savePaymentProfile(profile: PayeeProfile): Promise<PaymentProfile> {
  return (await unwrap(api.PUT('/api/v1/merchant/payment-profile', { body: profile }))).data;
}

/**
 * Saves a payment's code as the server draws it (EPC and Swiss codes at their prescribed error
 * correction, the Swiss cross included): SVG for print layouts, or a PNG 1024 px wide.
 */
export async function downloadPaymentCode(payment: Pick<Payment, 'id' | 'reference'>, format: 'svg' | 'png'): Promise<void> {
  const path = { id: payment.id };
  const blob =
    format === 'svg'
      ? await unwrap(api.GET('/pay/{id}/qr.svg', { params: { path }, parseAs: 'blob' }))
      : await unwrap(api.GET('/pay/{id}/qr.png', { params: { path, query: { size: 1024 } }, parseAs: 'blob' }));
  saveBlob(blob as Blob, `payment-${fileSafe(payment.reference, payment.id)}.${format}`);
}
