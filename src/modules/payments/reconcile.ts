// Matching bank credits to payments, purely: statement items in, a report out. Each item finds
// its payment through the references in its remittance information (structured first, then
// references spelled out in the text, then words), against an index keyed by normalised
// reference, so the work is linear in items + payments. Nothing is decided twice: items whose
// identity the caller has already stored are reported as already matched, so feeding the same
// file again changes nothing; partial and excess amounts are flagged for a person, never
// marked paid.

import { formatAmount, currencyInfo } from './currency.ts';
import { normalizeReference } from './creditor-reference.ts';
import type { StatementItem } from './camt.ts';

/** Lifecycle states of a payment, as far as matching cares. */
export type PaymentState = 'pending' | 'succeeded' | 'failed' | 'expired' | 'canceled';

/** A payment as matching sees it. */
export interface MatchablePayment {
  id: string;
  /** The structured creditor reference it was issued with (RF, QR reference, txid, tr). */
  reference: string;
  amountMinor: number;
  currency: string;
  status: PaymentState;
  /** Credited by earlier partial transfers (stored by the caller); 0 when none. */
  receivedMinor?: number;
}

/** Payments by normalised reference. */
export type PaymentIndex = ReadonlyMap<string, MatchablePayment>;

/** Builds the index matching looks payments up in. */
export function indexPayments(payments: Iterable<MatchablePayment>): PaymentIndex {
  const index = new Map<string, MatchablePayment>();
  for (const p of payments) index.set(normalizeReference(p.reference), p);
  return index;
}

/** Every distinct reference the items could match, for the caller to load just those payments. */
export function referencesToLookUp(items: Iterable<StatementItem>): string[] {
  const refs = new Set<string>();
  for (const item of items) for (const c of item.candidates) refs.add(c.reference);
  return [...refs];
}

/** What became of one item. */
export type Outcome = 'matched' | 'partial' | 'overpaid' | 'unmatched' | 'already_matched' | 'foreign_currency' | 'reversal' | 'not_pending' | 'ignored';

/** One line of the report. */
export interface ReportLine {
  entry_id: string;
  outcome: Outcome;
  payment_id: string | null;
  reference: string | null;
  amount_minor: number | null;
  currency: string | null;
  /** What the payment asked for, and what has arrived for it so far including this item. */
  expected_minor: number | null;
  received_minor: number | null;
  booking_date: string | null;
  account_servicer_reference: string | null;
  debtor_name: string | null;
  reason: string;
}

/** Why a person should look at a payment after a run. */
export type PaymentFlag = 'partial' | 'overpaid' | 'reversed' | 'late' | 'foreign_currency';

/** What the caller should do to one payment after this run (its final state over all the run's items). */
export interface PaymentAction {
  payment_id: string;
  /** The payment was pending and its exact amount arrived: mark it paid. */
  mark_succeeded: boolean;
  /**
   * partial: less than asked arrived so far; overpaid: more (not marked paid); reversed: the bank
   * reversed a booking for it; late: money arrived while it was no longer pending (paid twice,
   * or after expiry or cancellation); foreign_currency: a credit for it came in another currency.
   */
  flags: PaymentFlag[];
  received_minor: number;
  expected_minor: number;
  entry_ids: string[];
}

/** The whole report: every line in statement order, the same lines grouped, and the per-payment actions. */
export interface ReconciliationReport {
  lines: ReportLine[];
  matched: ReportLine[];
  partial: ReportLine[];
  overpaid: ReportLine[];
  unmatched: ReportLine[];
  already_matched: ReportLine[];
  foreign_currency: ReportLine[];
  reversals: ReportLine[];
  not_pending: ReportLine[];
  ignored: ReportLine[];
  payments: PaymentAction[];
  /** Identities to store as seen (every item not already known), so a second run reports them as already matched. */
  new_entry_ids: string[];
}

/** Options for {@link reconcile}. */
export interface ReconcileOptions {
  /** Identities stored by earlier runs. */
  isKnownEntry?: (id: string) => boolean;
}

const GROUP: Record<Outcome, keyof ReconciliationReport> = {
  matched: 'matched',
  partial: 'partial',
  overpaid: 'overpaid',
  unmatched: 'unmatched',
  already_matched: 'already_matched',
  foreign_currency: 'foreign_currency',
  reversal: 'reversals',
  not_pending: 'not_pending',
  ignored: 'ignored',
};

const show = (minor: number, currency: string): string => {
  const info = currencyInfo(currency);
  return info ? formatAmount(minor, info) : `${currency} ${minor}`;
};

type Lookup = { payment: MatchablePayment; reference: string } | { payment: null; reason: string };

function lookUp(item: StatementItem, index: PaymentIndex): Lookup {
  if (item.candidates.length === 0) return { payment: null, reason: 'no reference in the remittance information' };
  // The first source (structured, text, word) that finds anything decides; two payments from one source is ambiguous.
  for (const source of ['structured', 'text', 'word'] as const) {
    const hits = new Map<string, { payment: MatchablePayment; reference: string }>();
    for (const c of item.candidates) {
      if (c.source !== source) continue;
      const payment = index.get(c.reference);
      if (payment && !hits.has(payment.id)) hits.set(payment.id, { payment, reference: c.reference });
    }
    if (hits.size === 1) return [...hits.values()][0]!;
    if (hits.size > 1) return { payment: null, reason: `ambiguous: the remittance information names ${hits.size} payments (${[...hits.values()].map((h) => h.reference).join(', ')})` };
  }
  const first = item.candidates[0]!;
  // Only words of the payer's message were tried: it quoted no reference, so naming one of its words
  // ("the reference BIRTHDAY") as if it were one misleads; quote the message instead.
  if (first.source === 'word') return { payment: null, reason: `the payer’s message “${messageExcerpt(item.unstructured)}” names none of your payments` };
  return { payment: null, reason: `no payment carries the reference ${first.reference}` };
}

/** The payer's free text for a reason: spaces collapsed, at most 140 characters (one SEPA line). */
function messageExcerpt(unstructured: readonly string[]): string {
  const text = unstructured.join(' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(text);
  return chars.length > 140 ? `${chars.slice(0, 139).join('')}…` : text;
}

interface PaymentProgress {
  payment: MatchablePayment;
  status: PaymentState;
  received: number;
  succeededNow: boolean;
  reversed: boolean;
  late: boolean;
  foreignCurrency: boolean;
  entryIds: string[];
}

/** Reconciles statement items against payments (an index, or any iterable of them). */
export function reconcile(items: Iterable<StatementItem>, payments: PaymentIndex | Iterable<MatchablePayment>, options: ReconcileOptions = {}): ReconciliationReport {
  const index = payments instanceof Map ? (payments as PaymentIndex) : indexPayments(payments as Iterable<MatchablePayment>);
  const isKnown = options.isKnownEntry ?? (() => false);
  const report: ReconciliationReport = {
    lines: [],
    matched: [],
    partial: [],
    overpaid: [],
    unmatched: [],
    already_matched: [],
    foreign_currency: [],
    reversals: [],
    not_pending: [],
    ignored: [],
    payments: [],
    new_entry_ids: [],
  };
  const seenThisRun = new Set<string>();
  const progress = new Map<string, PaymentProgress>();

  // Payments touched by this run, in order of first appearance.
  const progressOf = (payment: MatchablePayment, entryId: string): PaymentProgress => {
    let p = progress.get(payment.id);
    if (!p)
      progress.set(
        payment.id,
        (p = { payment, status: payment.status, received: payment.receivedMinor ?? 0, succeededNow: false, reversed: false, late: false, foreignCurrency: false, entryIds: [] }),
      );
    p.entryIds.push(entryId);
    return p;
  };

  for (const item of items) {
    const line: ReportLine = {
      entry_id: item.id,
      outcome: 'ignored',
      payment_id: null,
      reference: null,
      amount_minor: item.amount?.minor ?? null,
      currency: item.amount?.currency ?? null,
      expected_minor: null,
      received_minor: null,
      booking_date: item.bookingDate,
      account_servicer_reference: item.accountServicerReference,
      debtor_name: item.debtorName,
      reason: '',
    };
    const emit = (outcome: Outcome, reason: string): void => {
      line.outcome = outcome;
      line.reason = reason;
      report.lines.push(line);
      (report[GROUP[outcome]] as ReportLine[]).push(line);
    };

    if (isKnown(item.id) || seenThisRun.has(item.id)) {
      emit('already_matched', seenThisRun.has(item.id) ? 'the same booking appears earlier in this file' : 'this booking was reconciled by an earlier upload');
      continue;
    }
    seenThisRun.add(item.id);
    report.new_entry_ids.push(item.id);

    const found = lookUp(item, index);
    if (found.payment) {
      line.payment_id = found.payment.id;
      line.reference = found.reference;
      line.expected_minor = found.payment.amountMinor;
    }
    if (item.reversal) {
      if (found.payment) progressOf(found.payment, item.id).reversed = true;
      emit('reversal', `the bank reversed a booking (RvslInd)${found.payment ? `; it concerns payment ${found.payment.id}` : ''}: check whether the money was returned`);
      continue;
    }
    if (item.status !== 'booked') {
      emit('ignored', `the entry is not booked (status ${item.status}); only booked entries settle payments`);
      continue;
    }
    if (item.direction !== 'credit') {
      emit('ignored', item.direction === 'debit' ? 'a debit: money leaving the account pays no payment' : 'the entry states neither credit nor debit (CdtDbtInd)');
      continue;
    }
    if (!found.payment) {
      emit('unmatched', found.reason);
      continue;
    }
    if (!item.amount || item.amount.minor === null) {
      emit(
        'unmatched',
        item.amount
          ? `the amount ${item.amount.currency} ${item.amount.text} cannot be read`
          : `a batch of ${item.batchSize} bookings without an amount per transaction; ask the bank for camt.054 with transaction details`,
      );
      continue;
    }
    const p = progressOf(found.payment, item.id);
    if (item.amount.currency !== found.payment.currency) {
      p.foreignCurrency = true;
      emit(
        'foreign_currency',
        `credited in ${item.amount.currency}, the payment asks for ${found.payment.currency}${item.instructedAmount ? ` (the payer instructed ${item.instructedAmount.currency} ${item.instructedAmount.text})` : ''}`,
      );
      continue;
    }
    if (p.status !== 'pending') {
      p.received += item.amount.minor;
      line.received_minor = p.received;
      p.late = true;
      emit('not_pending', `money arrived for a payment that is ${p.status === 'succeeded' ? 'already paid' : p.status}: refund it or settle it by hand`);
      continue;
    }
    p.received += item.amount.minor;
    line.received_minor = p.received;
    const expected = found.payment.amountMinor;
    const cur = found.payment.currency;
    if (p.received === expected) {
      p.status = 'succeeded';
      p.succeededNow = true;
      emit('matched', p.received === item.amount.minor ? 'reference and amount match' : `completes earlier partial transfers: ${show(p.received, cur)} received in total`);
    } else if (p.received < expected) {
      emit('partial', `${show(p.received, cur)} of ${show(expected, cur)} received; ${show(expected - p.received, cur)} missing`);
    } else {
      emit('overpaid', `${show(p.received, cur)} received for ${show(expected, cur)}: ${show(p.received - expected, cur)} too much`);
    }
  }
  for (const p of progress.values()) {
    const expected = p.payment.amountMinor;
    const flags: PaymentFlag[] = [];
    if (p.status === 'pending' && p.received > 0 && p.received < expected) flags.push('partial');
    if (p.status === 'pending' && p.received > expected) flags.push('overpaid');
    if (p.reversed) flags.push('reversed');
    if (p.late) flags.push('late');
    if (p.foreignCurrency) flags.push('foreign_currency');
    report.payments.push({ payment_id: p.payment.id, mark_succeeded: p.succeededNow, flags, received_minor: p.received, expected_minor: expected, entry_ids: p.entryIds });
  }
  return report;
}
