// What a new-user walkthrough found, in Chromium: the bulk check names every problem at once (a
// bare host gets https:// as in the campaign form) with long links wrapped; long names without
// spaces stay inside dialogs, cards and page headers whose actions keep their size; event
// descriptions show code spans as code; sign-in only says a session ended when there was one; and
// a long short link in the campaign list is cut in its host, never in its code.
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects.ts';
import { atDesktopAndPhone, chromiumAvailable, chromiumForFile, liveAppPerTest, phoneContextLike, signedInContext, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';

/** Nothing inside `locator` is wider than its box (no text spilling out sideways). */
async function fitsInside(locator: Locator): Promise<{ scrollWidth: number; clientWidth: number }> {
  return locator.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
}

async function expectNoSidewaysOverflow(page: Page, locator: Locator, label: string): Promise<void> {
  const box = await fitsInside(locator);
  expect(box.scrollWidth, `${label}: ${JSON.stringify(box)}`).toBeLessThanOrEqual(box.clientWidth);
  const doc = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(doc.scrollWidth, `${label}, page: ${JSON.stringify(doc)}`).toBeLessThanOrEqual(doc.innerWidth);
}

/** The button keeps its text on one line at its natural width (not squeezed into a column). */
async function expectFullSize(button: Locator, label: string): Promise<void> {
  const size = await button.evaluate((el) => {
    const rect = el.getBoundingClientRect();
    return { width: rect.width, height: rect.height, scrollWidth: el.scrollWidth, lineHeight: Number.parseFloat(getComputedStyle(el).lineHeight) };
  });
  // scrollWidth is rounded to whole pixels; the box is not.
  expect(Math.ceil(size.width), `${label}: ${JSON.stringify(size)}`).toBeGreaterThanOrEqual(size.scrollWidth);
  expect(size.width, `${label}: ${JSON.stringify(size)}`).toBeGreaterThan(90);
  expect(size.height, `${label}: ${JSON.stringify(size)}`).toBeLessThan(48);
}

/** On a wide screen, a header's actions sit side by side in one row (not stacked into a column). */
async function expectOneRow(width: number, actions: Locator[], label: string): Promise<void> {
  if (width < 640) return;
  const tops = await Promise.all(actions.map(async (a) => Math.round((await a.boundingBox())!.y)));
  expect(new Set(tops).size, `${label}: tops ${tops.join(', ')}`).toBe(1);
}

describeDialects('dashboard long content in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'the bulk check names every bad line at once, prefixes bare hosts, and wraps a long link above its reason',
    async () => {
      const live = await startApp();
      for (const width of [1280, 390]) {
        const { context } = await signedInContext(chromium(), live, { width });
        const page = await context.newPage();
        const problems = watchPage(page);
        await withFailureScreenshot(page, `long-bulk-${width}-${dialect}`, async () => {
          await page.goto(`${live.base}/app/bulk`);
          const long = `https://example.com/${'x'.repeat(3000)}`;
          await page.getByLabel('Paste links, one per line').fill(['https://example.com/a', 'example.com/b', 'not a url', 'javascript:alert(1)', '', 'https://example.com/a', long].join('\n'));
          await page.getByText('A line such as example.com/menu is checked as https://example.com/menu.').waitFor();
          await page.getByRole('button', { name: 'Check 6 links' }).click();
          await page.getByText('3 of 6 rows need fixing before anything can be created').waitFor();
          // Line 6 repeats line 1: a warning beside the errors, not one of them.
          expect(await page.getByTestId('row-duplicates').textContent()).toContain('Line 6: the same link as line 1');
          const list = page.getByTestId('row-errors');
          const items = list.getByRole('listitem');
          expect(await items.allTextContents()).toEqual([
            expect.stringMatching(/^Line 3not a url.*spaces/),
            expect.stringMatching(/^Line 4javascript:alert\(1\)must be a web link starting with https:\/\/ or http:\/\/ \('javascript:' links are not allowed\)/),
            expect.stringMatching(/^Line 7https:\/\/example\.com\/x+must be at most 2048 characters$/),
          ]);
          await expectNoSidewaysOverflow(page, list, 'error list');
          // The reason under the long link is in view in the list without scrolling it.
          const reason = items.nth(2).getByText('must be at most 2048 characters');
          const [reasonBox, listBox] = [await reason.boundingBox(), await list.boundingBox()];
          expect(reasonBox!.y + reasonBox!.height).toBeLessThanOrEqual(listBox!.y + listBox!.height);
          expect(reasonBox!.x + reasonBox!.width).toBeLessThanOrEqual(listBox!.x + listBox!.width);
          if (width === 1280) await page.screenshot({ path: `.tmp/long-bulk-${width}.png`, fullPage: true });
          else await list.screenshot({ path: `.tmp/long-bulk-${width}.png` });
        });
        expect(problems).toEqual([]);
        await context.close();
      }
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'a short name in two scripts is shown whole in the campaign header, not cut by an ellipsis inside a word',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const name = 'Spring menu — قائمة الربيع';
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name, destination: 'https://example.com/spring' } });
      expect(created.statusCode, created.body).toBe(201);
      await atDesktopAndPhone(chromium(), context, `mixed-name-${dialect}`, async (page, width) => {
        await page.goto(`${live.base}/app/campaigns/${created.json().id}`);
        const title = page.getByRole('heading', { level: 1, name });
        await title.waitFor();
        const box = await title.evaluate((el) => ({
          dir: el.getAttribute('dir'),
          scrollWidth: el.scrollWidth,
          clientWidth: el.clientWidth,
          scrollHeight: el.scrollHeight,
          clientHeight: el.clientHeight,
        }));
        expect(box, `at ${width}`).toMatchObject({ dir: 'auto' });
        expect(box.scrollWidth, `at ${width}: ${JSON.stringify(box)}`).toBeLessThanOrEqual(box.clientWidth);
        expect(box.scrollHeight, `at ${width}: ${JSON.stringify(box)}`).toBeLessThanOrEqual(box.clientHeight);
        await page.screenshot({ path: `.tmp/mixed-name-${width}.png` });
      });
      await context.close();
    },
    60_000,
  );

  it.skipIf(!chromiumAvailable)(
    'a campaign name without spaces stays inside its headers and the leave prompt; actions keep their size',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const name = `Summer${'X'.repeat(140)}`;
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name, destination: 'https://example.com/summer' } });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const phone = await phoneContextLike(chromium(), context);
      for (const ctx of [context, phone]) {
        const width = ctx === phone ? 390 : 1280;
        const page = await ctx.newPage();
        const problems = watchPage(page);
        await withFailureScreenshot(page, `long-name-${width}-${dialect}`, async () => {
          await page.goto(`${live.base}/app/campaigns/${id}`);
          const save = page.getByRole('button', { name: 'Save changes' });
          await save.waitFor();
          await expectFullSize(save, `campaign page Save at ${width}`);
          await expectFullSize(page.getByRole('link', { name: 'Scans' }), `campaign page Scans at ${width}`);
          await expectOneRow(
            width,
            [page.getByRole('link', { name: 'Add a page' }), page.getByRole('link', { name: 'Scans' }), page.getByRole('button', { name: 'Archive' }), save],
            'campaign page actions',
          );
          await expectNoSidewaysOverflow(page, page.locator('main'), `campaign page at ${width}`);
          // The navigation says where the page belongs: Campaigns, the current section (not the current page).
          expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).getAttribute('aria-current')).toBe('true');
          await page.screenshot({ path: `.tmp/long-name-campaign-${width}.png` });

          // Unsaved edits, then leaving: the prompt names the campaign inside its box.
          await page.getByLabel('Destination', { exact: true }).fill('https://example.com/summer-2');
          await page.getByRole('link', { name: 'Templates' }).first().click();
          const leave = page.getByRole('alertdialog', { name: 'Leave without saving?' });
          await leave.waitFor();
          await expectNoSidewaysOverflow(page, leave, `leave prompt at ${width}`);
          await page.screenshot({ path: `.tmp/long-name-leave-${width}.png` });
          await leave.getByRole('button', { name: 'Leave without saving' }).click();

          await page.goto(`${live.base}/app/campaigns/${id}/page`);
          const createPage = page.getByRole('button', { name: 'Create the page' });
          await createPage.waitFor();
          await expectFullSize(createPage, `hosted page editor at ${width}`);
          await expectNoSidewaysOverflow(page, page.locator('main'), `hosted page editor at ${width}`);
          await page.screenshot({ path: `.tmp/long-name-hosted-${width}.png` });

          await page.goto(`${live.base}/app/campaigns/${id}/scans`);
          const csv = page.getByRole('link', { name: 'Download CSV' });
          await csv.waitFor();
          await expectFullSize(csv, `scans page at ${width}`);
          await expectOneRow(width, [page.getByLabel('Period'), csv], 'scans page actions');
          await expectNoSidewaysOverflow(page, page.locator('main'), `scans page at ${width}`);
          await page.screenshot({ path: `.tmp/long-name-scans-${width}.png` });
        });
        expect(problems).toEqual([]);
        await page.close();
      }
      await phone.close();
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'a 100-character key name stays inside the “Key created” dialog and its card at 390 px',
    async () => {
      const live = await startApp();
      const { context } = await signedInContext(chromium(), live, { width: 390 });
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const page = await context.newPage();
      const problems = watchPage(page);
      const keyName = 'K'.repeat(100);
      await withFailureScreenshot(page, `long-key-${dialect}`, async () => {
        await page.goto(`${live.base}/app/api-keys`);
        await page.getByRole('button', { name: 'Create key' }).first().click();
        const dialog = page.getByRole('dialog', { name: 'Create an API key' });
        await dialog.getByLabel('Name').fill(keyName);
        await dialog.getByRole('button', { name: 'Create key' }).click();
        const created = page.getByRole('dialog', { name: 'Key created' });
        await created.getByTestId('secret').waitFor();
        await expectNoSidewaysOverflow(page, created, 'key created dialog');
        // A dialog without a description is described by nothing: no hidden copy of its title read twice.
        const described = await created.getAttribute('aria-describedby');
        if (described) expect(await page.locator(`[id="${described}"]`).textContent()).not.toBe('Key created');
        await page.screenshot({ path: '.tmp/long-key-dialog-390.png' });
        await created.getByRole('button', { name: 'I have copied it' }).click();
        const card = page.getByRole('listitem').filter({ hasText: keyName });
        await card.waitFor();
        await expectNoSidewaysOverflow(page, card, 'key card');
        await page.screenshot({ path: '.tmp/long-key-card-390.png', fullPage: true });
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    60_000,
  );

  it.skipIf(!chromiumAvailable)(
    'event descriptions show code spans as code, with each checkbox beside the first line',
    async () => {
      const live = await startApp();
      const { context } = await signedInContext(chromium(), live);
      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `events-${dialect}`, async () => {
        await page.goto(`${live.base}/app/webhooks`);
        // Endpoints come after the signing secret.
        await page.getByRole('button', { name: 'Create secret' }).click();
        await page.getByRole('button', { name: 'I have copied it' }).click();
        await page.getByRole('button', { name: 'Add endpoint' }).first().click();
        const dialog = page.getByRole('dialog', { name: 'Add an endpoint' });
        await dialog.getByLabel('Only the events I choose').check();
        const list = dialog.getByRole('list', { name: 'Event types' });
        await list.getByRole('listitem').first().waitFor();
        expect(await list.textContent()).not.toContain('`');
        const code = list.locator('code', { hasText: /^previous\.expires_at$/ });
        expect(await code.count()).toBeGreaterThanOrEqual(1);
        // Each checkbox sits on its item's first line, at full size.
        const rows = await list.locator('label').evaluateAll((labels) =>
          labels.map((label) => {
            const box = label.querySelector('input')!.getBoundingClientRect();
            const first = label.querySelector('code')!.getBoundingClientRect();
            return { width: box.width, centre: box.top + box.height / 2, lineTop: first.top, lineBottom: first.bottom };
          }),
        );
        for (const row of rows) {
          expect(row.width).toBe(16);
          expect(row.centre).toBeGreaterThan(row.lineTop);
          expect(row.centre).toBeLessThan(row.lineBottom);
        }
        await dialog.screenshot({ path: '.tmp/events-1280.png' });
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    60_000,
  );

  it.skipIf(!chromiumAvailable)(
    'a link opened before ever signing in asks to sign in; only an ended session says it ended',
    async () => {
      const live = await startApp();
      const browser = chromium();
      // Never signed in: a deep link.
      const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await stranger.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `never-signed-in-${dialect}`, async () => {
        await page.goto(`${live.base}/app/campaigns/cmp_0123456789abcdef`);
        await page.waitForURL(/\/login\?/);
        await page.getByText('Sign in to continue.').waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.getByText('Your session has ended').count()).toBe(0);
        expect(new URL(page.url()).searchParams.get('expired')).toBeNull();
        await page.screenshot({ path: '.tmp/login-neutral-1280.png' });
      });
      expect(problems).toEqual([]);
      await stranger.close();

      // Signed in once in this browser, the session then ends while no tab is open: it says so.
      const { context, cookie, email, password } = await signedInContext(browser, live);
      const again = await context.newPage();
      const againProblems = watchPage(again);
      await withFailureScreenshot(again, `session-ended-${dialect}`, async () => {
        await again.goto(`${live.base}/app`);
        await again.getByRole('button', { name: 'Sign out' }).first().waitFor();
        await again.goto('about:blank');
        const csrf = (await live.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json().csrf_token as string;
        const ended = await live.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf, origin: live.base } });
        expect(ended.statusCode).toBeLessThan(300);
        await again.goto(`${live.base}/app/campaigns/cmp_0123456789abcdef`);
        await again.waitForURL(/\/login\?/);
        await again.getByText('Your session has ended').waitFor();

        // Signing in and then out from the dashboard: a later deep link is neutral again.
        await again.getByLabel('Email').fill(email);
        await again.getByLabel('Password').fill(password);
        await again.getByRole('button', { name: 'Sign in' }).click();
        await again.waitForURL(/\/app\/campaigns\/cmp_0123456789abcdef$/);
        // The sign-in page's own session check is held back: the link below is opened before it
        // answers, as a quick person (or a loaded machine) does. Signing out alone must be enough.
        await again.route('**/api/v1/auth/me', () => {});
        await again.getByRole('button', { name: 'Sign out' }).first().click();
        await again.waitForURL(`${live.base}/login`);
        await again.unroute('**/api/v1/auth/me');
        await again.goto(`${live.base}/app/bulk`);
        await again.waitForURL(/\/login\?/);
        await again.getByText('Sign in to continue.').waitFor();
        expect(await again.getByText('Your session has ended').count()).toBe(0);
      });
      expect(againProblems).toEqual([]);
      await context.close();
    },
    60_000,
  );

  it.skipIf(!chromiumAvailable)(
    'a static code’s long destination wraps in the editor and is cut in the list, at 1280 and 390 px',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      // For a static code the public link is the destination itself: its last segment is no short code.
      const destination = `https://shop.example.com/menu-${'m'.repeat(300)}?utm_source=poster&utm_medium=print&utm_campaign=spring-2026-launch`;
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Menu poster (static)', qr_type: 'static', destination } });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const phone = await phoneContextLike(chromium(), context);
      for (const ctx of [context, phone]) {
        const width = ctx === phone ? 390 : 1280;
        const page = await ctx.newPage();
        const problems = watchPage(page);
        await withFailureScreenshot(page, `long-static-${width}-${dialect}`, async () => {
          await page.goto(`${live.base}/app/campaigns/${id}`);
          const link = page.getByText('Public link', { exact: true });
          await link.waitFor();
          await expectNoSidewaysOverflow(page, page.locator('main'), `static campaign page at ${width}`);
          // The Copy button stays beside the address, not under it.
          const [code, copy] = [await page.locator('code', { hasText: 'utm_source' }).boundingBox(), await page.getByRole('button', { name: 'Copy public link' }).boundingBox()];
          expect(code!.x + code!.width).toBeLessThanOrEqual(copy!.x);
          await page.screenshot({ path: `.tmp/long-static-editor-${width}.png`, fullPage: true });

          await page.goto(`${live.base}/app?q=Menu%20poster`);
          const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Menu poster (static)' }) });
          await row.waitFor();
          const line = row.locator('p[title]');
          expect(await line.getAttribute('title')).toBe(destination);
          const sizes = await line.evaluate((el) => {
            const cell = el.closest('td') as HTMLElement;
            return { right: el.getBoundingClientRect().right, cellRight: cell.getBoundingClientRect().right, scrollWidth: cell.scrollWidth, clientWidth: cell.clientWidth };
          });
          expect(sizes.right, JSON.stringify(sizes)).toBeLessThanOrEqual(sizes.cellRight + 0.5);
          expect(sizes.scrollWidth, JSON.stringify(sizes)).toBeLessThanOrEqual(sizes.clientWidth);
          // The start of the address (its host) is what shows; the tail gives way.
          expect(await line.textContent()).toMatch(/^shop\.example\.com\/menu-m/);
          await expectNoSidewaysOverflow(page, page.getByRole('table'), `campaign list at ${width}`);
          await page.screenshot({ path: `.tmp/long-static-list-${width}.png` });
        });
        expect(problems).toEqual([]);
        await page.close();
      }
      await phone.close();
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'a long short link in the campaign list at 390 px is cut in its host, never in its code',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live, { width: 390 });
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Spring menu poster', destination: 'https://example.com/' } });
      expect(created.statusCode, created.body).toBe(201);
      const { short_code: code } = created.json();
      // An installation on a long host name: the list shows the address the API gives.
      const longUrl = `https://qr-codes.marketing.a-rather-long-company-name.example/${code}`;
      const page = await context.newPage();
      const problems = watchPage(page);
      await page.route('**/api/v1/campaigns?*', async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        for (const campaign of body.data) campaign.public_url = longUrl;
        await route.fulfill({ response, json: body });
      });
      await withFailureScreenshot(page, `long-short-link-390-${dialect}`, async () => {
        await page.goto(`${live.base}/app`);
        const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Spring menu poster' }) });
        const shown = row.getByTestId('short-code');
        expect(await shown.textContent()).toBe(`/${code}`);
        // The code is whole and on the line; the host gave way (ellipsis) and the title has it all.
        const sizes = await shown.evaluate((el) => {
          const host = el.previousElementSibling as HTMLElement;
          const line = el.parentElement as HTMLElement;
          const [box, lineBox] = [el.getBoundingClientRect(), line.getBoundingClientRect()];
          return {
            code: [el.scrollWidth, el.clientWidth],
            host: [host.scrollWidth, host.clientWidth],
            inside: box.right <= lineBox.right + 0.5,
            title: line.title,
            top: [box.top, host.getBoundingClientRect().top],
          };
        });
        expect(sizes.code[0]).toBeLessThanOrEqual(sizes.code[1]!);
        expect(sizes.host[0]).toBeGreaterThan(sizes.host[1]!);
        expect(sizes.inside).toBe(true);
        expect(sizes.top[0]).toBe(sizes.top[1]);
        expect(sizes.title).toBe(longUrl);
        await expectNoSidewaysOverflow(page, page.getByRole('table'), 'campaign list');
        await row.screenshot({ path: '.tmp/long-short-link-390.png' });
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    60_000,
  );
});
