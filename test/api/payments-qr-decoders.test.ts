// A payment's code, fetched as a payer's app or an invoice would fetch it, must read in zxing,
// jsQR and ZBar at every usual size; one too small to read says so in X-QR-Warnings.
// The Swiss cross over the centre alignment pattern of a version 7–13 code left ZBar reading none
// (docs/qr-design-robustness.md, "The Swiss cross and ZBar").
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { jsqrDecode, zxingDecode } from '../helpers/decode-qr.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { INIT, initPayment, putProfile } from '../helpers/payments.ts';
import { zbarDecode, zbarPresent } from '../helpers/zbar.ts';

async function readings(png: Buffer): Promise<{ zxing: string | null; jsqr: string | null; zbar: string | null }> {
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const img = { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  return { zxing: (await zxingDecode(img))[0] ?? null, jsqr: jsqrDecode(img), zbar: zbarPresent ? await zbarDecode(png) : null };
}

describeDialects('payment codes in three decoders', (dialect) => {
  let t: TestApp;
  let account: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    account = await signUp(t.app);
    await putProfile(t.app, account);
  });
  afterEach(() => t.close());

  it.skipIf(!zbarPresent)('a Swiss QR Code reads in zxing, jsQR and ZBar as PNG and as SVG, at sizes from 400 to 1,500 px', async () => {
    // Two bills: the IG's example (a version 7–13 code without the fix) and a longer message.
    for (const description of [INIT.swiss_qr.description as string, 'Rechnung 2026-0042, Lieferung vom 3. Dezember, Filiale Biel']) {
      const created = await initPayment(t.app, account.apiKey, { ...INIT.swiss_qr, description });
      expect(created.statusCode, created.body).toBe(201);
      const { id, qr_payload: text } = created.json().data as { id: string; qr_payload: string };
      const svg = await t.app.inject({ method: 'GET', url: `/pay/${id}/qr.svg` });
      for (const size of [400, 512, 640, 800, 1000, 1500]) {
        const png = await t.app.inject({ method: 'GET', url: `/pay/${id}/qr.png?size=${size}` });
        expect(png.headers['x-qr-warnings'], `${size} px`).toBeUndefined();
        expect(await readings(png.rawPayload), `PNG ${size} px`).toEqual({ zxing: text, jsqr: text, zbar: text });
        const fromSvg = await sharp(Buffer.from(svg.body), { density: (72 * size) / Number(/viewBox="0 0 ([\d.]+)/.exec(svg.body)![1]) })
          .png()
          .toBuffer();
        expect(await readings(fromSvg), `SVG at ${size} px`).toEqual({ zxing: text, jsqr: text, zbar: text });
      }
    }
  });

  it('a PNG too small for its modules comes with a low_resolution warning naming the width that reads', async () => {
    for (const scheme of ['sepa', 'swiss_qr', 'pix', 'upi'] as const) {
      const { id } = (await initPayment(t.app, account.apiKey, INIT[scheme])).json().data as { id: string };
      const small = await t.app.inject({ method: 'GET', url: `/pay/${id}/qr.png?size=80` });
      expect(small.statusCode).toBe(200);
      const warnings = JSON.parse(String(small.headers['x-qr-warnings'])) as { code: string; field: string; message: string }[];
      expect(warnings, scheme).toEqual([
        expect.objectContaining({ code: 'low_resolution', field: 'size', message: expect.stringMatching(/^80 px gives [\d.]+ px per module; .* use at least \d+ px$/) }),
      ]);
      const enough = Number(/use at least (\d+) px/.exec(warnings[0]!.message)![1]);
      const readable = await t.app.inject({ method: 'GET', url: `/pay/${id}/qr.png?size=${enough}` });
      expect(readable.headers['x-qr-warnings'], scheme).toBeUndefined();
    }
  });
});
