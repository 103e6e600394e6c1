// Door links, in Chromium on a real server. The organiser, signed in, makes a door link on an
// event's door page: a check-in key kept to that event and named after it, working for the time
// chosen, shown once as a link and its QR code.
// A staff browser without cookies opens the link: the key leaves the address bar, the door checks
// tickets in with the key (and survives a reload) and offers nothing a check-in key cannot do. The
// key is listed as a check-in key for one event; revoked there, the link says it no longer works.
// A link without its key, a link carrying a full key, a link whose address names another event and
// a link to an unknown event each say what is wrong.
// axe-clean at 1280 and 390 px in every state.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { liveUrl } from '../../src/modules/morph/morph.service.ts';
import { ManualClock } from '../helpers/clock.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { chromiumAvailable, chromiumForFile, decodeImage, expectAxeClean, liveAppPerTest, signedInContext, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';

const STEP_SECONDS = 30;

/** axe at 1280 and at 390 px (the page resized, so the same state is checked at both). */
async function axeAtBothWidths(page: Page, label: string, screenshot?: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    await expectAxeClean(page, `${label}, ${width} px`);
    if (screenshot) await page.screenshot({ path: `/tmp/helper-door-${screenshot}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describeDialects('dashboard door links in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'hands the door to a staff device through a link: it checks tickets in with a check-in key until that key is revoked',
    async () => {
      const clock = new ManualClock(Date.now());
      const live = await startApp({ clock, env: { TESSERA_MORPH_STEP_SECONDS: String(STEP_SECONDS) } });
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const bulk = await live.app.inject({
        method: 'POST',
        url: '/api/v1/qrs/bulk',
        headers,
        payload: { urls: ['https://tickets.example/gala/1', 'https://tickets.example/gala/2'], names: ['Ada Lovelace', 'Grace Hopper'], qr_type: 'morphing', design_config: {} },
      });
      expect(bulk.statusCode, bulk.body).toBe(201);
      const gala = bulk.json() as { batch_id: string; data: Array<{ id: string; short_code: string }> };
      const named = await live.app.inject({ method: 'PATCH', url: `/api/v1/qrs/batches/${gala.batch_id}`, headers, payload: { name: 'Gala night' } });
      expect(named.statusCode, named.body).toBe(200);
      const ticketUrl = (code: { id: string; short_code: string }) => liveUrl(live.app.ctx, { id: code.id, accountId: '', shortCode: code.short_code }, 1, clock.now());

      // The organiser makes the link on the event's door page.
      const page = await context.newPage();
      const problems = watchPage(page);
      let link = '';
      await withFailureScreenshot(page, `door-link-organiser-${dialect}`, async () => {
        await page.goto(`${live.base}/app/checkins/${gala.batch_id}`);
        await page.getByRole('heading', { name: 'Gala night' }).waitFor();
        await page.getByRole('button', { name: 'Door link' }).click();
        const intro = page.getByRole('dialog', { name: 'Door link for staff' });
        await intro.getByText('for this event, and no other, for 3 days or until you revoke the key “Door: Gala night” on the API keys page').waitFor();
        await intro.getByLabel('Works for').selectOption({ label: '1 week' });
        await intro.getByText('for 1 week or until you revoke the key').waitFor();
        await axeAtBothWidths(page, 'door link dialog', 'dialog-intro');
        await intro.getByRole('button', { name: 'Create door link' }).click();
        const created = page.getByRole('dialog', { name: 'Door link created' });
        await created.getByText('You will not see this again').waitFor();
        link = (await created.getByTestId('secret').textContent()) ?? '';
        expect(link).toMatch(new RegExp(`^${live.base}/door/${gala.batch_id}#key=sec1-prd-`));
        // Made on a dashboard at 127.0.0.1, the link opens on no phone, and the dialog says so.
        await created.getByRole('alert').getByText('Phones cannot open this link').waitFor();
        // The QR code on screen is the link itself, for a phone's camera.
        const qr = await created.getByRole('img', { name: 'QR code of the door link' }).getAttribute('src');
        expect(await decodeImage(decodeURIComponent(qr!.slice(qr!.indexOf(',') + 1)))).toEqual([link]);
        await axeAtBothWidths(page, 'door link created', 'dialog-created');
        // Shown once: Escape does not throw it away, only Done closes it.
        await page.keyboard.press('Escape');
        expect(await created.isVisible()).toBe(true);
        await created.getByRole('button', { name: 'Done' }).click();
        await created.waitFor({ state: 'detached' });
      });
      expect(problems).toEqual([]);
      // The key behind it is kept to the event and stops working in a week.
      const keys = (await live.app.inject({ method: 'GET', url: '/api/v1/merchant/api-keys', headers })).json().data.api_keys as Array<{
        name: string;
        scope: string;
        batch_id: string | null;
        expires_at: string | null;
      }>;
      const doorKey = keys.find((k) => k.name === 'Door: Gala night')!;
      expect(doorKey).toMatchObject({ scope: 'checkin', batch_id: gala.batch_id });
      expect(Math.abs(Date.parse(doorKey.expires_at!) - (Date.now() + 7 * 86_400_000))).toBeLessThan(600_000);

      // A staff device: no cookies, nothing but the link.
      const staff = await chromium().newContext({ viewport: { width: 1280, height: 900 } });
      staff.setDefaultTimeout(10_000);
      const door = await staff.newPage();
      const staffProblems = watchPage(door);
      const requests: Array<{ url: string; key: string | undefined; cookie: string | undefined }> = [];
      door.on('request', (request) => requests.push({ url: request.url(), key: request.headers()['x-api-key'], cookie: request.headers().cookie }));
      const fullKey = decodeURIComponent(link.split('#key=')[1]!);
      await withFailureScreenshot(door, `door-link-staff-${dialect}`, async () => {
        await door.goto(link);
        await door.getByRole('heading', { name: 'Gala night' }).waitFor();
        // The key left the address bar, and never travelled in a URL.
        expect(door.url()).toBe(`${live.base}/door/${gala.batch_id}`);
        await door.getByText('Door link · checks tickets in only').waitFor();
        const answer = door.locator('[aria-live="assertive"]');
        const figure = (name: string) => door.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
        await door.getByLabel('Scanned ticket').fill(ticketUrl(gala.data[0]!));
        await door.keyboard.press('Enter');
        await answer.getByText('Admitted', { exact: true }).waitFor();
        await answer.getByText('Ada Lovelace').waitFor();
        await expect.poll(() => figure('Admitted').textContent()).toBe('1');
        await expect.poll(() => figure('Inside now').textContent()).toBe('1');
        await expect.poll(async () => await door.getByRole('region', { name: 'Latest check-ins' }).locator('tbody tr').first().textContent()).toContain('Ada Lovelace');
        // Nothing a check-in key cannot do: no rename, no CSV (a link cannot send the key), no navigation.
        for (const name of ['Rename event', 'Name event', 'Door link']) expect(await door.getByRole('button', { name }).count(), name).toBe(0);
        expect(await door.getByRole('link', { name: /CSV/ }).count()).toBe(0);
        expect(await door.getByRole('navigation').count()).toBe(0);
        await axeAtBothWidths(door, 'door through a link', 'staff');

        // A reload keeps the door open (the key is kept for this tab).
        await door.reload();
        await door.getByRole('heading', { name: 'Gala night' }).waitFor();
        clock.advance(1_000);
        await door.getByLabel('Scanned ticket').fill(ticketUrl(gala.data[1]!));
        await door.keyboard.press('Enter');
        await answer.getByText('Grace Hopper').waitFor();
        await answer.getByText('Admitted', { exact: true }).waitFor();
        await expect.poll(() => figure('Admitted').textContent()).toBe('2');
      });
      expect(staffProblems).toEqual([]);
      const api = requests.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
      expect(api.length).toBeGreaterThan(0);
      expect(api.every((r) => r.key === fullKey && r.cookie === undefined)).toBe(true);
      expect(requests.some((r) => r.url.includes(fullKey) || r.url.includes('key='))).toBe(false);

      // The same key under another event's address opens nothing there.
      const fair = await live.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers, payload: { urls: ['https://tickets.example/fair/1'], qr_type: 'morphing', design_config: {} } });
      expect(fair.statusCode, fair.body).toBe(201);
      const elsewhere = await staff.newPage();
      const elsewhereProblems = watchPage(elsewhere);
      await withFailureScreenshot(elsewhere, `door-link-other-event-${dialect}`, async () => {
        await elsewhere.goto(`${live.base}/door/${fair.json().batch_id}#key=${fullKey}`);
        await elsewhere.getByRole('heading', { name: 'This door link is for another event' }).waitFor();
        expect(await elsewhere.getByLabel('Scanned ticket').count()).toBe(0);
        await axeAtBothWidths(elsewhere, 'door link for another event', 'staff-other-event');
      });
      expect(elsewhereProblems).toEqual([]);
      await elsewhere.close();

      // The key is on the API keys page as a check-in key; revoked there, the link stops working.
      await withFailureScreenshot(page, `door-link-revoke-${dialect}`, async () => {
        await page.goto(`${live.base}/app/api-keys`);
        const row = page.locator('li', { hasText: 'Door: Gala night' });
        await row.getByText('Check-in · one event').waitFor();
        expect(await row.getByRole('link', { name: 'Open its event’s door' }).getAttribute('href')).toBe(`/app/checkins/${gala.batch_id}`);
        await row.getByRole('button', { name: 'Revoke' }).click();
        // The consequence named is the door's, not a server's "revoked" errors.
        await page.getByRole('alertdialog').getByText('staff phones using it, or its door link, can no longer check tickets in').waitFor();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke key' }).press('Enter');
        await page.getByText('Revoked keys (1)').waitFor();
        // The pressed Revoke button is gone with its row: focus lands on the page's heading, not <body>.
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('API keys');
      });
      await withFailureScreenshot(door, `door-link-revoked-${dialect}`, async () => {
        // The open door notices on its next refresh, forgets the key and says so.
        await door.getByRole('heading', { name: 'This door link no longer works' }).waitFor({ timeout: 20_000 });
        expect(await door.evaluate((batchId) => sessionStorage.getItem(`tessera.door.key.${batchId}`), gala.batch_id)).toBeNull();
        expect(await door.getByLabel('Scanned ticket').count()).toBe(0);
        // Opened again, the revoked link says the same.
        await door.goto(link);
        await door.getByRole('heading', { name: 'This door link no longer works' }).waitFor();
        expect(door.url()).toBe(`${live.base}/door/${gala.batch_id}`);
        await door.getByText('Ask the organiser for a new door link').waitFor();
        await axeAtBothWidths(door, 'door link revoked', 'staff-revoked');

        // Reloaded, it still says why (the key is gone, the reason kept for the tab).
        await door.reload();
        await door.getByRole('heading', { name: 'This door link no longer works' }).waitFor();
      });
      // Revoked while its door is open, a link is found out by the next scan: the page says so at
      // once instead of the API's advice to developers and a retry that cannot work, without
      // waiting for the figures' next refresh (5 s, then retries).
      const second = await live.app.inject({
        method: 'POST',
        url: '/api/v1/merchant/api-keys',
        headers,
        payload: { env: 'prd', name: 'Door: Gala night 2', scope: 'checkin', batch_id: gala.batch_id },
      });
      expect(second.statusCode, second.body).toBe(201);
      const midShift = await staff.newPage();
      const midShiftProblems = watchPage(midShift);
      await withFailureScreenshot(midShift, `door-link-revoked-mid-shift-${dialect}`, async () => {
        await midShift.goto(`${live.base}/door/${gala.batch_id}#key=${second.json().data.full_key}`);
        await midShift.getByRole('heading', { name: 'Gala night' }).waitFor();
        const revoked = await live.app.inject({ method: 'DELETE', url: `/api/v1/merchant/api-keys/${second.json().data.api_key.id}`, headers });
        expect(revoked.statusCode, revoked.body).toBe(204);
        await midShift.getByLabel('Scanned ticket').fill(ticketUrl(gala.data[1]!));
        await midShift.keyboard.press('Enter');
        await midShift.getByRole('heading', { name: 'This door link no longer works' }).waitFor({ timeout: 2_000 });
        expect(await midShift.getByLabel('Scanned ticket').count()).toBe(0);
      });
      expect(midShiftProblems).toEqual([]);
      await midShift.close();
      // A link without its key, in a new tab.
      const cut = await staff.newPage();
      const cutProblems = watchPage(cut);
      await withFailureScreenshot(cut, `door-link-incomplete-${dialect}`, async () => {
        await cut.goto(`${live.base}/door/${gala.batch_id}`);
        await cut.getByRole('heading', { name: 'This door link is incomplete' }).waitFor();
        await axeAtBothWidths(cut, 'door link incomplete', 'staff-incomplete');
      });
      expect(cutProblems).toEqual([]);
      await withFailureScreenshot(door, `door-link-refused-${dialect}`, async () => {
        // A full key in a door link is refused, not used.
        const full = await live.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers, payload: { env: 'prd', name: 'Everything' } });
        expect(full.statusCode, full.body).toBe(201);
        await door.goto(`${live.base}/door/${gala.batch_id}#key=${full.json().data.full_key}`);
        await door.getByRole('heading', { name: 'This door link no longer works' }).waitFor();
        expect(await door.getByLabel('Scanned ticket').count()).toBe(0);

        // A working check-in key, for an event that is not there.
        const checkin = await live.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers, payload: { env: 'prd', name: 'Door: elsewhere', scope: 'checkin' } });
        expect(checkin.statusCode, checkin.body).toBe(201);
        await door.goto(`${live.base}/door/bat_nonexistent#key=${checkin.json().data.full_key}`);
        await door.getByRole('heading', { name: 'Event not found' }).waitFor();
        await axeAtBothWidths(door, 'door link to an unknown event');
      });
      expect(staffProblems).toEqual([]);
      await staff.close();
    },
    120_000,
  );
});
