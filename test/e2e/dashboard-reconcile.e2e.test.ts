// Bank reconciliation in Chromium on a real server: a camt.053 statement chosen in the file picker
// settles the payment it pays exactly, flags a partial one and lists a credit that names no
// payment, each group with its explanation; the same file again changes nothing; a file that is
// not a statement is refused with the server's reason. axe-clean at 1280 and 390 px.
import { expect, it } from 'vitest';
import { chromiumAvailable, chromiumForFile, expectAxeClean, liveAppPerTest, phoneContextLike, signedInContext, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { INIT, initPayment } from '../helpers/payments.ts';
import { camtXml } from '../unit/payments/camt-fixtures.ts';

describeDialects('dashboard bank reconciliation in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'reconciles a statement chosen in the browser and reads out what each credit did',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const session = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const profile = await live.app.inject({
        method: 'PUT',
        url: '/api/v1/merchant/payment-profile',
        headers: session,
        payload: { sepa: { name: 'Bäckerei Müller', iban: 'DE89370400440532013000' } },
      });
      expect(profile.statusCode, profile.body).toBe(200);
      const keyRes = await live.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: session, payload: { env: 'prd' } });
      const key = keyRes.json().data.full_key as string;
      const pay = async (amount: number, reference: string) => {
        const res = await initPayment(live.app, key, { ...INIT.sepa, amount, reference });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().data as { id: string; creditor_reference: { value: string } };
      };
      const exact = await pay(12000, 'order-2001');
      const partial = await pay(7550, 'order-2002');
      const statement = camtXml({
        kind: '053',
        version: 8,
        messageId: 'STMT-2026-12-03',
        reports: [
          [
            { amount: '120.00', acctSvcrRef: 'B-1', txs: [{ amount: '120.00', reference: exact.creditor_reference.value, acctSvcrRef: 'T-1', debtor: 'Ada Lovelace' }] },
            { amount: '50.00', acctSvcrRef: 'B-2', txs: [{ amount: '50.00', reference: partial.creditor_reference.value, acctSvcrRef: 'T-2', debtor: 'Grace Hopper' }] },
            { amount: '900.00', acctSvcrRef: 'B-3', txs: [{ amount: '900.00', ustrd: ['Rent December'], acctSvcrRef: 'T-3', debtor: 'Tenant GmbH' }] },
          ],
        ],
      });

      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `reconcile-${dialect}`, async () => {
        await page.goto(`${live.base}/app/payments`);
        await page.getByRole('link', { name: 'Reconcile a statement' }).click();
        await page.getByRole('heading', { name: 'Reconcile a statement', level: 1 }).waitFor();
        expect(await page.getByRole('button', { name: 'Reconcile' }).isDisabled()).toBe(true);
        await expectAxeClean(page, 'reconcile, empty');

        const choose = (name: string, content: string) => page.getByLabel('Statement file (XML)').setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(content) });
        await choose('december.xml', statement);
        await page.getByRole('button', { name: 'Reconcile' }).click();
        await page.getByText('1 payment is now paid; 1 needs a look.').waitFor();
        const group = (title: string) => page.getByRole('region', { name: new RegExp(`^${title}`) });
        expect(await group('Paid \\d').textContent()).toMatch(/Ada Lovelace.*reference and amount match/);
        expect(await group('Paid in part').textContent()).toMatch(/€50\.00.*Grace Hopper.*EUR 50\.00 of EUR 75\.50 received; EUR 25\.50 missing/);
        expect(await group('No payment found').textContent()).toMatch(/€900\.00.*Tenant GmbH.*the payer’s message “Rent December” names none of your payments/);
        // Booking dates as people read them, never the file's raw ISO form.
        expect(await group('Paid \\d').locator('time[datetime="2026-11-20"]').textContent()).toBe(
          new Intl.DateTimeFormat(await page.evaluate(() => navigator.language), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2026-11-20T00:00:00Z')),
        );
        expect(await page.locator('main table').first().textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        await expectAxeClean(page, 'reconcile, report');
        await page.screenshot({ path: `.tmp/reconcile-report-1280-${dialect}.png`, fullPage: true });
        const status = async (id: string) => (await live.app.inject({ method: 'GET', url: `/api/v1/payments/${id}`, headers: session })).json().data;
        expect(await status(exact.id)).toMatchObject({ status: 'succeeded', settlement: { via: 'reconciliation' } });
        expect(await status(partial.id)).toMatchObject({ status: 'pending', flags: ['partial'] });
        // In the list, the payment marked "Needs a look" says why and how much arrived.
        await page.goto(`${live.base}/app/payments`);
        await page.getByRole('button', { name: /order-2002/ }).click();
        const partialRow = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /order-2002/ }) });
        expect(await partialRow.textContent()).toMatch(/Needs a look.*Needs a lookLess than the amount asked arrived.*Received€50\.00 of €75\.50/);
        await expectAxeClean(page, 'payment that needs a look');
        await page.goBack();
        await page.getByRole('heading', { name: 'Reconcile a statement', level: 1 }).waitFor();

        // The same file again: every booking already reconciled, nothing paid twice.
        await choose('december.xml', statement);
        await page.getByRole('button', { name: 'Reconcile' }).click();
        await page.getByText('0 payments are now paid.').waitFor();
        expect(await group('Already reconciled').textContent()).toMatch(/Ada Lovelace/);

        // Not a statement: the server's reason, and nothing else on the page.
        await choose('notes.xml', '<notes><note>hello</note></notes>');
        await page.getByRole('button', { name: 'Reconcile' }).click();
        const refused = page.getByRole('alert').filter({ hasText: 'The statement was not reconciled' });
        await refused.waitFor();
        expect(await refused.textContent()).toMatch(/camt/);
        expect(await page.getByRole('region', { name: /Already reconciled/ }).count()).toBe(0);
      });

      const phone = await phoneContextLike(chromium(), context);
      const small = await phone.newPage();
      problems.push(...watchPage(small));
      await small.goto(`${live.base}/app/payments/reconcile`);
      await small.getByLabel('Statement file (XML)').setInputFiles({ name: 'december.xml', mimeType: 'application/xml', buffer: Buffer.from(statement) });
      await small.getByRole('button', { name: 'Reconcile' }).click();
      await small.getByText('0 payments are now paid.').waitFor();
      await expectAxeClean(small, 'reconcile report at 390 px');
      expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await small.screenshot({ path: `.tmp/reconcile-390-${dialect}.png`, fullPage: true });
      await page.screenshot({ path: `.tmp/reconcile-1280-${dialect}.png`, fullPage: true });
      expect(problems).toEqual([]);
      await phone.close();
      await context.close();
    },
    120_000,
  );
});
