// A live ticket (morphing code) in Chromium on a real server. Its scans page, empty, says to scan
// the live ticket instead of offering the bare short link (which only shows "This code has
// expired"); the campaign page shows the ticket from /api/v1/campaigns/{id}/live.svg: decoded, it
// is a URL with ?k= that redirects, and it changes as each step (X-Tessera-Step-Seconds) begins,
// not while the tab is hidden. No link is offered for copying, neither there nor in the list's
// menu; the design preview says it has no token. Archived elsewhere, the page stops showing it.
// A ticket of an event says whether it got in (when, at which gate) and leads to the event's door,
// so the box office can look a holder up by name; its scans page says door check-ins are not scans. axe-clean at 1280 and 390 px.
import type { Page, Response } from 'playwright-core';
import { expect, it } from 'vitest';
import { liveUrl as signedTicketUrl } from '../../src/modules/morph/morph.service.ts';
import { ManualClock } from '../helpers/clock.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { chromiumAvailable, chromiumForFile, expectAxeClean, liveAppPerTest, phoneContextLike, signedInContext, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';
import { decodeQr } from '../helpers/scan-image.ts';

const STEP_SECONDS = 20;
const STEP = STEP_SECONDS * 1000;
const DATA_SVG = 'data:image/svg+xml;charset=utf-8,';

describeDialects('dashboard live tickets in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'shows the ticket holders see, which scans and changes every step, and offers no link that can only fail',
    async () => {
      // The server's clock starts at the browser's; both are moved on together by a step at a time.
      const clock = new ManualClock(Date.now());
      const live = await startApp({ clock, env: { TESSERA_MORPH_STEP_SECONDS: String(STEP_SECONDS) } });
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        headers,
        payload: { name: 'Summer gala', destination: 'https://example.com/gala', qr_type: 'morphing' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const ticket = created.json() as { id: string; short_code: string; public_url: string };
      const liveUrl = `${live.base}/api/v1/campaigns/${ticket.id}/live.svg`;
      // Why the short link is not offered: alone, it is the "expired" page.
      expect((await live.app.inject({ method: 'GET', url: `/${ticket.short_code}` })).statusCode).toBe(403);

      const page = await context.newPage();
      const problems = watchPage(page);
      await page.clock.install({ time: clock.now() });
      const nextLive = () => page.waitForResponse((r) => r.url() === liveUrl);
      const shownSvg = async () => {
        const src = (await page.getByTestId('live-ticket').getAttribute('src')) ?? '';
        return src.startsWith(DATA_SVG) ? decodeURIComponent(src.slice(DATA_SVG.length)) : '';
      };
      // The image the page got from the live endpoint, once it is the one shown; what it decodes to.
      const shown = async (response: Response) => {
        expect(response.status()).toBe(200);
        expect(response.headers()['cache-control']).toBe('no-store');
        expect(response.headers()['x-tessera-step-seconds']).toBe(String(STEP_SECONDS));
        const svg = await response.text();
        await expect.poll(shownSvg).toBe(svg);
        const [url] = await decodeQr(svg);
        expect(url).toMatch(new RegExp(`^${ticket.public_url}\\?k=[\\w-]+$`));
        return url!;
      };
      const scan = async (url: string) => (await live.app.inject({ method: 'GET', url: new URL(url).pathname + new URL(url).search })).statusCode;
      const nextStep = async (what: Page) => {
        clock.advance(STEP + 1_000);
        await what.clock.fastForward(STEP + 1_000);
      };

      await withFailureScreenshot(page, `live-ticket-${dialect}`, async () => {
        // No scans yet: try it by scanning the live ticket, which the page leads to.
        await page.goto(`${live.base}/app/campaigns/${ticket.id}/scans`);
        await page.getByRole('heading', { name: 'No scans in the last 30 days' }).waitFor();
        await page.getByText('To try it, scan the live ticket on the campaign page with your phone').waitFor();
        expect(await page.getByRole('button', { name: /copy/i }).count()).toBe(0);
        await expectAxeClean(page, 'live ticket scans, empty, at 1280 px');
        await page.screenshot({ path: `.tmp/live-ticket-scans-1280-${dialect}.png`, fullPage: true });
        const first = nextLive();
        await page.getByRole('link', { name: 'Show the live ticket' }).click();
        await page.waitForURL(`${live.base}/app/campaigns/${ticket.id}`);

        // The ticket as holders see it: it scans into a redirect within its step.
        const image = page.getByTestId('live-ticket');
        const k1 = await shown(await first);
        expect(await image.getAttribute('alt')).toBe('Live ticket of “Summer gala”, as ticket holders see it now');
        expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        expect(await scan(k1)).toBe(302);
        await page.getByText(`It changes every ${STEP_SECONDS} seconds, so screenshots and printouts of it stop working.`).waitFor();
        await page.getByText('scan it with your phone').waitFor();
        await page.getByRole('heading', { name: 'Design preview' }).waitFor();
        await page.getByText('It has no live token').waitFor();

        // No public link to copy: the short link is explained, with the way to the render secret.
        expect(await page.getByRole('button', { name: /copy/i }).count()).toBe(0);
        expect(await page.getByText('Public link', { exact: true }).count()).toBe(0);
        const ticketLink = page.getByTestId('ticket-link');
        expect(await ticketLink.textContent()).toContain('“This code has expired”');
        const docs = await ticketLink.getByRole('link', { name: 'Get the render secret (API reference)' }).getAttribute('href');
        expect(docs).toBe('/docs/#/morphing/getCampaignSecret');
        const spec = (await live.app.inject({ method: 'GET', url: '/openapi.json' })).json();
        expect(spec.paths['/api/v1/campaigns/{id}/secret'].get).toMatchObject({ operationId: 'getCampaignSecret', tags: ['morphing'] });
        await expectAxeClean(page, 'live ticket campaign page at 1280 px');
        await page.screenshot({ path: `.tmp/live-ticket-1280-${dialect}.png`, fullPage: true });

        // A design change shows on the ticket once saved, without waiting for the next step.
        await page.getByRole('group', { name: 'Module shape' }).getByText('Dots', { exact: true }).click();
        await page.getByText('It shows the saved design: save your changes to see them here.').waitFor();
        const redrawn = nextLive();
        await page.getByRole('button', { name: 'Save changes' }).click();
        const kSaved = await shown(await redrawn);
        expect(await scan(kSaved)).toBe(302);
        expect(await page.getByText('It shows the saved design').count()).toBe(0);

        // The next step: a new picture, which scans; the old one soon stops working.
        const second = nextLive();
        await nextStep(page);
        const k2 = await shown(await second);
        expect(k2).not.toBe(k1);
        expect(await scan(k2)).toBe(302);
        clock.advance(2 * STEP);
        expect(await scan(k1)).toBe(403);

        // A hidden tab asks for nothing; shown again, it asks at once.
        const asked: string[] = [];
        page.on('request', (request) => {
          if (request.url() === liveUrl) asked.push(request.url());
        });
        const setVisibility = (state: 'hidden' | 'visible') =>
          page.evaluate((value) => {
            Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
            document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
          }, state);
        await setVisibility('hidden');
        await page.clock.fastForward(3 * STEP);
        await page.waitForTimeout(300);
        expect(asked).toEqual([]);
        const back = nextLive();
        await setVisibility('visible');
        const k3 = await shown(await back);
        expect(asked).toHaveLength(1);
        expect(await scan(k3)).toBe(302);

        // The list's menu offers no link to copy either.
        await page.goto(`${live.base}/app`);
        await page.getByRole('button', { name: 'Actions for Summer gala' }).click();
        await page.getByRole('menuitem', { name: 'Edit' }).waitFor();
        expect(await page.getByRole('menuitem', { name: /copy/i }).count()).toBe(0);
        await page.keyboard.press('Escape');
      });

      // At 390 px: the ticket first, nothing wider than the screen.
      const phone = await phoneContextLike(chromium(), context);
      const small = await phone.newPage();
      problems.push(...watchPage(small));
      await withFailureScreenshot(small, `live-ticket-390-${dialect}`, async () => {
        await small.clock.install({ time: clock.now() });
        await small.goto(`${live.base}/app/campaigns/${ticket.id}/scans`);
        await small.getByRole('link', { name: 'Show the live ticket' }).waitFor();
        await expectAxeClean(small, 'live ticket scans, empty, at 390 px');
        await small.screenshot({ path: `.tmp/live-ticket-scans-390-${dialect}.png`, fullPage: true });
        const first = small.waitForResponse((r) => r.url() === liveUrl);
        await small.goto(`${live.base}/app/campaigns/${ticket.id}`);
        expect((await first).status()).toBe(200);
        await small.getByTestId('live-ticket').waitFor();
        await expectAxeClean(small, 'live ticket campaign page at 390 px');
        expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        const ticketTop = (await small.getByTestId('live-ticket').boundingBox())!.y;
        const previewTop = (await small.getByTestId('qr-preview').boundingBox())!.y;
        expect(ticketTop).toBeLessThan(previewTop);
        // The design preview further down is ahead of the person: no copy of it floats over the
        // ticket's instructions as a second code to scan. Once scrolled past, the copy follows.
        expect(await small.getByTestId('floating-preview').count()).toBe(0);
        await small.screenshot({ path: `.tmp/live-ticket-390-${dialect}.png`, fullPage: true });
        await small.getByRole('heading', { name: 'Design', exact: true }).scrollIntoViewIfNeeded();
        await small.getByTestId('floating-preview').waitFor();
        await small.evaluate(() => window.scrollTo(0, 0));
        await small.getByTestId('floating-preview').waitFor({ state: 'detached' });

        // Archived elsewhere: at its next step the page learns it, and shows the campaign as archived.
        const archived = await live.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${ticket.id}`, headers });
        expect(archived.statusCode, archived.body).toBe(200);
        expect((await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${ticket.id}/live.svg`, headers: { cookie } })).statusCode).toBe(410);
        const gone = small.waitForResponse((r) => r.url() === liveUrl);
        await nextStep(small);
        expect((await gone).status()).toBe(410);
        await small.getByText('This campaign is archived').waitFor();
        expect(await small.getByTestId('live-ticket').count()).toBe(0);
        expect(await small.getByTestId('ticket-link').count()).toBe(0);
        await expectAxeClean(small, 'archived live ticket at 390 px');
      });
      expect(problems).toEqual([]);
      await phone.close();
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'says on a ticket of an event whether, when and where it got in, and leads to the event’s door from it and its scans',
    async () => {
      const clock = new ManualClock(Date.now());
      const live = await startApp({ clock });
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const made = await live.app.inject({
        method: 'POST',
        url: '/api/v1/qrs/bulk',
        headers,
        payload: { urls: ['https://tickets.example/1', 'https://tickets.example/2'], names: ['Ada Lovelace', 'Grace Hopper'], batch_name: 'Winter gala', qr_type: 'morphing', design_config: {} },
      });
      expect(made.statusCode, made.body).toBe(201);
      const { batch_id: batchId, data } = made.json() as { batch_id: string; data: Array<{ id: string; short_code: string }> };
      const [ada, grace] = data as [{ id: string; short_code: string }, { id: string; short_code: string }];
      const payload = signedTicketUrl(live.app.ctx, { id: ada.id, accountId: '', shortCode: ada.short_code }, 1, clock.now());
      const checkin = await live.app.inject({ method: 'POST', url: '/api/v1/checkins', headers, payload: { payload, type: 'entry', scanner_id: 'North door', batch_id: batchId } });
      expect(checkin.json()).toMatchObject({ result: 'ok', reason: 'admitted' });

      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `live-ticket-door-${dialect}`, async () => {
        await page.goto(`${live.base}/app/campaigns/${ada.id}`);
        const admission = page.getByTestId('ticket-admission');
        await expect.poll(() => admission.textContent()).toMatch(/^Admitted .+ at North door\.$/);
        await page.getByText('Part of the event “Winter gala”.').waitFor();
        await expectAxeClean(page, 'admitted ticket');
        // Checked out again (re-entry is off by default): the page no longer says it is in.
        clock.advance(60_000);
        const out = signedTicketUrl(live.app.ctx, { id: ada.id, accountId: '', shortCode: ada.short_code }, 1, clock.now());
        const exit = await live.app.inject({ method: 'POST', url: '/api/v1/checkins', headers, payload: { payload: out, type: 'exit', scanner_id: 'South exit', batch_id: batchId } });
        expect(exit.json()).toMatchObject({ result: 'ok', reason: 'left', reentry: false });
        await page.reload();
        await expect.poll(() => admission.textContent()).toMatch(/^Checked out .+ at South exit\. Left for good: re-entry is off for this ticket\.$/);

        await page.goto(`${live.base}/app/campaigns/${grace.id}`);
        await expect.poll(() => page.getByTestId('ticket-admission').textContent()).toBe('Not checked in yet.');
        await page.setViewportSize({ width: 390, height: 844 });
        await expectAxeClean(page, 'ticket not checked in, 390 px');
        await page.screenshot({ path: `.tmp/live-ticket-door-390-${dialect}.png`, fullPage: true });
        await page.getByRole('link', { name: 'Open the event’s door' }).click();
        await page.waitForURL(`${live.base}/app/checkins/${batchId}`);
        await page.getByRole('heading', { name: 'Winter gala' }).waitFor();

        // Its scans page, empty though the ticket was checked in, says that door check-ins are elsewhere.
        await page.goto(`${live.base}/app/campaigns/${ada.id}/scans`);
        await page.getByRole('heading', { name: 'No scans in the last 30 days' }).waitFor();
        await page.getByText('Check-ins at the door are not counted here').waitFor();
        await expectAxeClean(page, 'scans page of a checked-in ticket, 390 px');
        await page.getByRole('link', { name: 'see them on the event’s door page' }).click();
        await page.waitForURL(`${live.base}/app/checkins/${batchId}`);
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    60_000,
  );
});
