// Templates and API keys in Chromium: save a design as a template from the designer, see it with
// its preview, start a campaign from it, delete it; create a key (shown once, copied), use it,
// regenerate it with a grace period (the old one keeps working), revoke the old one (403); a list
// with a revoked key and one being replaced is axe-clean (no faded, low-contrast rows) at 1280 and
// 390 px, in light and dark.
import { expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects.ts';
import {
  atDesktopAndPhone,
  chromiumAvailable,
  chromiumForFile,
  expectAxeClean,
  liveAppPerTest,
  phoneContextLike,
  signedInContext,
  smallTouchTargets,
  watchPage,
  withFailureScreenshot,
} from '../helpers/dashboard-browser.ts';

describeDialects('dashboard templates and API keys in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'saves a design as a template, starts a campaign from it, and deletes it',
    async () => {
      const live = await startApp();
      const browser = chromium();
      const { context, cookie } = await signedInContext(browser, live);
      const page = await context.newPage();
      const problems = watchPage(page);
      const base = live.base;
      await withFailureScreenshot(page, `templates-${dialect}`, async () => {
        await page.goto(`${base}/app/templates`);
        await page.getByRole('heading', { name: 'No templates yet' }).waitFor();

        await page.goto(`${base}/app/campaigns/new`);
        // The dialog's form sits inside the designer's form in React's tree: saving the template
        // (Enter in its field) must not submit the campaign too.
        const campaignWrites: string[] = [];
        page.on('request', (request) => {
          if (request.method() !== 'GET' && request.url().includes('/api/v1/campaigns')) campaignWrites.push(`${request.method()} ${request.url()}`);
        });
        await page.getByLabel('Name', { exact: true }).fill('Not saved yet');
        await page.getByRole('button', { name: 'Liquid', exact: true }).click();
        await page.getByRole('button', { name: 'Save design as template' }).click();
        const dialog = page.getByRole('dialog', { name: 'Save as template' });
        await dialog.getByLabel('Template name').fill('Brand look');
        await dialog.getByLabel('Template name').press('Enter');
        await page.getByText('Template “Brand look” saved').first().waitFor();
        expect(campaignWrites).toEqual([]);
        expect(await page.getByRole('alert').count()).toBe(0);

        // The designer holds unsaved edits (the name): leaving asks first; Cancel keeps them.
        await page.getByRole('link', { name: 'Templates' }).first().click();
        const leave = page.getByRole('alertdialog', { name: 'Leave without saving?' });
        await leave.getByRole('button', { name: 'Cancel' }).click();
        await leave.waitFor({ state: 'detached' });
        expect(page.url()).toMatch(/\/app\/campaigns\/new$/);
        expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Not saved yet');
        await page.getByRole('link', { name: 'Templates' }).first().click();
        await leave.getByRole('button', { name: 'Leave without saving' }).click();
        await page.getByRole('img', { name: 'Preview of Brand look' }).waitFor();
        await page.getByRole('link', { name: 'Use for a new campaign' }).click();
        await page.waitForURL(/\/app\/campaigns\/new\?template=tpl_/);
        // The picker names the template whose design the form holds, until the design changes.
        const picker = page.getByLabel('Start from a template');
        const shown = () => picker.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text);
        expect(await shown()).toBe('Brand look');
        await page.getByRole('group', { name: 'Module shape' }).getByText('Dots', { exact: true }).click();
        expect(await shown()).toBe('Choose a template…');
        await picker.selectOption({ label: 'Brand look' });
        expect(await shown()).toBe('Brand look');
        await page.getByLabel('Name', { exact: true }).fill('From the template');
        await page.getByLabel('Destination', { exact: true }).fill('https://example.com/from-template');
        await page.getByRole('button', { name: 'Create campaign' }).click();
        await page.waitForURL(/\/app\/campaigns\/cmp_/);
        // The new campaign replaced the form in the history: Back leads to the templates, not to an empty form.
        await page.goBack();
        await page.getByRole('img', { name: 'Preview of Brand look' }).waitFor();
        expect(page.url()).toBe(`${base}/app/templates`);

        const templates = (await live.app.inject({ method: 'GET', url: '/api/v1/templates', headers: { cookie } })).json().data;
        const campaigns = (await live.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: { cookie } })).json().data;
        expect(templates).toHaveLength(1);
        expect(templates[0].design_config).toMatchObject({ shapes: 'liquid', color: '#7e22ce' });
        expect(campaigns[0].design_config).toEqual(templates[0].design_config);
        // Made from the template unchanged: the campaign records which one.
        expect(campaigns[0].template_id).toBe(templates[0].id);

        await page.goto(`${base}/app/templates`);
        await page.getByRole('button', { name: 'Delete template Brand look' }).click();
        const confirm = page.getByRole('alertdialog', { name: 'Delete “Brand look”?' });
        expect(await confirm.textContent()).toContain('campaigns made from it keep their design');
        await confirm.getByRole('button', { name: 'Delete template' }).click();
        await page.getByRole('heading', { name: 'No templates yet' }).waitFor();
      });
      expect((await live.app.inject({ method: 'GET', url: '/api/v1/templates', headers: { cookie } })).json().data).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'creates a key shown once, regenerates it with a grace period, and revokes the old one',
    async () => {
      const live = await startApp();
      const browser = chromium();
      const { context, cookie, csrfToken } = await signedInContext(browser, live);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: live.base });
      const page = await context.newPage();
      const base = live.base;
      const call = (key: string) => fetch(`${base}/api/v1/campaigns`, { headers: { 'x-api-key': key } });
      let first = '';
      let second = '';
      await withFailureScreenshot(page, `keys-${dialect}`, async () => {
        await page.goto(`${base}/app/api-keys`);
        await page.getByRole('heading', { name: 'No API keys yet' }).waitFor();
        expect(await page.getByText('the last two digits are a checksum').count()).toBe(1);
        await page.getByRole('button', { name: 'Create key' }).first().click();
        const dialog = page.getByRole('dialog', { name: 'Create an API key' });
        // "(optional)" is part of the field's name, after a space.
        await dialog.getByLabel('Name (optional)', { exact: true }).fill('Ticket shop');
        // No date picked: a plain sentence beside the picker, and nothing sent.
        await dialog.getByLabel('Expires').selectOption('date');
        await dialog.getByRole('button', { name: 'Create key' }).click();
        await dialog.getByText('Choose the day the key stops working.').waitFor();
        expect(await dialog.getByLabel('Expiry date').getAttribute('aria-invalid')).toBe('true');
        expect(await dialog.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
        // A date in the past: the server's refusal sits under the date picked, not under the choice.
        await dialog.getByLabel('Expiry date').fill('2020-01-01');
        await dialog.getByRole('button', { name: 'Create key' }).click();
        await expect.poll(() => dialog.getByLabel('Expiry date').getAttribute('aria-invalid')).toBe('true');
        expect(await dialog.getByLabel('Expires').getAttribute('aria-invalid')).toBeNull();
        await dialog.getByLabel('Expires').selectOption('30');
        await dialog.getByRole('button', { name: 'Create key' }).click();
        const secret = page.getByTestId('secret');
        await secret.waitFor();
        first = (await secret.textContent())!.trim();
        expect(first).toMatch(/^sec1-prd-[0-9A-Z]{13}-\S+-\d{2}$/);
        await page.getByText('You will not see this again').waitFor();
        await page.getByRole('button', { name: 'Copy' }).click();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
        // Shown once: Escape (twice: the first may go to the "copied" toast) and a click outside keep it.
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
        await page.mouse.click(5, 5);
        expect(await secret.isVisible()).toBe(true);
        await page.getByRole('button', { name: 'I have copied it' }).click();
        await page.getByText('Ticket shop').waitFor();
        expect(await page.content()).not.toContain(first);
        expect((await call(first)).status).toBe(200);

        await page.getByRole('button', { name: 'Regenerate' }).click();
        const regenerate = page.getByRole('dialog', { name: 'Regenerate “Ticket shop”?' });
        await regenerate.getByLabel('The old key').selectOption('24');
        await regenerate.getByRole('button', { name: 'Regenerate key' }).click();
        await page.getByTestId('secret').waitFor();
        second = (await page.getByTestId('secret').textContent())!.trim();
        expect(second).not.toBe(first);
        await page.getByRole('button', { name: 'I have copied it' }).click();
        await page.getByText('Being replaced').waitFor();
        expect((await call(first)).status).toBe(200);
        expect((await call(second)).status).toBe(200);

        await page.locator('li', { hasText: 'Being replaced' }).getByRole('button', { name: 'Revoke' }).click();
        const confirm = page.getByRole('alertdialog');
        expect(await confirm.textContent()).toContain('stops working at once');
        await confirm.getByRole('button', { name: 'Revoke key' }).click();
        // Revoked keys fold away below the keys in use, still listed for reference.
        const revokedKeys = page.getByText('Revoked keys (1)');
        await revokedKeys.waitFor();
        expect(await page.getByText('Revoked', { exact: true }).isVisible()).toBe(false);
        await revokedKeys.click();
        await page.getByText('Revoked', { exact: true }).waitFor();

        // The second key regenerated too: one revoked, one being replaced, one active, all
        // readable (axe's colour contrast) at both widths and in both colour schemes.
        await page.getByRole('button', { name: 'Regenerate' }).click();
        await page.getByRole('dialog', { name: 'Regenerate “Ticket shop”?' }).getByLabel('The old key').selectOption('24');
        await page.getByRole('button', { name: 'Regenerate key' }).click();
        await page.getByRole('button', { name: 'I have copied it' }).click();
        await page.getByText('Being replaced').waitFor();
        expect(await page.getByText('Revoked', { exact: true }).count()).toBe(1);
        expect(await page.getByText('Active', { exact: true }).count()).toBe(1);

        // A door scanner's key: check-in only, marked so in the list, refused by the rest of the API.
        await page.getByRole('button', { name: 'Create key' }).first().click();
        const doorDialog = page.getByRole('dialog', { name: 'Create an API key' });
        await doorDialog.getByLabel('Name (optional)', { exact: true }).fill('North door');
        expect(await doorDialog.getByRole('radio', { name: 'Everything' }).isChecked()).toBe(true);
        // A shop evaluating payments learns a full key is the one for payments/init.
        await doorDialog.getByText('Codes, campaigns, payments, analytics and keys: the whole API.').waitFor();
        await doorDialog.getByRole('radio', { name: 'Check-in only' }).check();
        await expectAxeClean(page, 'create a check-in key, 1280 px');
        await page.screenshot({ path: `.tmp/api-key-create-1280-${dialect}.png` });
        await doorDialog.getByRole('button', { name: 'Create key' }).click();
        await page.getByTestId('secret').waitFor();
        const doorKey = (await page.getByTestId('secret').textContent())!.trim();
        await page.getByRole('button', { name: 'I have copied it' }).click();
        await page.locator('li', { hasText: 'North door' }).getByText('Check-in only').waitFor();
        expect(await page.locator('li', { hasText: 'Ticket shop' }).getByText('Check-in only').count()).toBe(0);
        const refused = await call(doorKey);
        expect([refused.status, (await refused.json()).code]).toEqual([403, 'api_key_scope']);
        expect((await (await fetch(`${base}/api/v1/auth/me`, { headers: { 'x-api-key': doorKey } })).json()).scope).toBe('checkin');

        // One kept to an event: chosen among the events, marked so, linked to that event's door.
        const gala = await live.app.inject({
          method: 'POST',
          url: '/api/v1/qrs/bulk',
          headers: { cookie, 'x-csrf-token': csrfToken, origin: base },
          payload: { urls: ['https://tickets.example/1'], qr_type: 'morphing', batch_name: 'Gala night', design_config: {} },
        });
        expect(gala.statusCode, gala.body).toBe(201);
        await page.reload();
        await page.getByRole('button', { name: 'Create key' }).first().click();
        const eventDialog = page.getByRole('dialog', { name: 'Create an API key' });
        await eventDialog.getByLabel('Name (optional)', { exact: true }).fill('Gala gate');
        expect(await eventDialog.getByLabel('Events', { exact: true }).count()).toBe(0);
        await eventDialog.getByRole('radio', { name: 'Check-in only' }).check();
        await eventDialog.getByLabel('Events', { exact: true }).selectOption({ label: 'Only Gala night' });
        await expectAxeClean(page, 'create a check-in key for one event, 1280 px');
        await page.screenshot({ path: `.tmp/api-key-create-event-1280-${dialect}.png` });
        await eventDialog.getByRole('button', { name: 'Create key' }).click();
        const galaKey = (await page.getByTestId('secret').textContent())!.trim();
        await page.getByRole('button', { name: 'I have copied it' }).click();
        const galaRow = page.locator('li', { hasText: 'Gala gate' });
        await galaRow.getByText('Check-in · one event').waitFor();
        expect(await galaRow.getByRole('link', { name: 'Open its event’s door' }).getAttribute('href')).toBe(`/app/checkins/${gala.json().batch_id}`);
        expect((await (await fetch(`${base}/api/v1/auth/me`, { headers: { 'x-api-key': galaKey } })).json()).batch_id).toBe(gala.json().batch_id);
        const phone = await phoneContextLike(browser, context);
        const small = await phone.newPage();
        await small.goto(`${base}/app/api-keys`);
        await small.getByText('Being replaced').waitFor();
        // Unfolded, so the revoked key's row is measured too.
        await small.getByText('Revoked keys (1)').click();
        await small.getByText('Revoked', { exact: true }).waitFor();
        for (const [view, width] of [
          [page, 1280],
          [small, 390],
        ] as const) {
          for (const colorScheme of ['light', 'dark'] as const) {
            await view.emulateMedia({ colorScheme });
            // The links' colour transitions run after the switch: axe measures the colours they end on.
            await view.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
            await expectAxeClean(view, `API keys with a revoked key and one being replaced at ${width} px, ${colorScheme}`);
            await view.screenshot({ path: `.tmp/api-keys-${width}-${colorScheme}.png`, fullPage: true });
          }
        }
        await phone.close();
      });
      const revoked = await call(first);
      expect(revoked.status).toBe(403);
      expect((await revoked.json()).code).toBe('api_key_revoked');
      expect((await call(second)).status).toBe(200);
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'a section not loaded yet while Tessera is unreachable shows an in-app error with a retry; a chunk gone after a deploy reloads once',
    async () => {
      const live = await startApp();
      const { context } = await signedInContext(chromium(), live);
      const page = await context.newPage();
      const problems = watchPage(page);
      let loads = 0;
      page.on('load', () => loads++);
      await withFailureScreenshot(page, `section-unreachable-${dialect}`, async () => {
        await page.goto(`${live.base}/app`);
        await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
        await page.waitForLoadState('networkidle');
        // Tessera stops answering: every request is refused, as when the server is down.
        await page.route('**/*', (route) => route.abort('connectionrefused'));
        await page.getByRole('link', { name: 'Templates' }).first().click();
        const alert = page.getByRole('alert').filter({ hasText: 'Tessera could not be reached' });
        await alert.waitFor();
        // Still the app (its navigation, the same tab), not the browser's error page.
        expect(page.url()).toBe(`${live.base}/app/templates`);
        expect(loads).toBe(1);
        await page.getByRole('link', { name: 'API keys' }).first().waitFor();
        await page.screenshot({ path: '.tmp/section-unreachable-1280.png' });
        await page.setViewportSize({ width: 390, height: 844 });
        await page.screenshot({ path: '.tmp/section-unreachable-390.png' });
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.unroute('**/*');
        await alert.getByRole('button', { name: 'Try again' }).click();
        await page.getByRole('heading', { name: 'No templates yet' }).waitFor();

        // Behind a reverse proxy, Tessera down is a 502 for everything, /healthz included: an
        // answer, but not Tessera's, so still an outage in place and no reload onto the proxy's page.
        await page.route('**/*', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' }));
        await page.getByRole('link', { name: 'Webhooks' }).first().click();
        await page.getByRole('alert').filter({ hasText: 'Tessera could not be reached' }).waitFor();
        expect(page.url()).toBe(`${live.base}/app/webhooks`);
        expect(loads).toBe(1);
        await page.unroute('**/*');

        // A newer deploy removed the API keys chunk while Tessera answers: one reload (to the
        // new build), and if it is still missing, a message in place rather than a reload loop.
        await page.route(/\/assets\/api-keys-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'Not found' }));
        await page.getByRole('link', { name: 'API keys' }).first().click();
        const stale = page.getByRole('alert').filter({ hasText: 'Reload the page' });
        await stale.waitFor();
        expect(loads).toBe(2);
        expect(page.url()).toBe(`${live.base}/app/api-keys`);
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    60_000,
  );
  it.skipIf(!chromiumAvailable)(
    'the dashboard opened while Tessera is unreachable is a page of its own: a heading, the reason, a retry and the way to sign in',
    async () => {
      const live = await startApp();
      const { context } = await signedInContext(chromium(), live);
      await atDesktopAndPhone(chromium(), context, `app-unreachable-${dialect}`, async (page, width) => {
        // The session check itself cannot reach Tessera, so the app shell never renders.
        await page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
        await page.goto(`${live.base}/app/templates`);
        await page.getByRole('heading', { level: 1, name: 'This page could not be loaded' }).waitFor();
        await page.getByRole('main').getByText('Tessera could not be reached').waitFor();
        expect(await page.locator('main').count()).toBe(1);
        expect(await page.title()).toBe('This page could not be loaded · Tessera');
        const signIn = page.getByRole('link', { name: 'Go to the sign-in page' });
        expect(await signIn.getAttribute('href')).toBe(`/login?redirect=${encodeURIComponent('/app/templates')}`);
        await expectAxeClean(page, `unreachable at ${width} px`);
        if (width === 390) expect(await smallTouchTargets(page)).toEqual([]);
        await page.screenshot({ path: `.tmp/app-unreachable-${width}.png` });
        // Back: the retry loads the page it was opening, in the app.
        await page.unroute('**/api/v1/**');
        await page.getByRole('button', { name: 'Try again' }).click();
        await page.getByRole('heading', { name: 'No templates yet' }).waitFor();
        expect(await page.locator('main').count()).toBe(1);
      });
      await context.close();
    },
    60_000,
  );
});
