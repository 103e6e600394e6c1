// payments/init and the payment profile over HTTP: every scheme's PNG decoded by zxing and its
// payload read by an independent implementation (pix-utils, swissqrbill, the EPC069-12 field
// list, the WHATWG URL parser), the refusals the issue names, idempotency, listing, test/live
// separation, and the payment seed's own raw HTTP example.
import sharp from 'sharp';
import { hasError, parsePix } from 'pix-utils';
import { SwissQRCode } from 'swissqrbill/svg';
import { isQRReferenceValid, isSCORReferenceValid } from 'swissqrbill/utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { zxingDecode } from '../helpers/decode-qr.ts';
import { FULL_PROFILE, INIT, initPayment, putProfile, testKey } from '../helpers/payments.ts';

async function decodePng(png: Buffer): Promise<string | null> {
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return (await zxingDecode({ data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height }))[0] ?? null;
}

/** swissqrbill's own Swiss QR Code for the same bill, decoded: an independent writer of the same data. */
async function swissqrbillText(data: ConstructorParameters<typeof SwissQRCode>[0]): Promise<string | null> {
  const svg = new SwissQRCode(data).toString();
  const { data: px, info } = await sharp(Buffer.from(svg), { density: 400 })
    .flatten({ background: '#ffffff' })
    .extend({ top: 60, bottom: 60, left: 60, right: 60, background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return (await zxingDecode({ data: new Uint8ClampedArray(px.buffer, px.byteOffset, px.length), width: info.width, height: info.height }))[0] ?? null;
}

describeDialects('payments API', (dialect) => {
  let t: TestApp;
  let account: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    account = await signUp(t.app);
  });
  afterEach(() => t.close());

  const get = (url: string, key = account.apiKey) => t.app.inject({ method: 'GET', url, headers: authHeaders(key) });

  it('stores the profile normalised and lists every invalid field at once', async () => {
    const empty = await get('/api/v1/merchant/payment-profile');
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ status: 'success', data: { profile: { sepa: null, swiss_qr: null, pix: null, upi: null }, schemes: [], updated_at: null } });

    await putProfile(t.app, account);
    const stored = (await get('/api/v1/merchant/payment-profile')).json().data;
    expect(stored.schemes).toEqual(['sepa', 'swiss_qr', 'pix', 'upi']);
    expect(stored.profile.sepa).toEqual({ name: 'Bäckerei Müller', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
    expect(stored.profile.swiss_qr).toMatchObject({ iban: 'CH4431999123000889012', qr_iban: true, address: { type: 'S', postcode: '2501' } });
    expect(stored.profile.pix).toEqual({ key: '+5511987654321', key_type: 'phone', merchant_name: 'Padaria Sao Joao', city: 'Sao Paulo' });

    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/merchant/payment-profile',
      headers: authHeaders(account.apiKey),
      payload: { sepa: { name: 'Shop', iban: 'DE89 3704 0044 0532 0130 01', bic: 'DEUTDEF' }, upi: { vpa: 'shop', payee_name: 'Shop' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['body/sepa/iban', 'body/sepa/bic', 'body/upi/vpa']);
    expect(bad.json().errors[0].message).toMatch(/check digits/i);
    // Nothing was half-written: the stored profile is unchanged.
    expect((await get('/api/v1/merchant/payment-profile')).json().data.profile.sepa.iban).toBe('DE89370400440532013000');
  });

  it('keeps EPC text to the SEPA Latin set: accents outside it transliterated, emoji and other scripts refused by field', async () => {
    const emojiName = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/merchant/payment-profile',
      headers: authHeaders(account.apiKey),
      payload: { sepa: { ...FULL_PROFILE.sepa, name: '😀 Emoji Corp' } },
    });
    expect(emojiName.statusCode).toBe(400);
    expect(emojiName.json().errors).toEqual([{ field: 'body/sepa/name', message: expect.stringMatching(/'😀' \(an emoji\), which SEPA/) }]);

    await putProfile(t.app, account);
    const cjk = await initPayment(t.app, account.apiKey, { ...INIT.sepa, description: '订单 with emoji 😀' });
    expect(cjk.statusCode).toBe(400);
    expect(cjk.json().errors).toEqual([{ field: 'body/description', message: expect.stringMatching(/'订' \(Chinese character\), which SEPA/) }]);
    // The note as EPC069-12 lays it out (line 12), read back from the decoded code.
    const vi = await initPayment(t.app, account.apiKey, { ...INIT.sepa, description: 'Cảm ơn — Phở Hà Nội' });
    expect(vi.statusCode, vi.body).toBe(201);
    const png = await t.app.inject({ method: 'GET', url: `/pay/${vi.json().data.id}/qr.png?size=600` });
    const lines = (await decodePng(png.rawPayload))!.split('\n');
    expect([lines[5], lines[11]]).toEqual(['Bäckerei Müller', 'Cam on - Pho Hà Noi']);
  });

  it('refuses a Swiss QR-IBAN as the SEPA payee: transfers to it are returned by the bank', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/merchant/payment-profile',
      headers: authHeaders(account.apiKey),
      payload: { sepa: { name: 'X', iban: 'CH4431999123000889012', bic: 'UBSWCHZH80A' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body/sepa/iban', message: expect.stringMatching(/QR-IBAN.*ordinary IBAN/) }]);
    // The same account's ordinary IBAN is fine, and the QR-IBAN stays right for swiss_qr.
    await putProfile(t.app, account, { sepa: { name: 'X', iban: 'CH9300762011623852957', bic: 'UBSWCHZH80A' }, swiss_qr: FULL_PROFILE.swiss_qr });
  });

  it('answers init with 201 in the seed envelope and the fields the issue lists', async () => {
    await putProfile(t.app, account);
    const res = await initPayment(t.app, account.apiKey, { ...INIT.sepa, expires_in: 3600, metadata: { cart: 'c-9', items: 3 } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.status).toBe('success');
    const p = body.data;
    expect(p.id).toMatch(/^pay_[A-Za-z0-9]{22}$/);
    expect(res.headers.location).toBe(`/api/v1/payments/${p.id}`);
    expect(p).toMatchObject({
      object: 'payment',
      status: 'pending',
      amount: 1250,
      amount_decimal: '12.50',
      currency: 'EUR',
      scheme: 'sepa',
      reference: 'order-1042',
      description: 'Order 1042',
      metadata: { cart: 'c-9', items: 3 },
      livemode: true,
      received_amount: 0,
      flags: [],
      settlement: null,
      svg_url: `http://tessera.test/pay/${p.id}/qr.svg`,
      png_url: `http://tessera.test/pay/${p.id}/qr.png`,
      pay_url: `http://tessera.test/pay/${p.id}`,
      expires_at: new Date(t.clock.now() + 3600_000).toISOString(),
      created_at: new Date(t.clock.now()).toISOString(),
    });
    // The order id became the RF body, so it reads back from the payer's statement.
    expect(p.creditor_reference).toEqual({ type: 'RF', value: expect.stringMatching(/^RF\d\dORDER1042$/), display: expect.stringMatching(/^RF\d\d ORDE R104 2$/) });
    const again = await get(`/api/v1/payments/${p.id}`);
    expect(again.json()).toEqual(body);
  });

  it('encodes each scheme to its specification: decoded by zxing, read by an independent implementation', async () => {
    await putProfile(t.app, account);
    const decoded: Record<string, { payment: Record<string, any>; text: string | null }> = {};
    for (const scheme of ['sepa', 'swiss_qr', 'pix', 'upi'] as const) {
      const res = await initPayment(t.app, account.apiKey, INIT[scheme]);
      expect(res.statusCode, res.body).toBe(201);
      const payment = res.json().data;
      const png = await t.app.inject({ method: 'GET', url: `/pay/${payment.id}/qr.png?size=600` });
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      const text = await decodePng(png.rawPayload);
      expect(text, scheme).toBe(payment.qr_payload);
      const svg = await t.app.inject({ method: 'GET', url: `/pay/${payment.id}/qr.svg` });
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      decoded[scheme] = { payment, text };
    }

    // EPC069-12 v002: the fields in their fixed order (BCD, version, charset, SCT, BIC, name, IBAN, amount, purpose, RF, remittance, information).
    const sepa = decoded.sepa!;
    const lines = sepa.text!.split('\n');
    expect(lines.slice(0, 10)).toEqual(['BCD', '002', '1', 'SCT', 'COBADEFFXXX', 'Bäckerei Müller', 'DE89370400440532013000', 'EUR12.5', '', sepa.payment.creditor_reference.value]);
    expect(lines[11]).toBe('Order 1042');
    expect(Buffer.byteLength(sepa.text!)).toBeLessThanOrEqual(331);

    // Swiss QR-bill: swissqrbill writes the same bill from the same data, character for character.
    const swiss = decoded.swiss_qr!;
    expect(swiss.payment.creditor_reference.type).toBe('QRR');
    expect(isQRReferenceValid(swiss.payment.creditor_reference.value)).toBe(true);
    const theirs = await swissqrbillText({
      creditor: { name: 'Robert Schneider AG', address: 'Rue du Lac', buildingNumber: '1268', zip: '2501', city: 'Biel', country: 'CH', account: 'CH4431999123000889012' },
      amount: 1949.75,
      currency: 'CHF',
      reference: swiss.payment.creditor_reference.value,
      message: 'Order of 15 June 2020',
    });
    expect(swiss.text).toBe(theirs);

    // Pix: pix-utils parses the BR Code, checks its CRC and finds our fields.
    const pix = parsePix(decoded.pix!.text!);
    expect(hasError(pix)).toBe(false);
    expect(pix).toMatchObject({ pixKey: '+5511987654321', merchantName: 'Padaria Sao Joao', merchantCity: 'Sao Paulo', transactionAmount: 49.9, txid: decoded.pix!.payment.creditor_reference.value });

    // UPI: the WHATWG URL parser reads every parameter back.
    const upi = new URL(decoded.upi!.text!);
    expect(upi.protocol).toBe('upi:');
    expect(Object.fromEntries(upi.searchParams)).toEqual({
      pa: 'sharma.store@okaxis',
      pn: 'Sharma General Store',
      am: '499.00',
      cu: 'INR',
      tr: decoded.upi!.payment.creditor_reference.value,
      tn: 'Order 42',
    });
  });

  it('draws the Swiss QR Code at ECC M with the cross at 7/46 of its width', async () => {
    await putProfile(t.app, account);
    const payment = (await initPayment(t.app, account.apiKey, INIT.swiss_qr)).json().data;
    const svg = (await t.app.inject({ method: 'GET', url: `/pay/${payment.id}/qr.svg` })).body;
    const { renderSvg, versionClearOfCentreAlignment } = await import('../../src/qr/index.ts');
    const plain = renderSvg(payment.qr_payload, { ecc: 'M' });
    // An ECC M code (the cross did not raise the level), at the first version from the one it
    // needs whose centre holds no alignment pattern for the cross to hide (ZBar reads it then).
    const m = renderSvg(payment.qr_payload, { ecc: 'M' }, { minVersion: versionClearOfCentreAlignment(plain.version, 25) });
    expect(m.version).toBeGreaterThanOrEqual(14);
    const modules = m.modules;
    const viewBox = /viewBox="0 0 ([\d.]+) /.exec(svg)![1];
    expect(Number(viewBox)).toBe(modules + 8);
    const image = /<image [^>]*width="([\d.]+)"/.exec(svg)!;
    expect(Number(image[1]) / modules).toBeCloseTo(7 / 46, 2);
  });

  it('refuses a flipped IBAN digit, an over-long EPC payload, a currency the scheme cannot carry and a scheme without payee', async () => {
    const flipped = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/merchant/payment-profile',
      headers: authHeaders(account.apiKey),
      payload: { sepa: { name: 'Shop', iban: 'DE89 3704 0044 0532 0131 00' } },
    });
    expect(flipped.statusCode).toBe(400);
    expect(flipped.json().errors[0]).toMatchObject({ field: 'body/sepa/iban' });

    // EPC069-12 allows 331 bytes: a long name and note in multi-byte Latin letters do not fit.
    await putProfile(t.app, account, {
      ...FULL_PROFILE,
      sepa: { name: `Piekarnia ${'Żółć'.repeat(15)}`, iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
    });
    const long = await initPayment(t.app, account.apiKey, { ...INIT.sepa, description: `Bestellung ${'€'.repeat(55)}` });
    expect(long.statusCode).toBe(400);
    expect(long.json().detail).toMatch(/331/);

    const chf = await initPayment(t.app, account.apiKey, { ...INIT.sepa, currency: 'CHF' });
    expect(chf.statusCode).toBe(400);
    expect(chf.json().errors[0]).toMatchObject({ field: 'body/currency', message: expect.stringMatching(/euros only/) });

    const pixUsd = await initPayment(t.app, account.apiKey, { ...INIT.pix, currency: 'USD' });
    expect(pixUsd.statusCode).toBe(400);
    const xxx = await initPayment(t.app, account.apiKey, { ...INIT.sepa, currency: 'XYZ' });
    expect(xxx.statusCode).toBe(400);
    expect(xxx.json().errors[0].field).toBe('body/currency');
    const noPayee = await (async () => {
      await putProfile(t.app, account, { sepa: FULL_PROFILE.sepa });
      return initPayment(t.app, account.apiKey, INIT.upi);
    })();
    expect(noPayee.statusCode).toBe(400);
    expect(noPayee.json().errors[0]).toMatchObject({ field: 'body/scheme', message: expect.stringMatching(/payment profile has no upi payee/) });
    const expiresTooLong = await initPayment(t.app, account.apiKey, { ...INIT.sepa, expires_in: 31 * 24 * 3600 });
    expect(expiresTooLong.statusCode).toBe(400);
    // A reference is shown to the payer and copied into online banking: no invisible direction override.
    const bidi = await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'order-\u202e24' });
    expect(bidi.statusCode).toBe(400);
    expect(bidi.json().errors[0]).toMatchObject({ field: 'body/reference', message: expect.stringMatching(/invisible direction marks/) });
    // Nor a line separator or an invisible direction mark (LRM, RLM, ALM), which the payment page showed (security audit F4).
    for (const mark of ['\u2028', '\u2029', '\u200e', '\u200f', '\u061c', '\u200b', '\ufeff', '\u00ad']) {
      const marked = await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: `order-${mark}24`, description: 'Tickets' });
      expect(marked.statusCode, JSON.stringify(mark)).toBe(400);
      const described = await initPayment(t.app, account.apiKey, { ...INIT.sepa, description: `two${mark}lines` });
      expect(described.json().errors?.[0], JSON.stringify(mark)).toMatchObject({ field: 'body/description' });
    }
    // Nothing was created by any of the refusals.
    expect((await get('/api/v1/payments')).json().data).toEqual([]);
  });

  it('issues the reference kind the IBAN requires: QR reference for a QR-IBAN, SCOR for a plain IBAN', async () => {
    await putProfile(t.app, account, { swiss_qr: { ...FULL_PROFILE.swiss_qr, iban: 'CH58 0079 1123 0008 8901 2' } });
    const plain = (await initPayment(t.app, account.apiKey, INIT.swiss_qr)).json().data;
    expect(plain.creditor_reference.type).toBe('SCOR');
    expect(plain.qr_payload.split('\n')).toContain('SCOR');
    await putProfile(t.app, account);
    const qr = (await initPayment(t.app, account.apiKey, { ...INIT.swiss_qr, reference: 'order-9' })).json().data;
    expect(qr.creditor_reference.type).toBe('QRR');
    expect(qr.qr_payload.split('\n')).toContain('QRR');
  });

  it("uses the merchant's own QR or RF reference as it is; anything else stays an order id", async () => {
    await putProfile(t.app, account);
    // The Swiss IG's example QR reference, written with spaces as on the bill.
    const qrr = await initPayment(t.app, account.apiKey, { ...INIT.swiss_qr, reference: '21 00000 00003 13947 14300 09017' });
    expect(qrr.statusCode, qrr.body).toBe(201);
    expect(qrr.json().data.creditor_reference).toEqual({ type: 'QRR', value: '210000000003139471430009017', display: '21 00000 00003 13947 14300 09017' });
    // swissqrbill writes the same bill from the same data, character for character.
    const theirs = await swissqrbillText({
      creditor: { name: 'Robert Schneider AG', address: 'Rue du Lac', buildingNumber: '1268', zip: '2501', city: 'Biel', country: 'CH', account: 'CH4431999123000889012' },
      amount: 1949.75,
      currency: 'CHF',
      reference: '210000000003139471430009017',
      message: 'Order of 15 June 2020',
    });
    expect(qrr.json().data.qr_payload).toBe(theirs);

    const rf = await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'rf18 5390 0754 7034' });
    expect(rf.statusCode, rf.body).toBe(201);
    expect(rf.json().data.creditor_reference).toEqual({ type: 'RF', value: 'RF18539007547034', display: 'RF18 5390 0754 7034' });
    expect(isSCORReferenceValid(rf.json().data.creditor_reference.value)).toBe(true);
    expect(rf.json().data.qr_payload.split('\n')[9]).toBe('RF18539007547034');
    // The order id stays what the merchant sent.
    expect(rf.json().data.reference).toBe('rf18 5390 0754 7034');

    // What is not a valid reference of the form the account takes stays an order id, as before:
    // RF1001-style order ids are common, so a shape alone never refuses a payment.
    for (const [init, reference] of [
      [INIT.swiss_qr, '210000000003139471430009018'],
      [INIT.sepa, 'RF19 5390 0754 7034'],
      [INIT.sepa, 'RF1001'],
      [INIT.swiss_qr, 'RF18539007547034'],
    ] as const) {
      const issued = await initPayment(t.app, account.apiKey, { ...init, reference });
      expect(issued.statusCode, reference).toBe(201);
      expect(issued.json().data.creditor_reference.value, reference).not.toBe(reference.replaceAll(' ', ''));
      expect(issued.json().data.reference, reference).toBe(reference);
    }

    // Ordinary order ids keep becoming the body; accented letters are transliterated, not dropped.
    const order = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'order-42' })).json().data;
    expect(order.creditor_reference.value).toMatch(/^RF\d\dORDER42$/);
    const accents = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'Ünïcødé-订单' })).json().data;
    expect(accents.creditor_reference.value).toMatch(/^RF\d\dUNICODE$/);
    expect(isSCORReferenceValid(accents.creditor_reference.value)).toBe(true);
    expect((await get('/api/v1/payments')).json().data).toHaveLength(8);
  });

  it("answers 409 naming the payment that already carries the merchant's own reference, in the same mode only", async () => {
    await putProfile(t.app, account);
    const first = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'RF18539007547034' })).json().data;
    const again = await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'RF18 5390 0754 7034', amount: 999 });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({
      payment_id: first.id,
      payment_status: 'pending',
      detail: expect.stringContaining(`payment ${first.id} (pending)`),
      errors: [{ field: 'body/reference', message: `is already carried by payment ${first.id}` }],
    });
    // Still taken once that payment is over: a late transfer must not match a second payment.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/payments/${first.id}/cancel`, headers: authHeaders(account.apiKey) })).statusCode).toBe(200);
    const afterCancel = await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'RF18539007547034' });
    expect(afterCancel.statusCode).toBe(409);
    expect(afterCancel.json()).toMatchObject({ payment_id: first.id, payment_status: 'canceled', detail: expect.stringContaining('new reference') });
    // Test mode has its own references.
    const tst = await initPayment(t.app, await testKey(t.app, account), { ...INIT.sepa, reference: 'RF18539007547034' });
    expect(tst.statusCode, tst.body).toBe(201);
    // An order-derived reference that is taken is still drawn afresh, as before.
    const derived = (await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'order-7' })).json().data;
    const derivedAgain = await initPayment(t.app, account.apiKey, { ...INIT.sepa, reference: 'order-7' });
    expect(derivedAgain.statusCode).toBe(201);
    expect(derivedAgain.json().data.creditor_reference.value).not.toBe(derived.creditor_reference.value);
  });

  it('honours Idempotency-Key: the same request replays, a different one under the same key is 422', async () => {
    await putProfile(t.app, account);
    const headers = { 'idempotency-key': 'init-7f3c' };
    const first = await initPayment(t.app, account.apiKey, INIT.sepa, headers);
    const second = await initPayment(t.app, account.apiKey, INIT.sepa, headers);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const other = await initPayment(t.app, account.apiKey, { ...INIT.sepa, amount: 999 }, headers);
    expect(other.statusCode).toBe(422);
    expect((await get('/api/v1/payments')).json().data).toHaveLength(1);
    // A new key is a new payment; the same order id gets a fresh reference.
    const third = await initPayment(t.app, account.apiKey, INIT.sepa, { 'idempotency-key': 'init-8a1d' });
    expect(third.json().data.id).not.toBe(first.json().data.id);
    expect(third.json().data.creditor_reference.value).not.toBe(first.json().data.creditor_reference.value);
  });

  it('lists with cursor pages and filters by status, scheme, reference and date', async () => {
    await putProfile(t.app, account);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const scheme = i % 2 === 0 ? 'sepa' : 'upi';
      ids.push((await initPayment(t.app, account.apiKey, { ...INIT[scheme], reference: `order-${i}` })).json().data.id);
      t.clock.advance(60_000);
    }
    const page1 = (await get('/api/v1/payments?limit=2')).json();
    expect(page1.status).toBe('success');
    expect(page1.data.map((p: { id: string }) => p.id)).toEqual([ids[4], ids[3]]);
    const page2 = (await get(`/api/v1/payments?limit=2&cursor=${page1.next_cursor}`)).json();
    const page3 = (await get(`/api/v1/payments?limit=2&cursor=${page2.next_cursor}`)).json();
    expect([...page2.data, ...page3.data].map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(page3.next_cursor).toBeNull();

    expect((await get('/api/v1/payments?scheme=upi')).json().data).toHaveLength(2);
    expect((await get('/api/v1/payments?reference=order-3')).json().data.map((p: { id: string }) => p.id)).toEqual([ids[3]]);
    const from = new Date(t.clock.now() - 3 * 60_000).toISOString();
    expect((await get(`/api/v1/payments?created_from=${encodeURIComponent(from)}`)).json().data).toHaveLength(3);
    const to = new Date(t.clock.now() - 4 * 60_000).toISOString();
    expect((await get(`/api/v1/payments?created_to=${encodeURIComponent(to)}`)).json().data.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
    await t.app.inject({ method: 'POST', url: `/api/v1/payments/${ids[1]}/cancel`, headers: authHeaders(account.apiKey) });
    expect((await get('/api/v1/payments?status=canceled')).json().data.map((p: { id: string }) => p.id)).toEqual([ids[1]]);
    expect((await get('/api/v1/payments?status=pending')).json().data).toHaveLength(4);
    expect((await get('/api/v1/payments?created_from=yesterday')).statusCode).toBe(400);
    const swapped = await get(`/api/v1/payments?created_from=${encodeURIComponent(from)}&created_to=${encodeURIComponent(to)}`);
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().errors).toEqual([{ field: 'querystring/created_from', message: 'must be before created_to' }]);
    expect((await get(`/api/v1/payments?created_from=${encodeURIComponent(to)}&created_to=${encodeURIComponent(from)}`)).json().data).toHaveLength(1);
    expect((await get('/api/v1/payments?cursor=nonsense')).statusCode).toBe(400);
  });

  it('keeps test and live payments apart, and another account sees neither', async () => {
    await putProfile(t.app, account);
    const tst = await testKey(t.app, account);
    const live = (await initPayment(t.app, account.apiKey, INIT.sepa)).json().data;
    const test = (await initPayment(t.app, tst, INIT.sepa)).json().data;
    expect([live.livemode, test.livemode]).toEqual([true, false]);
    expect((await get(`/api/v1/payments/${test.id}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/payments/${live.id}`, tst)).statusCode).toBe(404);
    expect((await get('/api/v1/payments', tst)).json().data.map((p: { id: string }) => p.id)).toEqual([test.id]);
    expect((await get('/api/v1/payments')).json().data.map((p: { id: string }) => p.id)).toEqual([live.id]);
    // A test key reads the payee but cannot change it: live payments would pay whoever it named.
    expect((await get('/api/v1/merchant/payment-profile', tst)).statusCode).toBe(200);
    const swap = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/merchant/payment-profile',
      headers: authHeaders(tst),
      payload: { sepa: { name: 'Mallory', iban: 'GB82WEST12345698765432', bic: 'WESTGB2L' } },
    });
    expect(swap.statusCode).toBe(403);
    expect(swap.json().detail).toMatch(/tst key cannot change the payee details/);
    expect((await initPayment(t.app, account.apiKey, INIT.sepa)).json().data.qr_payload).not.toContain('Mallory');

    const other = await signUp(t.app);
    expect((await get(`/api/v1/payments/${live.id}`, other.apiKey)).statusCode).toBe(404);
    expect((await get('/api/v1/payments', other.apiKey)).json().data).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/payments/${live.id}/cancel`, headers: authHeaders(other.apiKey) })).statusCode).toBe(404);
    // Without a profile, nothing can be created.
    const none = await initPayment(t.app, other.apiKey, INIT.sepa);
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].message).toMatch(/payment profile/);
  });

  it('works as the payment seed writes it: X-API-Key, JSON, Authorization Bearer too', async () => {
    await putProfile(t.app, account);
    // Seed 003: POST /api/v1/payments/init HTTP/1.1 / Host / Content-Type: application/json / X-API-Key.
    const seed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/init',
      headers: { host: 'tessera.test', 'content-type': 'application/json', 'x-api-key': account.apiKey },
      payload: JSON.stringify({ amount: 1250, currency: 'EUR', scheme: 'sepa', reference: 'order-1042' }),
    });
    expect(seed.statusCode).toBe(201);
    expect(seed.json()).toMatchObject({ status: 'success', data: { status: 'pending' } });
    const bearer = await t.app.inject({ method: 'POST', url: '/api/v1/payments/init', headers: { authorization: `Bearer ${account.apiKey}` }, payload: INIT.upi });
    expect(bearer.statusCode).toBe(201);
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/payments/init', payload: INIT.upi });
    expect(missing.statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/payments/init', headers: { 'x-api-key': 'sec1-prd-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-42' }, payload: INIT.upi });
    expect(wrong.statusCode).toBe(401);
  });
});
