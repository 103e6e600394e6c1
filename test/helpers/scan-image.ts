// Decodes QR images the way a phone would, with zxing-wasm (wasm loaded from the package, never
// a CDN). SVGs are rasterised with sharp first.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
let prepared: Promise<unknown> | undefined;

function prepare(): Promise<unknown> {
  prepared ??= prepareZXingModule({
    overrides: { wasmBinary: fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer as ArrayBuffer },
    fireImmediately: true,
  });
  return prepared;
}

/** The text of every QR code found in an SVG or PNG image. */
export async function decodeQr(image: string | Buffer): Promise<string[]> {
  await prepare();
  const input = typeof image === 'string' ? Buffer.from(image) : image;
  const { data, info } = await sharp(input, { density: 200 }).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const results = await readBarcodes({ data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, colorSpace: 'srgb' } as ImageData, {
    formats: ['QRCode'],
    tryHarder: true,
  });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
