// One request per intent, in Chromium on a real server: a submit button clicked twice before the
// page re-renders (a double-click, or two clicks in one frame) sends its request once — campaign
// create, template save, webhook endpoint add, statement reconcile, simulate paid. And the
// browser's own "Leave site?" prompt (beforeunload) comes only when there are unsaved edits: not
// after a click on the title of a new or saved campaign, after downloading its SVG, or after
// opening and cancelling the template dialog.
import type { Locator, Page, Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { chromiumAvailable, chromiumForFile, liveAppPerTest, signedInContext, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { INIT, initPayment } from '../helpers/payments.ts';
import { camtXml } from '../unit/payments/camt-fixtures.ts';

/** Clicks twice in one task: the second click comes before React has re-rendered the first one's pending state. */
async function clickTwiceInOneFrame(button: Locator): Promise<void> {
  await button.evaluate((element: HTMLElement) => {
    element.click();
    element.click();
  });
}

/** Records the writes (non-GET requests) to API paths matching `path`. */
function watchWrites(page: Page, path: RegExp): string[] {
  const writes: string[] = [];
  page.on('request', (request: Request) => {
    if (request.method() !== 'GET' && path.test(new URL(request.url()).pathname)) writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return writes;
}

/** Reloads the page, accepting any "Leave site?" prompt; how many such prompts came. */
async function reloadCountingLeavePrompts(page: Page): Promise<number> {
  let prompts = 0;
  const onDialog = (dialog: { type(): string; accept(): Promise<void> }) => {
    if (dialog.type() === 'beforeunload') prompts++;
    void dialog.accept();
  };
  page.on('dialog', onDialog);
  try {
    await page.reload();
  } finally {
    page.off('dialog', onDialog);
  }
  return prompts;
}

describeDialects('dashboard submits once in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'a double-clicked Create campaign, Save template or Add endpoint creates one; the leave prompt comes only with unsaved edits',
    async () => {
      const live = await startApp({ env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const secret = await live.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers: { cookie, 'x-csrf-token': csrfToken, origin: live.base } });
      expect(secret.statusCode, secret.body).toBe(201);
      const page = await context.newPage();
      const problems = watchPage(page);
      const list = async (url: string) => (await live.app.inject({ method: 'GET', url, headers: { cookie } })).json().data as unknown[];
      await withFailureScreenshot(page, `submit-once-${dialect}`, async () => {
        // A new campaign, untouched but clicked: reloading asks nothing.
        await page.goto(`${live.base}/app/campaigns/new`);
        await page.getByRole('heading', { name: 'New campaign', level: 1 }).click();
        expect(await reloadCountingLeavePrompts(page)).toBe(0);

        // Create campaign, double-clicked: one campaign.
        const campaignWrites = watchWrites(page, /^\/api\/v1\/campaigns$/);
        await page.getByLabel('Name', { exact: true }).fill('Double poster');
        await page.getByLabel('Destination', { exact: true }).fill('https://example.com/double');
        await page.getByRole('button', { name: 'Create campaign' }).dblclick();
        await page.waitForURL(/\/app\/campaigns\/cmp_/);
        await page.getByText('Campaign created').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(campaignWrites).toEqual(['POST /api/v1/campaigns']);
        expect(await list('/api/v1/campaigns')).toHaveLength(1);

        // The saved campaign, nothing changed: a click on the title, an SVG download, the template
        // dialog opened and cancelled — none of them makes reloading ask.
        await page.getByRole('heading', { name: 'Double poster', level: 1 }).click();
        expect(await reloadCountingLeavePrompts(page)).toBe(0);
        await page.getByRole('heading', { name: 'Double poster', level: 1 }).click();
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: /SVG/ }).first().click();
        await download;
        await page.getByRole('button', { name: 'Save design as template' }).click();
        await page.getByRole('dialog', { name: 'Save as template' }).getByRole('button', { name: 'Cancel' }).click();
        expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
        expect(await reloadCountingLeavePrompts(page)).toBe(0);

        // An unsaved edit does ask.
        await page.getByLabel('Name', { exact: true }).fill('Double poster, renamed');
        expect(await reloadCountingLeavePrompts(page)).toBe(1);
        expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Double poster');

        // Save template, clicked twice in one frame: one template.
        const templateWrites = watchWrites(page, /^\/api\/v1\/templates$/);
        await page.getByRole('button', { name: 'Save design as template' }).click();
        const dialog = page.getByRole('dialog', { name: 'Save as template' });
        await dialog.getByLabel('Template name').fill('Twice');
        await clickTwiceInOneFrame(dialog.getByRole('button', { name: 'Save template' }));
        await page.getByText('Template “Twice” saved').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(templateWrites).toEqual(['POST /api/v1/templates']);
        expect(await list('/api/v1/templates')).toHaveLength(1);

        // Add endpoint, double-clicked: one endpoint.
        await page.goto(`${live.base}/app/webhooks`);
        await page.getByRole('heading', { name: 'No endpoints yet' }).waitFor();
        const endpointWrites = watchWrites(page, /^\/api\/v1\/merchant\/webhooks\/endpoints$/);
        await page.getByRole('button', { name: 'Add endpoint' }).first().click();
        const add = page.getByRole('dialog');
        await add.getByLabel('URL').fill('http://127.0.0.1:9/tessera');
        await add.getByRole('button', { name: 'Add endpoint' }).dblclick();
        await page.getByText('http://127.0.0.1:9/tessera').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(endpointWrites).toEqual(['POST /api/v1/merchant/webhooks/endpoints']);
        expect(await list('/api/v1/merchant/webhooks/endpoints')).toHaveLength(1);
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'a double-clicked Reconcile uploads once and shows the first report; a double-clicked Simulate paid sends once',
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
      const key = async (env: 'prd' | 'tst') => {
        const res = await live.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: session, payload: { env } });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().data.full_key as string;
      };
      const pay = async (k: string, reference: string) => {
        const res = await initPayment(live.app, k, { ...INIT.sepa, amount: 12000, reference });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().data as { id: string; creditor_reference: { value: string } };
      };
      const paid = await pay(await key('prd'), 'order-3001');
      await pay(await key('tst'), 'pedido-twice');
      const statement = camtXml({
        kind: '053',
        version: 8,
        messageId: 'STMT-TWICE',
        reports: [[{ amount: '120.00', acctSvcrRef: 'B-1', txs: [{ amount: '120.00', reference: paid.creditor_reference.value, acctSvcrRef: 'T-1', debtor: 'Ada Lovelace' }] }]],
      });
      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `submit-once-payments-${dialect}`, async () => {
        await page.goto(`${live.base}/app/payments/reconcile`);
        await page.getByRole('heading', { name: 'Reconcile a statement', level: 1 }).waitFor();
        const reconcileWrites = watchWrites(page, /^\/api\/v1\/payments\/reconciliations$/);
        await page.getByLabel('Statement file (XML)').setInputFiles({ name: 'statement.xml', mimeType: 'application/xml', buffer: Buffer.from(statement) });
        await page.getByRole('button', { name: 'Reconcile' }).dblclick();
        await page.getByText('1 payment is now paid.').waitFor();
        await page.waitForLoadState('networkidle');
        expect(reconcileWrites).toEqual(['POST /api/v1/payments/reconciliations']);
        expect(await page.getByText('0 payments are now paid.').count()).toBe(0);

        await page.goto(`${live.base}/app/payments?mode=test`);
        const simulateWrites = watchWrites(page, /\/simulate$/);
        await page.getByRole('button', { name: /pedido-twice/ }).click();
        const row = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /pedido-twice/ }) });
        await clickTwiceInOneFrame(row.getByRole('button', { name: 'Simulate paid' }));
        await page.getByText('pedido-twice: the bank paid it (simulated)').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(simulateWrites).toHaveLength(1);
        expect(await row.getByRole('alert').count()).toBe(0);
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
