// POST /api/v1/payments/reconciliations against camt.053 and camt.054 files the test builds:
// several entries per statement, a batched entry, a reversal, a foreign currency, partial and
// overpaid credits, an unmatched entry, a duplicate upload (changes nothing), test/live scoping,
// and refusal of DTDs and non-XML bodies.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { INIT, initPayment, putProfile, testKey } from '../helpers/payments.ts';
import { type Receiver, startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';
import { camtXml, type FixtureEntry } from '../unit/payments/camt-fixtures.ts';

describeDialects('payment reconciliation', (dialect) => {
  let t: TestApp;
  let account: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    account = await signUp(t.app);
    await putProfile(t.app, account);
  });
  afterEach(() => t.close());

  const upload = (xml: string, key = account.apiKey, type = 'application/xml') =>
    t.app.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers: { ...authHeaders(key), 'content-type': type }, payload: xml });
  const payment = async (key: string, body: Record<string, unknown>) => {
    const res = await initPayment(t.app, key, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().data as { id: string; creditor_reference: { value: string; display: string } };
  };
  const get = async (id: string, key = account.apiKey) => (await t.app.inject({ method: 'GET', url: `/api/v1/payments/${id}`, headers: authHeaders(key) })).json().data;
  const ids = (lines: Array<{ payment_id: string | null }>) => lines.map((l) => l.payment_id);

  it('matches a camt.053 statement: exact, partial, overpaid, batched, reversal, foreign currency, unmatched; the same file again changes nothing', async () => {
    const receiver: Receiver = await startReceiver();
    try {
      const headers = authHeaders(account.apiKey);
      const secret = (await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers })).json().data.secret;
      await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/endpoints', headers, payload: { url: `${receiver.url}/hook`, event_types: ['payment.succeeded'] } });

      const exact = await payment(account.apiKey, { ...INIT.sepa, amount: 12000, reference: 'order-1001' });
      const partial = await payment(account.apiKey, { ...INIT.sepa, amount: 7550, reference: 'order-1002' });
      const over = await payment(account.apiKey, { ...INIT.sepa, amount: 5000, reference: 'order-1003' });
      const batchA = await payment(account.apiKey, { ...INIT.sepa, amount: 1000, reference: 'order-1004' });
      const batchB = await payment(account.apiKey, { ...INIT.sepa, amount: 2000, reference: 'order-1005' });
      const foreign = await payment(account.apiKey, { ...INIT.sepa, amount: 9900, reference: 'order-1006' });
      const swiss = await payment(account.apiKey, INIT.swiss_qr);
      const untouched = await payment(account.apiKey, { ...INIT.sepa, amount: 100, reference: 'order-1007' });

      const entries: FixtureEntry[] = [
        { amount: '120.00', acctSvcrRef: 'B-1', txs: [{ amount: '120.00', reference: exact.creditor_reference.value, acctSvcrRef: 'T-1', debtor: 'Ada Lovelace' }] },
        // The payer typed the reference in the free text, in its paper form.
        { amount: '50.00', acctSvcrRef: 'B-2', txs: [{ amount: '50.00', ustrd: [`Payment ${partial.creditor_reference.display}`], acctSvcrRef: 'T-2' }] },
        { amount: '60.00', acctSvcrRef: 'B-3', txs: [{ amount: '60.00', reference: over.creditor_reference.value, acctSvcrRef: 'T-3' }] },
        // One booking, two transfers.
        {
          amount: '30.00',
          acctSvcrRef: 'B-4',
          txs: [
            { amount: '10.00', reference: batchA.creditor_reference.value, acctSvcrRef: 'T-4a' },
            { amount: '20.00', reference: batchB.creditor_reference.value, acctSvcrRef: 'T-4b' },
          ],
        },
        { amount: '99.00', currency: 'USD', acctSvcrRef: 'B-5', txs: [{ amount: '99.00', currency: 'USD', reference: foreign.creditor_reference.value, acctSvcrRef: 'T-5' }] },
        { amount: '15.00', acctSvcrRef: 'B-6', txs: [{ amount: '15.00', ustrd: ['Invoice 77 thanks'], acctSvcrRef: 'T-6' }] },
        { amount: '5.00', reversal: true, direction: 'DBIT', acctSvcrRef: 'B-7', txs: [{ amount: '5.00', direction: 'DBIT', reference: untouched.creditor_reference.value, acctSvcrRef: 'T-7' }] },
        { amount: '1949.75', currency: 'CHF', acctSvcrRef: 'B-8', txs: [{ amount: '1949.75', currency: 'CHF', reference: swiss.creditor_reference.value, referenceType: 'QRR', acctSvcrRef: 'T-8' }] },
      ];
      const xml = camtXml({ kind: '053', version: 8, messageId: 'STMT-2026-11-20', reports: [entries] });
      const res = await upload(xml);
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json().data;
      expect(report.document).toMatchObject({ kind: 'camt.053', version: 8, message_id: 'STMT-2026-11-20', statements: 1, entries: 9 });
      expect(ids(report.matched).sort()).toEqual([exact.id, batchA.id, batchB.id, swiss.id].sort());
      expect(ids(report.partial)).toEqual([partial.id]);
      expect(report.partial[0]).toMatchObject({ amount: 5000, expected_amount: 7550, received_amount: 5000, reason: expect.stringContaining('EUR 25.50 missing') });
      expect(ids(report.overpaid)).toEqual([over.id]);
      expect(ids(report.foreign_currency)).toEqual([foreign.id]);
      expect(ids(report.reversals)).toEqual([untouched.id]);
      expect(report.unmatched).toHaveLength(1);
      expect(report.unmatched[0]).toMatchObject({ payment_id: null, amount: 1500, account_servicer_reference: 'T-6' });
      expect(report.matched.find((l: { payment_id: string }) => l.payment_id === exact.id)).toMatchObject({ debtor_name: 'Ada Lovelace', booking_date: '2026-11-20' });
      expect(report.summary).toMatchObject({ matched: 4, partial: 1, overpaid: 1, unmatched: 1, already_matched: 0, foreign_currency: 1, reversals: 1, payments_succeeded: 4 });

      expect(await get(exact.id)).toMatchObject({ status: 'succeeded', received_amount: 12000, settlement: { via: 'reconciliation' }, flags: [] });
      expect(await get(partial.id)).toMatchObject({ status: 'pending', received_amount: 5000, flags: ['partial'] });
      expect(await get(over.id)).toMatchObject({ status: 'pending', received_amount: 6000, flags: ['overpaid'] });
      expect(await get(foreign.id)).toMatchObject({ status: 'pending', flags: ['foreign_currency'] });
      expect(await get(untouched.id)).toMatchObject({ status: 'pending', flags: ['reversed'] });

      // The same file again: every booking is already matched and nothing changes.
      t.clock.advance(60_000);
      const again = (await upload(xml)).json().data;
      expect(again.summary).toMatchObject({ matched: 0, partial: 0, overpaid: 0, unmatched: 0, already_matched: 9, payments_succeeded: 0 });
      expect(await get(partial.id)).toMatchObject({ received_amount: 5000, flags: ['partial'] });
      expect((await get(exact.id)).updated_at).toBe((await get(exact.id)).paid_at);

      // The rest of the partial payment arrives in a camt.054 notification: it completes.
      const rest = camtXml({
        kind: '054',
        version: 2,
        messageId: 'NTF-1',
        reports: [[{ amount: '25.50', acctSvcrRef: 'B-9', txs: [{ amount: '25.50', reference: partial.creditor_reference.value, acctSvcrRef: 'T-9' }] }]],
      });
      const completed = (await upload(rest, account.apiKey, 'text/xml')).json().data;
      expect(completed.matched[0]).toMatchObject({ payment_id: partial.id, received_amount: 7550, reason: expect.stringContaining('completes earlier partial') });
      expect(await get(partial.id)).toMatchObject({ status: 'succeeded', received_amount: 7550, flags: [] });

      // Money for an already-paid payment is flagged, not counted twice.
      const twice = camtXml({
        kind: '054',
        version: 8,
        reports: [[{ amount: '120.00', acctSvcrRef: 'B-10', txs: [{ amount: '120.00', reference: exact.creditor_reference.value, acctSvcrRef: 'T-10' }] }]],
      });
      const late = (await upload(twice)).json().data;
      expect(ids(late.not_pending)).toEqual([exact.id]);
      expect(await get(exact.id)).toMatchObject({ status: 'succeeded', flags: ['late'] });

      // One payment.succeeded per settled payment, however many uploads.
      await runDeliveryWorker(t.app.ctx);
      const events = receiver.received.map((w) => verifyAt(secret, w, t.clock.now()) as { type: string; data: { payment: { id: string; settlement: { via: string } } } });
      expect(events.map((e) => e.data.payment.id).sort()).toEqual([exact.id, batchA.id, batchB.id, swiss.id, partial.id].sort());
      expect(events.every((e) => e.type === 'payment.succeeded' && e.data.payment.settlement.via === 'reconciliation')).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('reconciles test files against test payments only, and leaves canceled ones unpaid', async () => {
    const tst = await testKey(t.app, account);
    const live = await payment(account.apiKey, { ...INIT.sepa, reference: 'same-order' });
    const test = await payment(tst, { ...INIT.sepa, reference: 'same-order' });
    // Same order id, same derived reference, different modes.
    expect(test.creditor_reference.value).toBe(live.creditor_reference.value);
    const xml = camtXml({ kind: '054', version: 8, reports: [[{ amount: '12.50', acctSvcrRef: 'B-1', txs: [{ amount: '12.50', reference: live.creditor_reference.value, acctSvcrRef: 'T-1' }] }]] });
    const res = (await upload(xml, tst)).json().data;
    expect(ids(res.matched)).toEqual([test.id]);
    expect((await get(test.id, tst)).status).toBe('succeeded');
    expect((await get(live.id)).status).toBe('pending');

    // The live upload of the same bookings is its own ledger; a canceled payment is not revived.
    await t.app.inject({ method: 'POST', url: `/api/v1/payments/${live.id}/cancel`, headers: authHeaders(account.apiKey) });
    const liveRun = (await upload(xml)).json().data;
    expect(ids(liveRun.not_pending)).toEqual([live.id]);
    expect(await get(live.id)).toMatchObject({ status: 'canceled', flags: ['late'] });
  });

  it('refuses DTDs, entities, non-camt XML and non-XML bodies with 4xx, never 500', async () => {
    const dtd = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">&lol;</Document>';
    const refused = await upload(dtd);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/DTD|DOCTYPE/i);
    const other = await upload('<?xml version="1.0"?><Invoice><Total>5</Total></Invoice>');
    expect(other.statusCode).toBe(400);
    expect(other.json().detail).toMatch(/camt\.053 or camt\.054/);
    expect((await upload('not xml at all')).statusCode).toBe(400);
    const deep = await upload(`<Document>${'<a>'.repeat(101)}${'</a>'.repeat(101)}</Document>`);
    expect(deep.statusCode).toBe(400);
    expect(deep.json().detail).toContain('more than 100 levels deep');
    expect((await upload('')).statusCode).toBe(400);
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers: authHeaders(account.apiKey), payload: { xml: '<Document/>' } });
    expect(json.statusCode).toBe(415);
    const camtType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/reconciliations',
      headers: { ...authHeaders(account.apiKey), 'content-type': 'application/camt+xml' },
      payload: '<Document/>',
    });
    expect(camtType.statusCode).toBe(415);
    expect(camtType.json().detail).toBe('This endpoint does not read a body sent as application/camt+xml. Send it with Content-Type: application/xml or text/xml.');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers: { 'content-type': 'application/xml' }, payload: '<a/>' })).statusCode).toBe(401);
  });
});
