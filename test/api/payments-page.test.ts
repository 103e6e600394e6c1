// The hosted pay page over HTTP: server-rendered content, its strict CSP (a nonce'd first-party
// script that may fetch only this origin), the live status endpoint, and unknown ids.
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { jsqrDecode, zxingDecode } from '../helpers/decode-qr.ts';
import { INIT, initPayment, putProfile } from '../helpers/payments.ts';

describeDialects('pay page', (dialect) => {
  let t: TestApp;
  let account: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    account = await signUp(t.app);
    await putProfile(t.app, account);
  });
  afterEach(() => t.close());

  it('renders payee, amount, reference and the code under a strict CSP', async () => {
    const p = (await initPayment(t.app, account.apiKey, INIT.sepa)).json().data;
    const res = await t.app.inject({ method: 'GET', url: `/pay/${p.id}`, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(res.body).toContain('Pay Bäckerei Müller');
    expect(res.body).toContain(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(12.5));
    expect(res.body).toContain(p.creditor_reference.display);
    expect(res.body).toContain('DE89 3704 0044 0532 0130 00');
    expect(res.body).toContain(`src="${p.id}/qr.svg"`);
    expect(res.body).toContain(`data-live-status="${p.id}/status"`);

    const upi = (await initPayment(t.app, account.apiKey, INIT.upi)).json().data;
    const upiPage = await t.app.inject({ method: 'GET', url: `/pay/${upi.id}` });
    expect(upiPage.body).toContain(`href="${upi.qr_payload.replace(/&/g, '&amp;')}"`);
    expect(upiPage.body).toContain('₹499.00');
  });

  it('reports the status for the live update, expired as soon as the time is up', async () => {
    const p = (await initPayment(t.app, account.apiKey, { ...INIT.pix, expires_in: 60 })).json().data;
    const status = () => t.app.inject({ method: 'GET', url: `/pay/${p.id}/status` });
    expect((await status()).json()).toEqual({ status: 'pending' });
    t.clock.advance(60_000);
    expect((await status()).json()).toEqual({ status: 'expired' });
    const page = await t.app.inject({ method: 'GET', url: `/pay/${p.id}` });
    expect(page.body).toMatch(/data-status="expired"/);
    // Nothing left to poll for: the page may not fetch at all.
    expect(String(page.headers['content-security-policy'])).not.toContain('connect-src');

    const paid = (await initPayment(t.app, account.apiKey, { ...INIT.pix, reference: 'pedido-2' })).json().data;
    await t.app.inject({ method: 'POST', url: `/api/v1/payments/${paid.id}/mark-paid`, headers: authHeaders(account.apiKey), payload: { note: 'cash' } });
    expect((await t.app.inject({ method: 'GET', url: `/pay/${paid.id}/status` })).json()).toEqual({ status: 'succeeded' });
  });

  it("serves a closed payment's code address as a word image, never a code that still pays", async () => {
    const reads = async (id: string) => {
      const png = await t.app.inject({ method: 'GET', url: `/pay/${id}/qr.png?size=400` });
      const { data, info } = await sharp(png.rawPayload).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const pixels = { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
      const svg = await t.app.inject({ method: 'GET', url: `/pay/${id}/qr.svg` });
      return { zxing: await zxingDecode(pixels), jsqr: jsqrDecode(pixels), label: /aria-label="([A-Z]+)"/.exec(svg.body)?.[1] ?? null, statuses: [png.statusCode, svg.statusCode] };
    };
    const open = (await initPayment(t.app, account.apiKey, INIT.sepa)).json().data;
    const pending = await reads(open.id);
    expect(pending.zxing).toEqual([open.qr_payload]);
    expect(pending.label).toBeNull();

    const canceled = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'order-2' })).json().data;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/payments/${canceled.id}/cancel`, headers: authHeaders(account.apiKey) })).statusCode).toBe(200);
    const paid = (await initPayment(t.app, account.apiKey, { ...INIT.upi })).json().data;
    await t.app.inject({ method: 'POST', url: `/api/v1/payments/${paid.id}/mark-paid`, headers: authHeaders(account.apiKey), payload: { note: 'cash' } });
    const late = (await initPayment(t.app, account.apiKey, { ...INIT.pix, expires_in: 60 })).json().data;
    t.clock.advance(60_000);
    for (const [payment, word] of [
      [canceled, 'CANCELED'],
      [paid, 'PAID'],
      [late, 'EXPIRED'],
    ] as const) {
      const closed = await reads(payment.id);
      expect(closed, word).toMatchObject({ zxing: [], jsqr: null, label: word, statuses: [200, 200] });
    }
  });

  it('answers unknown ids with a 404 page and 404 problems', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/pay/pay_AAAAAAAAAAAAAAAAAAAAAA', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('can’t find this payment request');
    const script = await t.app.inject({ method: 'GET', url: '/pay/pay_AAAAAAAAAAAAAAAAAAAAAA', headers: { accept: 'application/json' } });
    expect(script.statusCode).toBe(404);
    expect(script.json()).toMatchObject({ code: 'not_found', detail: 'Payment does not exist.' });
    expect((await t.app.inject({ method: 'GET', url: '/pay/pay_AAAAAAAAAAAAAAAAAAAAAA/status' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/pay/pay_AAAAAAAAAAAAAAAAAAAAAA/qr.png' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/pay/pay_AAAAAAAAAAAAAAAAAAAAAA/qr.svg' })).statusCode).toBe(404);
  });
});
