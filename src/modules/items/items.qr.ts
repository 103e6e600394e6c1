// The item's QR code: it encodes `publicUrl` (the page that spends no view), rendered by the
// rendering module. Looking the item up spends nothing either.
import type { QrWarning } from '../../qr/index.ts';
import { drawCode, svgToPng } from '../render/index.ts';
import type { AppContext } from '../../context.ts';
import { peekItem } from './items.service.ts';

/** The item's QR code as SVG; 404 for an unknown item. */
export async function itemQrSvg(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, magic: string): Promise<string> {
  const { publicUrl } = await peekItem(ctx, magic);
  return drawCode(publicUrl).svg;
}

/** The item's QR code as a PNG `sizePx` wide, with the lint's warnings at that size (too few pixels a module); 404 for an unknown item. */
export async function itemQrPng(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, magic: string, sizePx: number): Promise<{ png: Buffer; warnings: QrWarning[] }> {
  const { publicUrl } = await peekItem(ctx, magic);
  const drawn = drawCode(publicUrl, {}, { sizePx });
  return { png: await svgToPng(drawn.svg, sizePx), warnings: drawn.warnings };
}
