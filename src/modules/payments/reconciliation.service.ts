// Bank reconciliation: a camt.053 statement or camt.054 notification in, a report out. The pure
// matcher (reconcile.ts) decides; this file loads just the payments the file's references name,
// and applies the decisions in one transaction: the bookings are recorded as consumed (so the same
// file again reports them as already matched and changes nothing), exact payments move to
// succeeded through the same conditional transition as everything else, and partial, overpaid,
// reversed or late money is flagged on the payment for a person.
import type { AppContext } from '../../context.ts';
import type { PaymentBankEntriesTable, PaymentsTable } from '../../db/schema.ts';
import { isUniqueViolation, toFlag } from '../../db/dialect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { parseCamt } from './camt.ts';
import type { CamtDocument } from './camt.ts';
import { reconcile, referencesToLookUp } from './reconcile.ts';
import type { MatchablePayment, PaymentState, ReconciliationReport, ReportLine } from './reconcile.ts';
import { findPaymentsByCreditorReference, insertBankEntries, knownBankEntries, updatePaymentReceipts, type PaymentReceipt } from './payment.repo.ts';
import { transitionWithin, type PaymentCaller } from './payment.service.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** What an upload produced: the document's identity, the report, and which payments it settled. */
export interface ReconciliationResult {
  document: Pick<CamtDocument, 'kind' | 'version' | 'messageId' | 'createdAt'> & { statements: number; entries: number };
  report: ReconciliationReport;
  /** Payments this upload moved to succeeded. */
  succeeded: string[];
}

const toMatchable = (row: PaymentsTable): MatchablePayment => ({
  id: row.id,
  reference: row.creditor_reference,
  amountMinor: row.amount_minor,
  currency: row.currency,
  status: row.status as PaymentState,
  receivedMinor: row.received_minor,
});

/** Reconciles one uploaded file against the caller's payments (live keys: live payments; test keys: test payments). */
export async function reconcileStatement(ctx: Ctx, caller: PaymentCaller, xml: string): Promise<ReconciliationResult> {
  const read = parseCamt(xml);
  if (!read.ok) {
    throw new AppError('validation_failed', `The upload cannot be reconciled: it ${read.reason}. Export an ISO 20022 camt.053 statement or camt.054 notification (XML) from online banking.`, {
      errors: [{ field: 'body', message: read.reason }],
    });
  }
  const doc = read.document;
  const items = doc.items;
  const document = { kind: doc.kind, version: doc.version, messageId: doc.messageId, createdAt: doc.createdAt, statements: doc.statements.length, entries: items.length };
  // A concurrent upload of overlapping bookings makes our insert of them collide: run again, and
  // the second pass sees them as already matched.
  for (let attempt = 0; ; attempt++) {
    try {
      return { document, ...(await reconcileOnce(ctx, caller, items)) };
    } catch (error) {
      if (isUniqueViolation(error) && attempt < 3) continue;
      throw error;
    }
  }
}

async function reconcileOnce(ctx: Ctx, caller: PaymentCaller, items: CamtDocument['items']): Promise<Omit<ReconciliationResult, 'document'>> {
  const scope = { accountId: caller.accountId, livemode: caller.livemode };
  const known = await knownBankEntries(ctx.db, caller.accountId, caller.livemode, [...new Set(items.map((i) => i.id))]);
  const rows = await findPaymentsByCreditorReference(ctx.db, caller.accountId, caller.livemode, referencesToLookUp(items));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const report = reconcile(items, rows.map(toMatchable), { isKnownEntry: (id) => known.has(id) });
  const now = ctx.clock.now();

  const lineOf = new Map<string, ReportLine>();
  for (const line of report.lines) if (!lineOf.has(line.entry_id)) lineOf.set(line.entry_id, line);
  const entries: PaymentBankEntriesTable[] = report.new_entry_ids.map((entryId) => {
    const line = lineOf.get(entryId);
    return {
      account_id: caller.accountId,
      livemode: toFlag(caller.livemode),
      entry_id: entryId,
      payment_id: line?.payment_id ?? null,
      outcome: line?.outcome ?? 'ignored',
      amount_minor: line?.amount_minor ?? null,
      currency: line?.currency ?? null,
      created_at: now,
    };
  });

  return inTransaction(ctx.db, async (trx) => {
    await insertBankEntries(trx, entries);
    const toSucceed = report.payments.filter((p) => p.mark_succeeded).map((p) => p.payment_id);
    const moved = await transitionWithin(trx, ctx, scope, toSucceed, 'succeeded', { via: 'reconciliation', note: null, by: 'reconciliation' }, { receivedInFull: true });
    const movedIds = new Set(moved.map((r) => r.id));
    const receipts: PaymentReceipt[] = [];
    for (const action of report.payments) {
      const row = byId.get(action.payment_id)!;
      const before = JSON.parse(row.flags) as string[];
      const flags = new Set<string>(before);
      for (const f of action.flags) flags.add(f);
      const settled = movedIds.has(action.payment_id);
      // Matched now but moved by someone else first (canceled or expired meanwhile): money arrived late.
      if (action.mark_succeeded && !settled) flags.add('late');
      if (settled) flags.delete('partial');
      const received = settled ? row.amount_minor : action.received_minor;
      // A settled payment's received amount was written by its transition already.
      const stored = settled ? row.amount_minor : row.received_minor;
      const after = [...flags];
      if (received === stored && after.length === before.length && after.every((f) => before.includes(f))) continue;
      receipts.push({ id: action.payment_id, receivedMinor: received, flags: JSON.stringify(after) });
    }
    await updatePaymentReceipts(trx, receipts, now);
    return { report, succeeded: [...movedIds] };
  });
}
