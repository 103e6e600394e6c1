// The item's QR code: it encodes `publicUrl` (the page that spends no view), rendered by the
// QR engine. Looking the item up spends nothing either.
import { renderSvg } from '../../qr/index.ts';
import { renderPng } from '../render/png.ts';
import { type ItemDeps, peekItem } from './items.service.ts';

/** The item's QR code as SVG; 404 for an unknown item. */
export async function itemQrSvg(deps: ItemDeps, magic: string): Promise<string> {
  const { publicUrl } = await peekItem(deps, magic);
  return renderSvg(publicUrl).svg;
}

/** The item's QR code as a PNG `sizePx` wide; 404 for an unknown item. */
export async function itemQrPng(deps: ItemDeps, magic: string, sizePx: number): Promise<Buffer> {
  return renderPng(await itemQrSvg(deps, magic), sizePx);
}
