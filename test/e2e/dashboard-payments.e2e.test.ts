// Payments in Chromium on a real server: the empty state leading to the payee details (a wrong
// IBAN named beside its field, then saved with SEPA, UPI and a Swiss address); payment requests made through the API
// (payments/init) listed with amounts in the viewer's locale; one opened to its
// code (served by Tessera, read by zxing from the screen) and marked paid with a note; one
// cancelled; the status filter in the URL; test payments (a sec1-tst key's) in their own view, one
// settled by simulating the bank. axe-clean at 1280 and 390 px, dialogs included.
import { expect, it } from 'vitest';
import {
  chromiumAvailable,
  chromiumForFile,
  decodeImage,
  downloadBytes,
  expectAxeClean,
  liveAppPerTest,
  phoneContextLike,
  signedInContext,
  watchPage,
  withFailureScreenshot,
} from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { INIT, initPayment } from '../helpers/payments.ts';

describeDialects('dashboard payments in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'sets the payee details, lists payment requests, shows one with its code, marks one paid, cancels one and filters by status',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const session = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const key = async (env: 'prd' | 'tst') => {
        const res = await live.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: session, payload: { env } });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().data.full_key as string;
      };
      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `payments-${dialect}`, async () => {
        await page.goto(`${live.base}/app`);
        await page.getByRole('link', { name: 'Payments' }).first().click();
        await page.getByRole('heading', { name: 'No payment requests yet' }).waitFor();
        await expectAxeClean(page, 'payments, empty');

        // Payee details first, through the page: a wrong IBAN is named beside its field.
        await page.getByRole('link', { name: 'Set payee details' }).click();
        await page.getByRole('heading', { name: 'Payee details', level: 1 }).waitFor();
        await page.getByLabel('Accept SEPA transfer').check();
        const sepa = page.getByRole('group', { name: 'SEPA transfer' });
        await sepa.getByLabel('Account holder').fill('Bäckerei Müller');
        await sepa.getByLabel('IBAN').fill('DE00 3704 0044 0532 0130 00');
        await page.getByLabel('Accept UPI').check();
        const upi = page.getByRole('group', { name: 'UPI' });
        await upi.getByLabel('UPI ID').fill('sharma.store@okaxis');
        await upi.getByLabel('Payee name').fill('Sharma General Store');
        await page.getByLabel('Accept Swiss QR-bill').check();
        const swiss = page.getByRole('group', { name: 'Swiss QR-bill' });
        await swiss.getByLabel('Account holder').fill('Robert Schneider AG');
        await swiss.getByLabel('IBAN or QR-IBAN').fill('CH44 3199 9123 0008 8901 2');
        // The hint names what a person sees on an invoice (RF…), not the format code SCOR.
        expect(await swiss.textContent()).toContain('creditor references (RF…)');
        await swiss.getByLabel('Street').fill('Rue du Lac');
        await swiss.getByLabel('Number').fill('1268');
        await swiss.getByLabel('Postcode').fill('2501');
        await swiss.getByLabel('Town').fill('Biel');
        await swiss.getByLabel('Country').fill('CH');
        await page.getByRole('button', { name: 'Save payee details' }).click();
        await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
        expect(await sepa.getByLabel('IBAN').getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
        await expectAxeClean(page, 'payee details with an error');
        await sepa.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
        await page.getByRole('button', { name: 'Save payee details' }).click();
        await page.getByText('Payee details saved').first().waitFor();
        const stored = (await live.app.inject({ method: 'GET', url: '/api/v1/merchant/payment-profile', headers: session })).json().data;
        expect(stored.schemes.sort()).toEqual(['sepa', 'swiss_qr', 'upi']);
        expect(stored.profile.swiss_qr.address).toMatchObject({ street: 'Rue du Lac', building_number: '1268', postcode: '2501', town: 'Biel', country: 'CH' });
        // Reloaded, the page shows what is stored.
        await page.reload();
        await expect.poll(() => page.getByRole('group', { name: 'SEPA transfer' }).getByLabel('Account holder').inputValue()).toBe('Bäckerei Müller');
        expect(await page.getByLabel('Accept Pix').isChecked()).toBe(false);
        // Stored without spaces, shown in groups of four as people read IBANs.
        expect(await page.getByRole('group', { name: 'SEPA transfer' }).getByLabel('IBAN').inputValue()).toBe('DE89 3704 0044 0532 0130 00');
        await page.getByRole('link', { name: 'Payments' }).first().click();

        // Made by hand, as a till without an integration would: an amount as people type it, the
        // schemes the payee accepts, then the row opens with its code.
        await page.getByRole('button', { name: 'New payment request' }).first().click();
        const form = page.getByRole('dialog', { name: 'New payment request' });
        expect(await form.getByLabel('Paid by').locator('option').allTextContents()).toEqual(['SEPA transfer', 'Swiss QR-bill', 'UPI']);
        // The button stays enabled with nothing filled in, and pressing it says what is missing.
        const createButton = form.getByRole('button', { name: 'Create payment request' });
        expect(await createButton.isEnabled()).toBe(true);
        await createButton.click();
        await form.getByText('Enter an amount, such as 12.50.').waitFor();
        await form.getByText('Enter your order or invoice number.').waitFor();
        expect(await form.getByLabel('Order reference').getAttribute('aria-invalid')).toBe('true');
        expect(await page.evaluate(() => document.activeElement?.getAttribute('inputmode'))).toBe('decimal');
        // The limit is said in the currency as the preview shows amounts, not in cents.
        await form.getByLabel('Amount').fill('99999999999');
        await form.getByLabel('Order reference').fill('till-7');
        await createButton.click();
        await form.getByText('The most one request can ask for is €9,999,999,999.99.').waitFor();
        expect(await form.getByText('999999999999').count()).toBe(0);
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          await expectAxeClean(page, `new payment request refused at ${width} px`);
          await page.screenshot({ path: `.tmp/new-payment-limit-${width}-${dialect}.png` });
        }
        await page.setViewportSize({ width: 1280, height: 900 });
        await form.getByLabel('Amount').fill('twelve');
        await form.getByRole('button', { name: 'Create payment request' }).click();
        await form.getByText('Enter the amount in digits, such as 12.50.').waitFor();
        expect(await form.getByLabel('Amount').getAttribute('aria-invalid')).toBe('true');
        await form.getByLabel('Amount').fill('12,5');
        await form.getByText('€12.50').waitFor();
        await form.getByLabel('What it is for (optional)').fill('Two coffees and a cake');
        await expectAxeClean(page, 'new payment request dialog');
        await page.screenshot({ path: `.tmp/new-payment-1280-${dialect}.png` });
        await page.setViewportSize({ width: 390, height: 844 });
        await expectAxeClean(page, 'new payment request dialog at 390 px');
        await page.screenshot({ path: `.tmp/new-payment-390-${dialect}.png` });
        await page.setViewportSize({ width: 1280, height: 900 });
        await form.getByRole('button', { name: 'Create payment request' }).click();
        await page.getByText('Payment request till-7 created').first().waitFor();
        const made = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /till-7/ }) });
        const madeCode = made.getByRole('img', { name: /Payment code for €12\.50, till-7/ });
        await expect.poll(() => madeCode.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        const byHand = (await live.app.inject({ method: 'GET', url: '/api/v1/payments?reference=till-7', headers: session })).json().data[0];
        expect(byHand).toMatchObject({ amount: 1250, currency: 'EUR', scheme: 'sepa', livemode: true, description: 'Two coffees and a cake', status: 'pending' });
        expect(await decodeImage(await madeCode.screenshot())).toEqual([byHand.qr_payload]);
        // Opened at another address than its public URL (localhost for 127.0.0.1), the code still shows.
        const otherBase = live.base.replace('127.0.0.1', 'localhost');
        const elsewhere = await chromium().newContext({ viewport: { width: 1280, height: 900 } });
        await elsewhere.addCookies([{ name: 'tessera_session', value: cookie.split('=')[1]!, url: otherBase, httpOnly: true, sameSite: 'Lax' }]);
        const other = await elsewhere.newPage();
        await other.goto(`${otherBase}/app/payments`);
        await other.getByRole('button', { name: /till-7/ }).click();
        const otherCode = other.getByRole('img', { name: /Payment code for €12\.50, till-7/ });
        await expect.poll(() => otherCode.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        await elsewhere.close();
        // The code downloads as a file for an invoice or a printed notice, holding the same payload.
        const [pngDownload] = await Promise.all([page.waitForEvent('download'), made.getByRole('button', { name: 'Download code as PNG, till-7' }).click()]);
        expect(pngDownload.suggestedFilename()).toBe('payment-till-7.png');
        expect(await decodeImage(await downloadBytes(pngDownload))).toEqual([byHand.qr_payload]);
        const [svgDownload] = await Promise.all([page.waitForEvent('download'), made.getByRole('button', { name: 'Download code as SVG, till-7' }).click()]);
        expect(svgDownload.suggestedFilename()).toBe('payment-till-7.svg');
        expect(await decodeImage((await downloadBytes(svgDownload)).toString('utf8'))).toEqual([byHand.qr_payload]);
        // Swiss QR-bills take francs or euros: the currency is a choice there.
        await page.getByRole('button', { name: 'New payment request' }).first().click();
        await form.getByLabel('Paid by').selectOption('swiss_qr');
        expect(await form.getByLabel('Currency').locator('option').allTextContents()).toEqual(['CHF', 'EUR']);
        // Beside the currency the amount keeps room to type in, and both stay inside the dialog.
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          const dialogBox = (await form.boundingBox())!;
          const amountBox = (await form.getByLabel('Amount').boundingBox())!;
          const currencyBox = (await form.getByLabel('Currency').boundingBox())!;
          expect(amountBox.width, `amount at ${width} px`).toBeGreaterThan(80);
          expect(currencyBox.x + currencyBox.width, `currency at ${width} px`).toBeLessThanOrEqual(dialogBox.x + dialogBox.width);
          await page.screenshot({ path: `.tmp/new-payment-swiss-${width}-${dialect}.png` });
        }
        await page.setViewportSize({ width: 1280, height: 900 });
        await form.getByRole('button', { name: 'Cancel' }).click();

        const live1 = await key('prd');
        const create = async (k: string, body: Record<string, unknown>) => {
          const res = await initPayment(live.app, k, body);
          expect(res.statusCode, res.body).toBe(201);
          return res.json().data as { id: string };
        };
        const order = await create(live1, INIT.sepa);
        await create(live1, INIT.upi);
        const tst = await key('tst');
        const testPayment = await create(tst, { ...INIT.sepa, reference: 'pedido-test' });

        await page.reload();
        const row = (reference: string) => page.getByRole('listitem').filter({ has: page.getByRole('button', { name: new RegExp(reference) }) });
        await row('order-1042').waitFor();
        expect(await row('order-1042').textContent()).toMatch(/€12\.50.*order-1042.*Waiting for payment/);
        expect(await row('ORD20240042').textContent()).toMatch(/₹499\.00/);
        // A test key's payments are not among the live ones.
        expect(await page.getByRole('button', { name: /pedido-test/ }).count()).toBe(0);

        // Opened: the code Tessera serves, on screen, reads as the payment's payload.
        await page.getByRole('button', { name: /order-1042/ }).click();
        const code = row('order-1042').getByRole('img', { name: /Payment code for €12\.50, order-1042/ });
        await expect.poll(() => code.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        const shot = await code.screenshot();
        const payload = (await live.app.inject({ method: 'GET', url: `/api/v1/payments/${order.id}`, headers: session })).json().data.qr_payload as string;
        expect(await decodeImage(shot)).toEqual([payload]);
        await expectAxeClean(page, 'payments, one open');

        // Marked paid by hand, with a note.
        await row('order-1042').getByRole('button', { name: 'Mark paid…' }).click();
        const dialog = page.getByRole('dialog');
        // Pressed without a note, it says what is missing beside the field and sends nothing.
        await dialog.getByRole('button', { name: 'Mark paid' }).click();
        await dialog.getByText('Say how the money came').waitFor();
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
        expect(await dialog.getByLabel('How the money came').getAttribute('aria-invalid')).toBe('true');
        await expectAxeClean(page, 'mark paid dialog without a note');
        // In words, not the event's name (payment.succeeded).
        await dialog.getByText('Your webhooks are told it was paid').waitFor();
        expect(await dialog.textContent()).not.toMatch(/payment\.succeeded/);
        await dialog.getByLabel('How the money came').fill('Cash at the counter');
        await expectAxeClean(page, 'mark paid dialog');
        await dialog.getByRole('button', { name: 'Mark paid' }).click();
        await page.getByText('order-1042 marked paid').first().waitFor();
        await expect.poll(() => row('order-1042').textContent()).toMatch(/Paid/);
        const paid = (await live.app.inject({ method: 'GET', url: `/api/v1/payments/${order.id}`, headers: session })).json().data;
        expect(paid).toMatchObject({ status: 'succeeded', settlement: { via: 'manual', note: 'Cash at the counter' } });

        // Cancelled after asking.
        await page.getByRole('button', { name: /ORD20240042/ }).click();
        await row('ORD20240042').getByRole('button', { name: 'Cancel payment…' }).click();
        // Beside "Cancel payment", the way out says it keeps the payment rather than a second "Cancel".
        expect(await page.getByRole('alertdialog').getByRole('button').allTextContents()).toEqual(['Keep it open', 'Cancel payment']);
        await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel payment' }).click();
        await expect.poll(() => row('ORD20240042').textContent()).toMatch(/Cancelled/);

        // The filter lives in the URL.
        await page.getByLabel('Show').selectOption('succeeded');
        await page.waitForURL(/\?status=succeeded$/);
        await expect.poll(() => page.getByRole('button', { name: /ORD20240042/ }).count()).toBe(0);
        await row('order-1042').waitFor();
        await page.getByLabel('Show').selectOption('failed');
        await page.getByRole('heading', { name: 'No payments with this status' }).waitFor();

        // Test payments: their own view, in the URL; one settled by simulating the bank.
        await page.getByLabel('Test payments').check();
        await page.waitForURL(/\?status=failed&mode=test$/);
        await page.getByRole('heading', { name: 'No test payments with this status' }).waitFor();
        await page.getByLabel('Show').selectOption('');
        await page.waitForURL(/\?mode=test$/);
        await page.getByText('Made with a test key').waitFor();
        await row('pedido-test').waitFor();
        expect(await row('pedido-test').textContent()).toMatch(/Test/);
        // Made here, in the test view, a request is a test one, as its button says.
        expect(await page.getByRole('button', { name: 'New payment request', exact: true }).count()).toBe(0);
        await page.getByRole('button', { name: 'New test payment request' }).click();
        const testForm = page.getByRole('dialog', { name: 'New test payment request' });
        await testForm.getByLabel('Amount').fill('3');
        await testForm.getByLabel('Order reference').fill('till-test');
        await testForm.getByRole('button', { name: 'Create payment request' }).click();
        await row('till-test').waitFor();
        expect(await row('till-test').textContent()).toMatch(/€3\.00.*till-test.*Test/);
        expect(await page.getByRole('button', { name: /order-1042/ }).count()).toBe(0);
        await page.getByRole('button', { name: /pedido-test/ }).click();
        await expectAxeClean(page, 'test payments, one open');
        await row('pedido-test').getByRole('button', { name: 'Simulate paid' }).click();
        await page.getByText('pedido-test: the bank paid it (simulated)').first().waitFor();
        await expect.poll(() => row('pedido-test').textContent()).toMatch(/Paid/);
        await page.screenshot({ path: `.tmp/payments-test-1280-${dialect}.png`, fullPage: true });
        const simulated = (await live.app.inject({ method: 'GET', url: `/api/v1/payments/${testPayment.id}`, headers: { authorization: `Bearer ${tst}` } })).json().data;
        expect(simulated).toMatchObject({ status: 'succeeded', livemode: false, settlement: { via: 'simulation' } });
        await page.getByLabel('Test payments').uncheck();
        await page.waitForURL(/\/app\/payments$/);
        await row('order-1042').waitFor();
      });

      const phone = await phoneContextLike(chromium(), context);
      const small = await phone.newPage();
      problems.push(...watchPage(small));
      await small.goto(`${live.base}/app/payments`);
      await small.getByRole('button', { name: /order-1042/ }).click();
      await small.getByText('Reference to quote').waitFor();
      // Paid: the code is no longer shown (it cannot be paid again).
      expect(await small.getByRole('img', { name: /Payment code/ }).count()).toBe(0);
      await expectAxeClean(small, 'payments at 390 px');
      expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await small.screenshot({ path: `.tmp/payments-390-${dialect}.png`, fullPage: true });
      await page.screenshot({ path: `.tmp/payments-1280-${dialect}.png`, fullPage: true });
      expect(problems).toEqual([]);
      await phone.close();
      await context.close();
    },
    120_000,
  );
});
