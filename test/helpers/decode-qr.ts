// Decodes rendered codes with real decoders: zxing-wasm (wasm read from the installed package,
// never fetched) and jsQR as a second opinion.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import * as jsqrModule from 'jsqr';
import { renderRgba } from './raster.ts';

const require = createRequire(import.meta.url);
// jsqr is CommonJS with an ES-style default; depending on the loader it sits one level deeper.
type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'attemptBoth' }) => { binaryData: number[] } | null;
const jsqrExports = jsqrModule as unknown as { jsQR?: JsQr; default: JsQr | { default: JsQr } };
const jsQR: JsQr = jsqrExports.jsQR ?? (typeof jsqrExports.default === 'function' ? jsqrExports.default : jsqrExports.default.default);
// The package's exports hide dist/, so locate it from the resolved reader entry point.
const readerEntry = require.resolve('zxing-wasm/reader');
const wasmPath = join(dirname(readerEntry), '..', '..', 'reader', 'zxing_reader.wasm');

let ready: Promise<unknown> | undefined;

function ensureZxing(): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: { wasmBinary: readFileSync(wasmPath).buffer as ArrayBuffer },
    fireImmediately: true,
  }) as Promise<unknown>;
  return ready;
}

/** RGBA pixels as accepted by both decoders. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** zxing-wasm's reading of the image: the decoded texts (empty when nothing was found). */
export async function zxingDecode(img: Pixels): Promise<string[]> {
  await ensureZxing();
  const imageData = { data: img.data, width: img.width, height: img.height, colorSpace: 'srgb' } as ImageData;
  const results = await readBarcodes(imageData, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 });
  return results.filter((r) => r.isValid).map((r) => r.text);
}

/** jsQR's reading (UTF-8 decoded from the raw bytes), or null. */
export function jsqrDecode(img: Pixels): string | null {
  const code = jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
  return code ? new TextDecoder().decode(new Uint8Array(code.binaryData)) : null;
}

/** Rasterises an SVG and decodes it with zxing-wasm (and jsQR), returning both readings. */
export async function decodeSvg(svg: string, sizePx = 360): Promise<{ zxing: string | null; jsqr: string | null }> {
  const img = await renderRgba(svg, sizePx);
  const texts = await zxingDecode(img);
  return { zxing: texts[0] ?? null, jsqr: jsqrDecode(img) };
}
