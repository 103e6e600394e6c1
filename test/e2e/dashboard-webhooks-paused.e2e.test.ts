// A paused or failing endpoint in Chromium, in words a person can act on: a delivery waiting on a
// paused endpoint says it waits for the resume (not "next try in 5 minutes") and offers no "Send
// again" the server refuses; a refusal from a page opened before the pause stays beside what caused
// it (not a fading green "done" toast); a redirect says it is not followed; the 5-day rule is in
// numbers; an endpoint Tessera paused after 410 Gone says what to do.
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

  it.skipIf(!chromiumAvailable)(
    'says a redirect is not followed, when a failing endpoint gets paused, and keeps a refused test event beside the endpoint',
    async () => {
      const live = await startApp({ env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
      const receiver = await startReceiver();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const page = await context.newPage();
      const problems = watchPage(page);
      try {
        await withFailureScreenshot(page, `webhooks-failing-words-${dialect}`, async () => {
          expect((await live.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers })).statusCode).toBe(201);
          const created = await live.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/endpoints', headers, payload: { url: `${receiver.url}/hook` } });
          const endpointId = created.json().data.id as string;
          receiver.script = [{ status: 302, headers: { location: `${receiver.url}/elsewhere` } }];
          expect((await live.app.inject({ method: 'POST', url: `/api/v1/merchant/webhooks/endpoints/${endpointId}/test`, headers })).statusCode).toBe(202);
          await runDeliveryWorker(live.app.ctx, { random: () => 0.5 });

          await page.goto(`${live.base}/app/webhooks`);
          // How long before Tessera gives up, in numbers, not "after days".
          await page.getByText(/^Failing since .*: if every delivery fails for 5 days, Tessera pauses it\.$/).waitFor();
          await page.getByRole('button', { name: 'Latest deliveries' }).click();
          const log = page.getByRole('list', { name: 'Latest deliveries' });
          await log.getByText(/Answered 302 \(redirects are not followed\)/).waitFor();
          await log.getByText('The answer', { exact: true }).click();
          await log.getByText(/^Attempt 1 · .* · HTTP 302 \(not followed\) in \d+ ms$/).waitFor();

          // Paused elsewhere while this page still offers the test event: the refusal stays beside it.
          expect((await live.app.inject({ method: 'PUT', url: `/api/v1/merchant/webhooks/endpoints/${endpointId}`, headers, payload: { enabled: false } })).statusCode).toBe(200);
          await page.getByRole('button', { name: 'Send test event' }).click();
          const alert = page.getByRole('alert').filter({ hasText: 'Test event not sent' });
          await alert.waitFor();
          expect(await alert.textContent()).toMatch(/^Test event not sent: This endpoint is disabled; enable it/);

          // 410 Gone: paused by Tessera, with what to do.
          expect((await live.app.inject({ method: 'PUT', url: `/api/v1/merchant/webhooks/endpoints/${endpointId}`, headers, payload: { enabled: true } })).statusCode).toBe(200);
          receiver.script = [{ status: 410 }];
          expect((await live.app.inject({ method: 'POST', url: `/api/v1/merchant/webhooks/endpoints/${endpointId}/test`, headers })).statusCode).toBe(202);
          await runDeliveryWorker(live.app.ctx, { random: () => 0.5 });
          await page.reload();
          await page.getByText('Paused by Tessera: The endpoint answered 410 Gone, so it was disabled. Enable it again once it should receive events.').waitFor();
          await expectAxeClean(page, 'endpoint paused by Tessera');
          for (const width of [1280, 390]) {
            await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
            await page.screenshot({ path: `.tmp/webhooks-gone-${width}-${dialect}.png`, fullPage: true });
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
