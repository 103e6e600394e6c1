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
  // Rasterise SVGs at ~800 px whatever their intrinsic size (an engine SVG is one unit per module).
  const root = typeof image === 'string' ? image.slice(0, image.indexOf('>') + 1) : '';
  const width = Number((/\swidth="([\d.]+)"/.exec(root) ?? /viewBox="[\d.-]+ [\d.-]+ ([\d.]+)/.exec(root))?.[1] ?? 0);
  const density = typeof image === 'string' && width > 0 ? Math.min((72 * 800) / width, 20_000) : 72;
  const { data, info } = await sharp(input, { density }).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const results = await readBarcodes({ data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, colorSpace: 'srgb' } as ImageData, {
    formats: ['QRCode'],
    tryHarder: true,
  });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
