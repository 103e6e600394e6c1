// A paused endpoint's deliveries in Chromium: a delivery waiting to be retried says it waits for the
// endpoint to be resumed (not "next try in 5 minutes", which will not happen), and offers no "Send
// again" (the server refuses it). When a page opened before the pause still offers it, the refusal
// stays beside the delivery with what to do, instead of a fading green "done" toast.
import { expect, it } from 'vitest';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { chromiumAvailable, chromiumForFile, expectAxeClean, liveAppPerTest, signedInContext, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { startReceiver } from '../helpers/webhook-receiver.ts';

describeDialects('dashboard webhooks, paused endpoint', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'says a pending delivery waits for the resume, and shows a refused "Send again" beside its row',
    async () => {
      const live = await startApp({ env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
      const receiver = await startReceiver();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const page = await context.newPage();
      const problems = watchPage(page);
      try {
        await withFailureScreenshot(page, `webhooks-paused-${dialect}`, async () => {
          const secret = await live.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers });
          expect(secret.statusCode, secret.body).toBe(201);
          const created = await live.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/endpoints', headers, payload: { url: `${receiver.url}/hook` } });
          expect(created.statusCode, created.body).toBe(201);
          const endpointId = created.json().data.id as string;
          receiver.script = [{ status: 500, body: 'boom' }];
          const test = await live.app.inject({ method: 'POST', url: `/api/v1/merchant/webhooks/endpoints/${endpointId}/test`, headers });
          expect(test.statusCode, test.body).toBe(202);
          await runDeliveryWorker(live.app.ctx, { random: () => 0.5 });

          await page.goto(`${live.base}/app/webhooks`);
          await page.getByRole('button', { name: 'Latest deliveries' }).click();
          const log = page.getByRole('list', { name: 'Latest deliveries' });
          await log.getByText('Answered 500').waitFor();
          expect(await log.textContent()).toContain('next try');

          // Paused elsewhere (another tab, the API) while this page still offers "Send again".
          const paused = await live.app.inject({ method: 'PUT', url: `/api/v1/merchant/webhooks/endpoints/${endpointId}`, headers, payload: { enabled: false } });
          expect(paused.statusCode, paused.body).toBe(200);
          await page.getByRole('button', { name: 'Send again: ping' }).click();
          const alert = log.getByRole('alert');
          await alert.waitFor();
          expect(await alert.textContent()).toBe('Not sent again: The endpoint of this delivery is paused; resume it (enabled: true) first, then send the delivery again.');
          expect(await page.getByText('Not sent again', { exact: false }).count()).toBe(1);

          // Once the page knows of the pause: no promise of a next try, no button the server refuses.
          await page.reload();
          await page.getByText('Paused', { exact: true }).waitFor();
          await page.getByRole('button', { name: 'Latest deliveries' }).click();
          await log.getByText('Answered 500').waitFor();
          expect(await log.textContent()).toContain('waits until you resume this endpoint');
          expect(await log.textContent()).not.toContain('next try');
          expect(await page.getByRole('button', { name: 'Send again: ping' }).count()).toBe(0);
          await expectAxeClean(page, 'paused endpoint with a pending delivery');
          for (const width of [1280, 390]) {
            await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
            await page.screenshot({ path: `.tmp/webhooks-paused-${width}-${dialect}.png`, fullPage: true });
          }
        });
        expect(problems).toEqual([]);
      } finally {
        await receiver.close();
        await context.close();
      }
    },
    120_000,
  );
});
