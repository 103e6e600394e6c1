// Webhooks in Chromium on a real server, delivering to a real receiver: a signing secret created
// (shown once) and later rotated; an endpoint added for chosen events; a test event queued from
// the page, sent by the delivery worker, verified with the standardwebhooks package and shown as
// delivered without a reload (the list polls while a delivery is pending, and stops after); a
// refused delivery sent again from the page; a private address refused with how an administrator
// allows one; pause, resume and delete. axe-clean at 1280 and 390 px with the deliveries open.
import { expect, it } from 'vitest';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { chromiumAvailable, chromiumForFile, expectAxeClean, liveAppPerTest, phoneContextLike, signedInContext, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';

describeDialects('dashboard webhooks in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'creates a secret, adds an endpoint, sends a test event it verifies, retries a refused one, rotates, pauses and deletes',
    async () => {
      const live = await startApp({ env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
      const receiver = await startReceiver();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const page = await context.newPage();
      const problems = watchPage(page);
      const deliver = () => runDeliveryWorker(live.app.ctx, { random: () => 0.5 });
      try {
        await withFailureScreenshot(page, `webhooks-${dialect}`, async () => {
          await page.goto(`${live.base}/app`);
          await page.getByRole('link', { name: 'Webhooks' }).first().click();
          await page.getByRole('heading', { name: 'No endpoints yet' }).waitFor();
          await expectAxeClean(page, 'webhooks, empty');
          // No endpoint before there is a secret to sign its deliveries: the page says what comes first.
          await page.getByText('Create the signing secret above first').waitFor();
          expect(await page.getByRole('button', { name: 'Add endpoint' }).count()).toBe(0);

          // The secret, shown once.
          await page.getByRole('button', { name: 'Create secret' }).click();
          const secret = (await page.getByRole('dialog').getByTestId('secret').textContent())!;
          expect(secret).toMatch(/^whsec_[A-Za-z0-9]{43}$/);
          await page.getByRole('button', { name: 'I have copied it' }).click();
          await page.getByText('Signing', { exact: true }).waitFor();
          expect(await page.content()).not.toContain(secret);
          // No "key id" jargon next to it: the badge and the dates tell the secrets apart.
          expect(await page.getByText('key id').count()).toBe(0);

          // An endpoint for two chosen events.
          await page.getByRole('button', { name: 'Add endpoint' }).click();
          const dialog = page.getByRole('dialog');
          // A private address is refused, with how an administrator allows internal hosts.
          expect(await dialog.getByText('TESSERA_WEBHOOK_ALLOWED_HOSTS').count()).toBe(0);
          await dialog.getByLabel('URL').fill('http://10.1.2.3/hook');
          await dialog.getByRole('button', { name: 'Add endpoint' }).click();
          await expect.poll(() => dialog.getByLabel('URL').getAttribute('aria-invalid')).toBe('true');
          expect(await dialog.getByText('TESSERA_WEBHOOK_ALLOWED_HOSTS').textContent()).toBe('TESSERA_WEBHOOK_ALLOWED_HOSTS');
          expect(await dialog.textContent()).toContain('An administrator can allow internal hosts');
          await expectAxeClean(page, 'add endpoint dialog, private address refused');
          await dialog.getByLabel('URL').fill(`${receiver.url}/hook`);
          // "(optional)" is part of the field's name, after a space.
          await dialog.getByLabel('Description (optional)', { exact: true }).fill('Order system');
          await dialog.getByLabel('Only the events I choose').check();
          expect(await dialog.getByRole('button', { name: 'Add endpoint' }).isDisabled()).toBe(true);
          await dialog.getByLabel('form.submitted').check();
          await dialog.getByLabel('scan.created').check();
          await expectAxeClean(page, 'add endpoint dialog');
          await dialog.getByRole('button', { name: 'Add endpoint' }).click();
          await page.getByText('Order system · form.submitted, scan.created').waitFor();
          await page.getByText('Receiving', { exact: true }).waitFor();

          // A test event: queued from the page, sent by the worker, verified, shown as delivered
          // without a reload; once nothing is pending, the list stops asking.
          const deliveryFetches: number[] = [];
          page.on('request', (request) => {
            if (request.url().includes('/deliveries')) deliveryFetches.push(Date.now());
          });
          await page.getByRole('button', { name: 'Send test event' }).click();
          const log = page.getByRole('list', { name: 'Latest deliveries' });
          await log.getByText('Queued').waitFor();
          await deliver();
          expect(receiver.received).toHaveLength(1);
          expect(verifyAt(secret, receiver.received[0]!, live.clock.now())).toMatchObject({ type: 'ping' });
          await log.getByText('Delivered').waitFor();
          expect(await log.textContent()).toContain('Answered 200');
          const settledAt = Date.now();
          await page.waitForTimeout(4_500);
          expect(deliveryFetches.filter((t) => t > settledAt)).toEqual([]);

          // Refused by the receiver: shown with its answer, then sent again from the page.
          receiver.script = [{ status: 500, body: 'boom' }];
          await page.getByRole('button', { name: 'Send test event' }).click();
          await log.getByText('Queued').waitFor();
          await deliver();
          await log.getByText('Answered 500').waitFor();
          // What the receiver said, folded under the delivery: its status and body.
          await log.getByRole('listitem').filter({ hasText: 'Answered 500' }).getByText('The answer', { exact: true }).click();
          await log.getByText(/^Attempt 1 · .* · HTTP 500 in \d+ ms$/).waitFor();
          await log.getByText('boom', { exact: true }).waitFor();
          await expectAxeClean(page, 'webhooks with deliveries');
          await page.screenshot({ path: `.tmp/webhook-answers-1280-${dialect}.png`, fullPage: true });
          await page.getByRole('button', { name: 'Send again: ping' }).click();
          await page.getByText('Sending again').first().waitFor();
          await deliver();
          expect(receiver.received).toHaveLength(3);
          expect(receiver.received[2]!.headers['webhook-id']).toBe(receiver.received[1]!.headers['webhook-id']);
          await expect.poll(() => log.getByText('Delivered').count()).toBe(2);

          // Rotation: a new secret, the old one still signing for a day.
          await page.getByRole('button', { name: 'Rotate secret' }).click();
          await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate secret' }).click();
          const next = (await page.getByRole('dialog').getByTestId('secret').textContent())!;
          expect(next).toMatch(/^whsec_/);
          expect(next).not.toBe(secret);
          await page.keyboard.press('Escape');
          expect(await page.getByRole('dialog').getByTestId('secret').isVisible()).toBe(true);
          await page.getByRole('button', { name: 'I have copied it' }).click();
          await page.getByText('Being replaced').waitFor();
          // The confirm button that opened the reveal is gone: focus goes to the page's heading,
          // not to <body> (the start of the document).
          await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
          for (const width of [390, 1280]) {
            await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
            await page.screenshot({ path: `.tmp/webhooks-rotated-focus-${width}-${dialect}.png` });
          }

          // A leak: the new secret alone signs, at once; the two older ones stop.
          await page.getByRole('button', { name: 'Rotate secret' }).click();
          const confirm = page.getByRole('alertdialog');
          await confirm.getByLabel('The current secret leaked: stop it now').check();
          await confirm.getByText('every older one stops at once').waitFor();
          await expectAxeClean(page, 'rotate dialog, leaked');
          for (const width of [390, 1280]) {
            await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
            await page.screenshot({ path: `.tmp/webhooks-rotate-leaked-${width}-${dialect}.png` });
          }
          await confirm.getByRole('button', { name: 'Rotate and stop the old secret' }).click();
          const alone = (await page.getByRole('dialog').getByTestId('secret').textContent())!;
          expect(alone).not.toBe(next);
          await page.getByRole('dialog').getByText('The previous secret no longer signs').waitFor();
          await page.getByRole('button', { name: 'I have copied it' }).click();
          await expect.poll(() => page.getByText('Being replaced').count()).toBe(0);
          const received = receiver.received.length;
          // Queued once the page's request has been answered; only then has the worker something to send.
          const queued = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/test') && r.ok());
          await page.getByRole('button', { name: 'Send test event' }).click();
          await queued;
          await deliver();
          expect(receiver.received).toHaveLength(received + 1);
          const leakedDelivery = receiver.received[received]!;
          expect(String(leakedDelivery.headers['webhook-signature']).split(' ')).toHaveLength(1);
          expect(verifyAt(alone, leakedDelivery, live.clock.now())).toMatchObject({ type: 'ping' });
          expect(() => verifyAt(next, leakedDelivery, live.clock.now())).toThrow();
          // The next rotation offers the 24-hour overlap again.
          await page.getByRole('button', { name: 'Rotate secret' }).click();
          expect(await page.getByRole('alertdialog').getByLabel('The current secret leaked: stop it now').isChecked()).toBe(false);
          await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();

          // Pause (no test event then), resume, delete.
          await page.getByRole('button', { name: 'Pause' }).click();
          await page.getByText('Paused', { exact: true }).waitFor();
          // What a pause by a person means, not the API's "Disabled by the account." echoed.
          await page.getByText('Paused: events that happen meanwhile are not sent to it. Resume to receive new ones.').waitFor();
          expect(await page.getByText('Disabled by the account').count()).toBe(0);
          expect(await page.getByRole('button', { name: 'Send test event' }).isDisabled()).toBe(true);
          await page.getByRole('button', { name: 'Resume' }).click();
          await page.getByText('Receiving', { exact: true }).waitFor();
          await page.getByRole('button', { name: `Delete ${receiver.url}/hook` }).click();
          await page.getByRole('alertdialog').getByRole('button', { name: 'Delete endpoint' }).click();
          await page.getByRole('heading', { name: 'No endpoints yet' }).waitFor();
        });

        // The page with an endpoint at 390 px.
        const again = await live.app.inject({
          method: 'POST',
          url: '/api/v1/merchant/webhooks/endpoints',
          headers: { cookie, 'x-csrf-token': csrfToken, origin: live.base },
          payload: { url: `${receiver.url}/hook`, description: 'Order system' },
        });
        expect(again.statusCode, again.body).toBe(201);
        const phone = await phoneContextLike(chromium(), context);
        const small = await phone.newPage();
        problems.push(...watchPage(small));
        await small.goto(`${live.base}/app/webhooks`);
        await small.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
        await small.getByText('Signing', { exact: true }).first().waitFor();
        await small.getByRole('button', { name: 'Latest deliveries' }).click();
        await small.getByText('Nothing sent yet', { exact: false }).waitFor();
        await expectAxeClean(small, 'webhooks at 390 px');
        expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await small.screenshot({ path: `.tmp/webhooks-390-${dialect}.png`, fullPage: true });
        expect(problems).toEqual([]);
        await phone.close();
      } finally {
        await receiver.close();
        await context.close();
      }
    },
    120_000,
  );
});
