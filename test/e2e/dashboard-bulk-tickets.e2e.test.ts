// An event's live tickets made in the dashboard, in Chromium on a real server: from the empty
// Check-in page to Bulk create on "Live tickets", three pasted links with names and an event name;
// no image files are offered (a ticket's picture exists only as a signed, changing render). The
// result is tickets.csv, whose secret keys, used as a ticketing system uses them (an HMAC of the
// time, computed here with node:crypto), draw each ticket's live picture; that picture decodes in
// zxing and jsQR to a link the door admits once. The result leads to the event's door.
// axe-clean at 1280 and 390 px.
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { parseCsv } from '../helpers/csv.ts';
import { decodeSvg } from '../helpers/decode-qr.ts';
import { describeDialects } from '../helpers/dialects.ts';
import {
  chromiumAvailable,
  chromiumForFile,
  downloadBytes,
  expectAxeClean,
  liveAppPerTest,
  phoneContextLike,
  signedInContext,
  watchPage,
  withFailureScreenshot,
} from '../helpers/dashboard-browser.ts';

describeDialects('dashboard bulk live tickets in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    "makes an event's tickets from pasted links and hands over tickets.csv, whose secret keys sign each live ticket",
    async () => {
      const live = await startApp();
      const browser = chromium();
      const { context, cookie, csrfToken } = await signedInContext(browser, live);
      const page = await context.newPage();
      const problems = watchPage(page);
      const guests = ['Ada Lovelace', 'Grace Hopper', 'Katherine Johnson'];
      let csv = '';
      await withFailureScreenshot(page, `bulk-tickets-${dialect}`, async () => {
        await page.goto(`${live.base}/app/checkins`);
        await page.getByRole('heading', { name: 'No events yet' }).waitFor();
        await page.getByRole('link', { name: 'Make an event’s tickets' }).click();
        await page.getByRole('heading', { name: 'Bulk create' }).waitFor();
        expect(await page.getByLabel('Type').inputValue()).toBe('morphing');
        // A live ticket has no still image to download.
        expect(await page.getByLabel('Files').count()).toBe(0);
        await page.getByLabel('Paste links, one per line').fill(guests.map((g, i) => `https://tickets.example/gala/${i + 1}\t${g}`).join('\n'));
        await page.getByLabel('Event name').fill('  Gala night ');
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          await expectAxeClean(page, `bulk live tickets, ${width} px`);
          await page.screenshot({ path: `.tmp/bulk-tickets-form-${width}-${dialect}.png`, fullPage: true });
        }
        await page.setViewportSize({ width: 1280, height: 900 });
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Create 3 tickets' }).click()]);
        await page.getByRole('heading', { name: '3 tickets created for “Gala night”' }).waitFor();
        expect(download.suggestedFilename()).toMatch(/^tessera-Gala-night-bat_\w+-tickets\.csv$/);
        csv = (await downloadBytes(download)).toString('utf8');
        await page.getByText('Keep the file private').waitFor();
        await expectAxeClean(page, 'bulk live tickets created, 1280 px');
        await page.screenshot({ path: `.tmp/bulk-tickets-created-1280-${dialect}.png`, fullPage: true });
        await page.getByRole('link', { name: 'Open the event’s door' }).click();
        await page.getByRole('heading', { name: 'Gala night' }).waitFor();
        await page.getByText('3 tickets.', { exact: false }).waitFor();
      });
      expect(problems).toEqual([]);

      const [header, ...rows] = parseCsv(csv);
      expect(header).toEqual(['name', 'short_code', 'campaign_id', 'destination', 'secret_key']);
      expect(rows.map((r) => [r[0], r[3]])).toEqual(guests.map((g, i) => [g, `https://tickets.example/gala/${i + 1}`]));
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      for (const [, shortCode, campaignId, , secretKey] of rows as Array<[string, string, string, string, string]>) {
        const stored = await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaignId}`, headers });
        expect(stored.json()).toMatchObject({ short_code: shortCode, qr_type: 'morphing' });
        // As the seed signs a render URL: t in milliseconds, sig the hex HMAC-SHA256 of t under the ticket's key.
        const t = String(live.clock.now());
        const sig = createHmac('sha256', secretKey).update(t).digest('hex');
        const render = await fetch(`${live.base}/api/render/${shortCode}.svg?t=${t}&sig=${sig}`);
        expect(render.headers.get('x-tessera-render')).toBe('live');
        const decoded = await decodeSvg(await render.text());
        expect(decoded.zxing).toMatch(new RegExp(`^${live.base}/${shortCode}\\?k=`));
        expect(decoded.jsqr).toBe(decoded.zxing);
        const admitted = await live.app.inject({ method: 'POST', url: '/api/v1/checkins', headers, payload: { payload: decoded.zxing, type: 'entry' } });
        expect(admitted.json()).toMatchObject({ result: 'ok', reason: 'admitted', campaign_id: campaignId });
      }

      // The phone layout of the form and of the result.
      const phone = await phoneContextLike(browser, context);
      const small = await phone.newPage();
      const smallProblems = watchPage(small);
      await withFailureScreenshot(small, `bulk-tickets-390-${dialect}`, async () => {
        await small.goto(`${live.base}/app/bulk?type=morphing`);
        await small.getByLabel('Paste links, one per line').fill('https://tickets.example/fair/1');
        await small.getByLabel('Event name').fill('Fair');
        await small.getByRole('button', { name: 'Create 1 ticket' }).click();
        await small.getByRole('heading', { name: '1 ticket created for “Fair”' }).waitFor();
        await expectAxeClean(small, 'bulk live tickets created, 390 px');
        expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await small.screenshot({ path: `.tmp/bulk-tickets-created-390-${dialect}.png`, fullPage: true });
      });
      expect(smallProblems).toEqual([]);
      await phone.close();
      await context.close();
    },
    120_000,
  );
});
