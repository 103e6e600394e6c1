// Payment requests: create (payments/init), read, list, and every lifecycle transition. A status
// leaves `pending` exactly once: the conditional UPDATE decides, and the payment.<status> event is
// written in the same transaction, so an event exists if and only if the transition happened.
import type { AppContext } from '../../context.ts';
import type { PaymentsTable } from '../../db/schema.ts';
import { isUniqueViolation, toFlag } from '../../db/dialect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Principal } from '../../http/auth.ts';
import type { Cursor } from '../../http/cursor.ts';
import { fetchPage, type Page } from '../../http/cursor.ts';
import { newId } from '../../ids.ts';
import { accountsListeningTo, emitEvents } from '../webhooks/index.ts';
import { checkCurrency } from './currency.ts';
import type { FieldError as DomainFieldError } from './field-errors.ts';
import { buildPaymentQr, issueCreditorReference } from './payment-qr.ts';
import { controlCharIn } from './text.ts';
import { paymentEvent } from './payment-events.ts';
import { getPaymentProfile, toProblemErrors } from './payment-profile.service.ts';
import { findPayment, findPaymentByCreditorReference, insertPayment, listDuePaymentIds, listPayments as listPaymentRows, transitionPayments, type PaymentFilter } from './payment.repo.ts';
import type { PaymentStatus } from './payment.view.ts';
import { DESCRIPTION_MAX, EXPIRES_IN, type InitPaymentBody, METADATA_LIMITS, type PaymentMode, REFERENCE_MAX } from './payments.schemas.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

export { DESCRIPTION_MAX, EXPIRES_IN, METADATA_LIMITS, REFERENCE_MAX };

/** Who asks, as far as payments care: the account, live or test mode, and who it is for the audit trail. */
export interface PaymentCaller {
  accountId: string;
  livemode: boolean;
  /** `user:{id}` or `api_key:{id}`. */
  actor: string;
}

/**
 * The caller of a request. A `sec1-tst-…` key acts in test mode and a `prd` key in live mode:
 * `mode`, when given, must be the key's own (a key never reaches the other mode's payments). A
 * session acts in live mode unless it asks for `test`: the dashboard's view of test payments.
 */
export function paymentCaller(principal: Principal, mode?: PaymentMode): PaymentCaller {
  const actor = principal.userId ? `user:${principal.userId}` : `api_key:${principal.apiKeyId ?? 'unknown'}`;
  if (!principal.userId && mode !== undefined && (mode === 'test') !== principal.testMode) {
    const own = principal.testMode ? 'test' : 'live';
    throw new AppError(
      'validation_failed',
      `This API key works on ${own} payments only (a ${principal.testMode ? 'sec1-tst' : 'sec1-prd'} key); ${mode} payments need a ${mode === 'test' ? 'sec1-tst' : 'sec1-prd'} key, or the dashboard. Leave mode out, or send mode=${own}.`,
      { errors: [{ field: 'querystring/mode', message: `must be ${own} for this key` }] },
    );
  }
  return { accountId: principal.accountId, livemode: principal.userId ? mode !== 'test' : !principal.testMode, actor };
}

/** A payments/init request (shape already validated by the route schema). */
/** A payment request as the API takes it. */
export type NewPayment = InitPaymentBody;

function invalid(errors: DomainFieldError[], root = 'body'): AppError {
  const problems = errors.map((e) => (e.field.startsWith('profile.') ? { field: e.field.replace(/\./g, '/'), message: e.reason } : toProblemErrors([e], root)[0]!));
  const sample = errors
    .slice(0, 3)
    .map((e) => `${e.field}: ${e.reason}`)
    .join('; ');
  return new AppError('validation_failed', `The payment cannot be created: ${sample}${errors.length > 3 ? '; …' : ''}.`, { errors: problems });
}

/** Creates a pending payment and its payment.created event; 400 naming each field a scheme cannot carry. */
export async function createPayment(ctx: Ctx, caller: PaymentCaller, input: NewPayment): Promise<PaymentsTable> {
  const errors: DomainFieldError[] = [];
  const currency = checkCurrency(input.currency);
  if (!currency.ok) errors.push({ field: 'currency', reason: currency.reason });
  const reference = input.reference.trim();
  if (reference === '' || controlCharIn(reference) !== null) errors.push({ field: 'reference', reason: 'must be your order id: 1–100 characters, no control characters or invisible direction marks' });
  const description = input.description?.trim() || null;
  if (description && controlCharIn(description) !== null) errors.push({ field: 'description', reason: 'must be one line of text without control characters or invisible direction marks' });
  const metadata = JSON.stringify(input.metadata ?? {});
  if (Buffer.byteLength(metadata) > METADATA_LIMITS.bytes) errors.push({ field: 'metadata', reason: `must be at most ${METADATA_LIMITS.bytes} bytes as JSON` });
  if (errors.length > 0) throw invalid(errors);

  const { profile } = await getPaymentProfile(ctx, caller.accountId);
  const now = ctx.clock.now();
  const expiresIn = input.expires_in ?? EXPIRES_IN.default;
  for (let attempt = 0; ; attempt++) {
    // The order id becomes the reference body where it fits (it reads back from statements); a taken one is drawn at random.
    const issued = issueCreditorReference(input.scheme, profile, { orderReference: reference, forceRandom: attempt > 0 });
    if (!issued.ok) throw invalid(issued.errors);
    const built = buildPaymentQr({
      scheme: input.scheme,
      profile,
      amountMinor: input.amount,
      currency: currency.ok ? currency.currency.code : input.currency,
      reference: issued.reference.value,
      description,
    });
    if (!built.ok) throw invalid(built.errors);
    const row: PaymentsTable = {
      id: newId('pay'),
      account_id: caller.accountId,
      livemode: toFlag(caller.livemode),
      status: 'pending',
      scheme: input.scheme,
      amount_minor: input.amount,
      currency: currency.ok ? currency.currency.code : input.currency,
      reference,
      description,
      metadata,
      creditor_reference: issued.reference.value,
      creditor_reference_type: issued.reference.type,
      qr_payload: built.qr.payload,
      qr_ecc: built.qr.ecc,
      payee: JSON.stringify(profile[input.scheme]),
      received_minor: 0,
      flags: '[]',
      settled_via: null,
      settled_note: null,
      settled_by: null,
      failure_reason: null,
      expires_at: now + expiresIn * 1000,
      created_at: now,
      updated_at: now,
      paid_at: null,
      failed_at: null,
      expired_at: null,
      canceled_at: null,
    };
    try {
      await inTransaction(ctx.db, async (trx) => {
        await insertPayment(trx, row);
        await emitEvents(trx, [paymentEvent('payment.created', row, ctx.config.publicUrl)]);
      });
      return row;
    } catch (error) {
      // The merchant's own reference is never swapped for another (its ERP matches on it): say who holds it.
      if (isUniqueViolation(error) && issued.reference.own) throw await referenceTaken(ctx, caller, issued.reference.display, error);
      // A taken order-derived reference, or a freshly drawn one (≥ 2^60 possibilities) colliding: draw again.
      if (isUniqueViolation(error) && attempt < 3) continue;
      throw error;
    }
  }
}

/**
 * 409 for a merchant reference another payment of the account and mode already carries, in any
 * status: reconciliation matches a transfer by reference alone, so one reference names one payment.
 */
async function referenceTaken(ctx: Pick<AppContext, 'db'>, caller: PaymentCaller, display: string, cause: unknown): Promise<unknown> {
  const holder = await findPaymentByCreditorReference(ctx.db, caller.accountId, caller.livemode, display.replace(/ /g, ''));
  if (!holder) return cause;
  const advice =
    holder.status === 'pending'
      ? 'That payment is still pending: show its code again rather than creating a second one.'
      : 'A reference is not reused, or a late transfer for that payment would be matched to this one: give this bill a new reference, or send an order id to have one issued.';
  return new AppError('conflict', `The reference ${display} is already the creditor reference of payment ${holder.id} (${holder.status}). ${advice}`, {
    errors: [{ field: 'body/reference', message: `is already carried by payment ${holder.id}` }],
    extensions: { payment_id: holder.id, payment_status: holder.status },
  });
}

/** One payment of the caller's account and mode; another account's (or mode's) is a 404. */
export async function getPayment(ctx: Pick<AppContext, 'db'>, caller: PaymentCaller, id: string): Promise<PaymentsTable> {
  const row = await findPayment(ctx.db, caller.accountId, caller.livemode, id);
  if (!row) throw notFound(`Payment ${id}`);
  return row;
}

/** A page of payments and the cursor of the next one. */
export async function listPayments(ctx: Pick<AppContext, 'db'>, caller: PaymentCaller, filter: PaymentFilter, limit: number, cursor?: Cursor): Promise<Page<PaymentsTable>> {
  // An empty range is a mistake (the ends swapped), not a question with the answer "none".
  if (filter.createdFrom !== undefined && filter.createdTo !== undefined && filter.createdFrom >= filter.createdTo) {
    throw new AppError('validation_failed', 'created_from must be before created_to (created_to is exclusive); were the two swapped?', {
      errors: [{ field: 'querystring/created_from', message: 'must be before created_to' }],
    });
  }
  return fetchPage(limit, (take) => listPaymentRows(ctx.db, caller.accountId, caller.livemode, filter, take, cursor));
}

/** The final states and what a transition into each records. */
type FinalStatus = Exclude<PaymentStatus, 'pending'>;

/** What a transition writes besides the status. */
export interface TransitionDetails {
  via?: 'reconciliation' | 'manual' | 'simulation';
  note?: string | null;
  by?: string | null;
  failureReason?: string | null;
}

function transitionPatch(to: FinalStatus, now: number, details: TransitionDetails): Partial<PaymentsTable> & { status: string; updated_at: number } {
  const patch: Partial<PaymentsTable> & { status: string; updated_at: number } = { status: to, updated_at: now };
  if (to === 'succeeded') patch.paid_at = now;
  if (to === 'failed') {
    patch.failed_at = now;
    patch.failure_reason = details.failureReason ?? null;
  }
  if (to === 'expired') patch.expired_at = now;
  if (to === 'canceled') patch.canceled_at = now;
  if (details.via) {
    patch.settled_via = details.via;
    patch.settled_note = details.note ?? null;
    patch.settled_by = details.by ?? null;
  }
  return patch;
}

/**
 * Moves pending payments to `to` and emits payment.<to> for each one this call moved, in one
 * transaction. Returns the moved rows; a payment that was no longer pending is not among them.
 */
export async function transition(
  ctx: Ctx,
  scope: { accountId: string; livemode: boolean } | null,
  ids: readonly string[],
  to: FinalStatus,
  details: TransitionDetails = {},
  extra: { dueBy?: number; from?: 'pending' | 'expired' } = {},
): Promise<PaymentsTable[]> {
  if (ids.length === 0) return [];
  return inTransaction(ctx.db, (trx) => transitionWithin(trx, ctx, scope, ids, to, details, extra));
}

/** {@link transition} inside the caller's transaction (reconciliation moves payments with the bookings it records). */
export async function transitionWithin(
  trx: AppContext['db'],
  ctx: Pick<Ctx, 'clock' | 'config'>,
  scope: { accountId: string; livemode: boolean } | null,
  ids: readonly string[],
  to: FinalStatus,
  details: TransitionDetails = {},
  extra: { dueBy?: number; receivedInFull?: boolean; from?: 'pending' | 'expired' } = {},
): Promise<PaymentsTable[]> {
  if (ids.length === 0) return [];
  const moved = await transitionPayments(trx, scope, ids, transitionPatch(to, ctx.clock.now(), details), extra);
  if (moved.length === 0) return moved;
  let notify = moved;
  // A batch (a reconciliation settling thousands, a sweep) first asks who listens, so no event
  // JSON is built for accounts without an endpoint; one payment goes straight to the outbox.
  if (moved.length > 1) {
    const listening = await accountsListeningTo(trx, [...new Set(moved.map((row) => row.account_id))], `payment.${to}`);
    notify = moved.filter((row) => listening.has(row.account_id));
  }
  if (notify.length > 0)
    await emitEvents(
      trx,
      notify.map((row) => paymentEvent(`payment.${to}`, row, ctx.config.publicUrl)),
    );
  return moved;
}

async function transitionOne(ctx: Ctx, caller: PaymentCaller, id: string, to: FinalStatus, details: TransitionDetails): Promise<PaymentsTable> {
  const scope = { accountId: caller.accountId, livemode: caller.livemode };
  const current = await getPayment(ctx, caller, id);
  if (current.status === 'pending' && current.expires_at <= ctx.clock.now()) {
    // Its time is up (the pay page already says so): it expires now, once, as the sweeper would
    // have, instead of settling after its deadline in the gap before the next sweep.
    await transition(ctx, scope, [id], 'expired', {}, { dueBy: ctx.clock.now() });
    throw notPending(await getPayment(ctx, caller, id));
  }
  if (current.status !== 'pending') throw notPending(current);
  const [moved] = await transition(ctx, scope, [id], to, details);
  if (moved) return moved;
  // Another request or instance moved it between our read and our update.
  throw notPending(await getPayment(ctx, caller, id));
}

function notPending(row: PaymentsTable): AppError {
  const hint = row.status === 'expired' ? ' If its money arrived after the deadline and you accept it, mark it paid with "late": true.' : '';
  return new AppError('conflict', `Payment ${row.id} is already ${row.status}; only a pending payment can change, and each change happens once.${hint}`, {
    extensions: { payment_status: row.status },
  });
}

/** Cancels a pending payment (409 once it is no longer pending). */
export function cancelPayment(ctx: Ctx, caller: PaymentCaller, id: string): Promise<PaymentsTable> {
  return transitionOne(ctx, caller, id, 'canceled', { by: caller.actor });
}

/**
 * Marks a pending payment paid by hand, with a note and who did it. With `late`, an expired one
 * too: money that arrived after the deadline (reconciliation lists it as `late`) and that a person
 * accepts. Canceled and failed payments stay as they are.
 */
export async function markPaymentPaid(ctx: Ctx, caller: PaymentCaller, id: string, note: string, late = false): Promise<PaymentsTable> {
  const text = note.trim();
  if (text === '')
    throw new AppError('validation_failed', 'Say how the payment arrived (e.g. "cash at the counter", "transfer seen in the banking app").', {
      errors: [{ field: 'body/note', message: 'must not be blank' }],
    });
  const details: TransitionDetails = { via: 'manual', note: text, by: caller.actor };
  if (!late) return transitionOne(ctx, caller, id, 'succeeded', details);
  try {
    return await transitionOne(ctx, caller, id, 'succeeded', details);
  } catch (error) {
    if (!(error instanceof AppError) || error.extensions?.payment_status !== 'expired') throw error;
  }
  // Expired (just now by transitionOne, or earlier): it settles once, from expired.
  const scope = { accountId: caller.accountId, livemode: caller.livemode };
  const [moved] = await transition(ctx, scope, [id], 'succeeded', details, { from: 'expired' });
  if (moved) return moved;
  throw notPending(await getPayment(ctx, caller, id));
}

/** Test mode only: settles a test payment as the bank would, emitting the same events. */
export function simulatePayment(ctx: Ctx, caller: PaymentCaller, id: string, outcome: 'succeeded' | 'failed'): Promise<PaymentsTable> {
  if (caller.livemode) {
    throw new AppError('forbidden', 'Simulation works only on test payments: call it with a sec1-tst-… key, or signed in with mode=test. Live payments are settled by reconciliation or mark-paid.');
  }
  return transitionOne(ctx, caller, id, outcome, { via: 'simulation', by: caller.actor, failureReason: outcome === 'failed' ? 'simulated_failure' : null });
}

/** Sweeper: expires pending payments whose time is up; each exactly once, across instances. */
export async function expireDuePayments(ctx: Ctx, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = await listDuePaymentIds(ctx.db, ctx.clock.now(), batch);
    if (ids.length === 0) return total;
    const moved = await transition(ctx, null, ids, 'expired', {}, { dueBy: ctx.clock.now() });
    total += moved.length;
    if (ids.length < batch) return total;
    // Another instance took this whole batch: what is left is someone else's work now.
    if (moved.length === 0) return total;
  }
}
