// The groups of a reconciliation report in the order a person works through them: what settled,
// what needs a look, then what was found but changed nothing. Titles and explanations in plain words.
import type { ReconciliationReport, ReportLine } from '../api/payments.ts';

export interface ReportGroup {
  key: string;
  title: string;
  /** What the group means and what to do about it. */
  explanation: string;
  tone: 'success' | 'warning' | 'neutral';
  lines: ReportLine[];
}

const GROUPS: ReadonlyArray<{ key: keyof ReconciliationReport; title: string; explanation: string; tone: ReportGroup['tone'] }> = [
  { key: 'matched', title: 'Paid', explanation: 'The exact amount arrived with the payment’s reference: the payment is now paid and your systems were told.', tone: 'success' },
  { key: 'partial', title: 'Paid in part', explanation: 'Less than the amount asked arrived. The payment stays open and is marked for a look.', tone: 'warning' },
  {
    key: 'overpaid',
    title: 'Paid too much',
    explanation: 'More than the amount asked arrived. The payment stays open and is marked for a look: settle it by hand, and refund the difference.',
    tone: 'warning',
  },
  { key: 'not_pending', title: 'For a payment no longer open', explanation: 'Money for a payment already cancelled, expired or paid: marked for a look.', tone: 'warning' },
  { key: 'foreign_currency', title: 'In another currency', explanation: 'The reference matched but the currency did not: the payment stays open and is marked for a look.', tone: 'warning' },
  { key: 'unmatched', title: 'No payment found', explanation: 'Credits whose reference names none of your payments (rent, refunds, a mistyped reference).', tone: 'neutral' },
  { key: 'reversals', title: 'Reversals', explanation: 'Bookings the bank reversed. The payment they concern is marked for a look: check whether the money was returned.', tone: 'warning' },
  { key: 'already_matched', title: 'Already reconciled', explanation: 'Bookings from a file uploaded before: nothing changed.', tone: 'neutral' },
  { key: 'ignored', title: 'Not credits', explanation: 'Debits and bookings that are not incoming payments.', tone: 'neutral' },
];

/** The report's non-empty groups, in working order. */
export function reportGroups(report: ReconciliationReport): ReportGroup[] {
  return GROUPS.flatMap(({ key, ...rest }) => {
    const lines = (report[key] as ReportLine[] | undefined) ?? [];
    return lines.length > 0 ? [{ key, ...rest, lines }] : [];
  });
}
