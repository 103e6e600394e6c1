// A payment's code, drawn through the ordinary render path at the level its specification
// prescribes (ECC M for EPC and Swiss QR Codes; the Swiss cross at 7/46 of the code's width).
import type { Ecc } from '../../qr/index.ts';
import type { PaymentsTable } from '../../db/schema.ts';
import { drawCode, PNG_SIZES, svgToPng, wordImage } from '../render/index.ts';
import { swissQrDesign } from './swiss-cross.ts';

/** The SVG of a payment's code; `sizePx` adds width/height attributes. */
export function paymentSvg(row: Pick<PaymentsTable, 'scheme' | 'qr_payload' | 'qr_ecc'>, sizePx?: number): string {
  const design = row.scheme === 'swiss_qr' ? swissQrDesign() : {};
  return drawCode(row.qr_payload, design, { ecc: row.qr_ecc as Ecc, ...(sizePx ? { sizePx } : {}), idPrefix: 'pay' }).svg;
}

/** The PNG of a payment's code, `sizePx` wide. */
export function paymentPng(row: Pick<PaymentsTable, 'scheme' | 'qr_payload' | 'qr_ecc'>, sizePx: number): Promise<Buffer> {
  return svgToPng(paymentSvg(row), sizePx);
}

// What a closed payment's code image says instead: an invoice or a printed notice embedding
// svg_url must not go on asking for money that was paid, or that the merchant canceled.
const CLOSED: Record<Exclude<PaymentsTable['status'], 'pending'>, { word: string; fill: string }> = {
  succeeded: { word: 'PAID', fill: '#15803d' },
  canceled: { word: 'CANCELED', fill: '#52525b' },
  expired: { word: 'EXPIRED', fill: '#dc2626' },
  failed: { word: 'CLOSED', fill: '#52525b' },
};

/**
 * The image served at a payment's code address: the code while it is `pending` (`status` is the
 * payment's status as visitors see it, expired once its time is up), else a word saying why it
 * is not payable. A PNG is `sizePx` wide; an SVG scales to its box.
 */
export async function paymentCodeImage(
  row: Pick<PaymentsTable, 'scheme' | 'qr_payload' | 'qr_ecc'>,
  status: PaymentsTable['status'],
  format: 'svg' | 'png',
  sizePx: number = PNG_SIZES.standard.default,
): Promise<string | Buffer> {
  if (status === 'pending') return format === 'svg' ? paymentSvg(row) : await paymentPng(row, sizePx);
  const { word, fill } = CLOSED[status];
  return (await wordImage(word, fill, format, sizePx)).body;
}
