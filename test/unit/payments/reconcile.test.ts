// Matching statement items to payments: every outcome the report distinguishes, idempotence
// across runs and across camt.053/camt.054 files of the same bookings, and the per-payment
// actions phase 2 applies.

import { describe, it, expect } from 'vitest';
import { indexPayments, parseCamt, qrReferenceFromDigits, reconcile, referencesToLookUp, rfFromBody } from '../../../src/modules/payments/index.ts';
import type { MatchablePayment, StatementItem } from '../../../src/modules/payments/index.ts';
import { camtXml } from './camt-fixtures.ts';
import type { FixtureEntry } from './camt-fixtures.ts';

const RF = {
  exact: rfFromBody('ORDER1001'),
  text: rfFromBody('ORDER1002'),
  overpaid: rfFromBody('ORDER1003'),
  paid: rfFromBody('ORDER1004'),
  foreign: rfFromBody('ORDER1005'),
  instalments: rfFromBody('ORDER1006'),
  a: rfFromBody('ORDER1007'),
  b: rfFromBody('ORDER1008'),
  unknown: rfFromBody('NOSUCHORDER'),
};
const QRR = qrReferenceFromDigits('20261120000042');
const TXID = 'PIX0000000000000000000042';

const PAYMENTS: MatchablePayment[] = [
  { id: 'pay_exact', reference: RF.exact, amountMinor: 12000, currency: 'EUR', status: 'pending' },
  { id: 'pay_text', reference: RF.text, amountMinor: 7550, currency: 'EUR', status: 'pending' },
  { id: 'pay_qrr', reference: QRR, amountMinor: 1000, currency: 'EUR', status: 'pending' },
  { id: 'pay_pix', reference: TXID, amountMinor: 2500, currency: 'EUR', status: 'pending' },
  { id: 'pay_over', reference: RF.overpaid, amountMinor: 5000, currency: 'EUR', status: 'pending' },
  { id: 'pay_paid', reference: RF.paid, amountMinor: 4000, currency: 'EUR', status: 'succeeded' },
  { id: 'pay_foreign', reference: RF.foreign, amountMinor: 9900, currency: 'CHF', status: 'pending' },
  { id: 'pay_instalments', reference: RF.instalments, amountMinor: 5000, currency: 'EUR', status: 'pending' },
  { id: 'pay_a', reference: RF.a, amountMinor: 1000, currency: 'EUR', status: 'pending' },
  { id: 'pay_b', reference: RF.b, amountMinor: 1000, currency: 'EUR', status: 'pending' },
  { id: 'pay_expired', reference: 'EXPIREDUPITR0001', amountMinor: 1500, currency: 'EUR', status: 'expired' },
];

const ENTRIES: FixtureEntry[] = [
  // 0 exact match by structured reference (the text names another payment: structured wins)
  { amount: '120.00', acctSvcrRef: 'B1', txs: [{ amount: '120.00', reference: RF.exact, ustrd: [`see ${RF.a}`], debtor: 'Anna Keller' }] },
  // 1 reference typed with spaces in the free text
  { amount: '75.50', acctSvcrRef: 'B2', txs: [{ ustrd: [`Invoice ${RF.text.replace(/(.{4})/g, '$1 ')} thanks`] }] },
  // 2 a batch: QR reference, Pix txid (partial), unknown reference
  {
    amount: '45.00',
    acctSvcrRef: 'B3',
    batchCount: 3,
    txs: [
      { amount: '10.00', acctSvcrRef: 'B3-1', reference: QRR, referenceType: 'QRR' },
      { amount: '20.00', acctSvcrRef: 'B3-2', ustrd: [`Pix ${TXID}`] },
      { amount: '15.00', acctSvcrRef: 'B3-3', reference: RF.unknown },
    ],
  },
  // 5 overpaid
  { amount: '60.00', acctSvcrRef: 'B4', txs: [{ amount: '60.00', reference: RF.overpaid }] },
  // 6 money for a payment already paid
  { amount: '40.00', acctSvcrRef: 'B5', txs: [{ amount: '40.00', reference: RF.paid }] },
  // 7 foreign currency: EUR credited for a CHF payment
  { amount: '95.00', acctSvcrRef: 'B6', txs: [{ amount: '95.00', reference: RF.foreign, instructed: { amount: '99.00', currency: 'CHF' } }] },
  // 8, 9 instalments: 30 then 20 of 50
  { amount: '30.00', acctSvcrRef: 'B7', txs: [{ amount: '30.00', reference: RF.instalments }] },
  { amount: '20.00', acctSvcrRef: 'B8', bookingDate: '2026-11-21', txs: [{ amount: '20.00', reference: RF.instalments }] },
  // 10 reversal of the exact match
  { amount: '120.00', direction: 'DBIT', reversal: true, acctSvcrRef: 'B9', txs: [{ amount: '120.00', reference: RF.exact }] },
  // 11 no reference at all
  { amount: '12.00', acctSvcrRef: 'B10', txs: [{ amount: '12.00', ustrd: ['Birthday present'] }] },
  // 12 ambiguous: the text names two pending payments
  { amount: '10.00', acctSvcrRef: 'B11', txs: [{ amount: '10.00', ustrd: [`${RF.a} and ${RF.b}`] }] },
  // 13 a debit, 14 a pending entry
  { amount: '9.00', direction: 'DBIT', acctSvcrRef: 'B12', txs: [{ amount: '9.00', ustrd: ['fee'] }] },
  { amount: '10.00', status: 'PDNG', acctSvcrRef: 'B13', txs: [{ amount: '10.00', reference: RF.a }] },
  // 15 the same booking twice in one file
  { amount: '30.00', acctSvcrRef: 'B7', txs: [{ amount: '30.00', reference: RF.instalments }] },
  // 16 a late payment after expiry, found as a word in the text
  { amount: '15.00', acctSvcrRef: 'B14', txs: [{ amount: '15.00', ustrd: ['UPI/EXPIREDUPITR0001/x'] }] },
  // 17 a batch without per-transaction amounts
  { amount: '30.00', acctSvcrRef: 'B15', batchCount: 2, txs: [{ reference: RF.a }, { reference: RF.b }] },
];

function items(kind: '053' | '054', version: number, entries = ENTRIES): StatementItem[] {
  const r = parseCamt(camtXml({ kind, version, reports: [entries] }));
  if (!r.ok) throw new Error(r.reason);
  return r.document.items;
}

describe('reconcile', () => {
  const report = reconcile(items('054', 8), PAYMENTS);
  const line = (i: number) => report.lines[i]!;

  it('reports every item once, in statement order, with its outcome', () => {
    expect(report.lines.map((l) => [l.outcome, l.payment_id])).toEqual([
      ['matched', 'pay_exact'],
      ['matched', 'pay_text'],
      ['matched', 'pay_qrr'],
      ['partial', 'pay_pix'],
      ['unmatched', null],
      ['overpaid', 'pay_over'],
      ['not_pending', 'pay_paid'],
      ['foreign_currency', 'pay_foreign'],
      ['partial', 'pay_instalments'],
      ['matched', 'pay_instalments'],
      ['reversal', 'pay_exact'],
      ['unmatched', null],
      ['unmatched', null],
      ['ignored', null],
      ['ignored', 'pay_a'],
      ['already_matched', null],
      ['not_pending', 'pay_expired'],
      ['unmatched', 'pay_a'],
      ['unmatched', 'pay_b'],
    ]);
    const groups = ['matched', 'partial', 'overpaid', 'unmatched', 'already_matched', 'foreign_currency', 'reversals', 'not_pending', 'ignored'] as const;
    expect(groups.reduce((n, g) => n + report[g].length, 0)).toBe(report.lines.length);
    expect(report.matched.map((l) => l.payment_id)).toEqual(['pay_exact', 'pay_text', 'pay_qrr', 'pay_instalments']);
  });

  it('explains each outcome with amounts a person can act on', () => {
    expect(line(0)).toMatchObject({
      reference: RF.exact,
      amount_minor: 12000,
      currency: 'EUR',
      expected_minor: 12000,
      received_minor: 12000,
      account_servicer_reference: 'B1',
      debtor_name: 'Anna Keller',
      booking_date: '2026-11-20',
      reason: 'reference and amount match',
    });
    expect(line(3).reason).toBe('EUR 20.00 of EUR 25.00 received; EUR 5.00 missing');
    expect(line(4).reason).toBe(`no payment carries the reference ${RF.unknown}`);
    expect(line(5).reason).toBe('EUR 60.00 received for EUR 50.00: EUR 10.00 too much');
    expect(line(6).reason).toContain('already paid');
    expect(line(7).reason).toBe('credited in EUR, the payment asks for CHF (the payer instructed CHF 99.00)');
    expect(line(9).reason).toBe('completes earlier partial transfers: EUR 50.00 received in total');
    expect(line(10).reason).toContain('reversed');
    expect(line(11).reason).toBe('the payer’s message “Birthday present” names none of your payments');
    expect(line(12).reason).toBe(`ambiguous: the remittance information names 2 payments (${RF.a}, ${RF.b})`);
    expect(line(13).reason).toContain('a debit');
    expect(line(14).reason).toContain('not booked');
    expect(line(15).reason).toBe('the same booking appears earlier in this file');
    expect(line(16).reason).toContain('expired');
    expect(line(17).reason).toContain('a batch of 2 bookings without an amount per transaction');
  });

  it('tells the caller per payment what to do: mark paid, or flag for a person', () => {
    const byId = Object.fromEntries(report.payments.map((p) => [p.payment_id, p]));
    expect(byId.pay_exact).toMatchObject({ mark_succeeded: true, flags: ['reversed'], received_minor: 12000 });
    expect(byId.pay_text).toMatchObject({ mark_succeeded: true, flags: [] });
    expect(byId.pay_pix).toMatchObject({ mark_succeeded: false, flags: ['partial'], received_minor: 2000, expected_minor: 2500 });
    expect(byId.pay_over).toMatchObject({ mark_succeeded: false, flags: ['overpaid'], received_minor: 6000 });
    expect(byId.pay_paid).toMatchObject({ mark_succeeded: false, flags: ['late'] });
    expect(byId.pay_foreign).toMatchObject({ mark_succeeded: false, flags: ['foreign_currency'], received_minor: 0 });
    expect(byId.pay_instalments).toMatchObject({ mark_succeeded: true, flags: [], received_minor: 5000 });
    expect(byId.pay_instalments!.entry_ids).toHaveLength(2);
    expect(byId.pay_expired).toMatchObject({ mark_succeeded: false, flags: ['late'] });
    // Named only by an unusable batch: nothing to do.
    expect(byId.pay_b).toBeUndefined();
  });

  it('changes nothing when the same file comes again', () => {
    const stored = new Set(report.new_entry_ids);
    expect(stored.size).toBe(report.lines.length - 1); // the in-file duplicate is one booking
    const again = reconcile(items('054', 8), PAYMENTS, { isKnownEntry: (id) => stored.has(id) });
    expect(again.lines.every((l) => l.outcome === 'already_matched')).toBe(true);
    expect(again.lines.every((l) => l.reason === 'this booking was reconciled by an earlier upload' || l.reason === 'the same booking appears earlier in this file')).toBe(true);
    expect(again.payments).toEqual([]);
    expect(again.new_entry_ids).toEqual([]);
  });

  it('recognises the bookings of camt.054 notifications in the later camt.053 statement (another version, too)', () => {
    const stored = new Set(reconcile(items('054', 8, ENTRIES.slice(0, 5)), PAYMENTS).new_entry_ids);
    const statement = reconcile(items('053', 2), PAYMENTS, { isKnownEntry: (id) => stored.has(id) });
    // Seven bookings seen in the notification, plus the statement's own duplicate line.
    expect(statement.already_matched).toHaveLength(8);
    expect(statement.matched.map((l) => l.payment_id)).toEqual(['pay_instalments']);
  });

  it('continues earlier partial payments and respects payments that are no longer pending', () => {
    const r = reconcile(items('054', 8, [ENTRIES[7]!]), [{ ...PAYMENTS[7]!, receivedMinor: 3000 }]);
    expect(r.lines[0]).toMatchObject({ outcome: 'matched', received_minor: 5000 });
    const canceled = reconcile(items('054', 8, [ENTRIES[0]!]), [{ ...PAYMENTS[0]!, status: 'canceled' }]);
    expect(canceled.lines[0]).toMatchObject({ outcome: 'not_pending', reason: expect.stringContaining('canceled') });
    // A second transfer for an already matched payment in the same file is late money, not a second success.
    const twice = reconcile(items('054', 8, [ENTRIES[0]!, { ...ENTRIES[0]!, acctSvcrRef: 'B1-again' }]), PAYMENTS);
    expect(twice.lines.map((l) => l.outcome)).toEqual(['matched', 'not_pending']);
    expect(twice.payments[0]).toMatchObject({ mark_succeeded: true, flags: ['late'], received_minor: 24000 });
  });

  it('lists the references to load, and accepts a prebuilt index', () => {
    const all = items('054', 8);
    const refs = referencesToLookUp(all);
    // Every payment the statement names is among them, so the caller can load exactly those.
    for (const p of PAYMENTS) expect(refs, p.id).toContain(p.reference);
    expect(refs).toContain(RF.unknown);
    expect(reconcile(all, indexPayments(PAYMENTS)).lines.map((l) => l.outcome)).toEqual(report.lines.map((l) => l.outcome));
  });
});
