// A payment's code, drawn through the ordinary render path at the level its specification
// prescribes (ECC M for EPC and Swiss QR Codes; the Swiss cross at 7/46 of the code's width).
import { type Ecc, type QrWarning, type SvgResult, versionClearOfCentreAlignment } from '../../qr/index.ts';
import type { PaymentsTable } from '../../db/schema.ts';
import { drawCode, PNG_SIZES, svgToPng, wordImage } from '../render/index.ts';
import { SWISS_QR_MAX_VERSION, swissQrDesign } from './swiss-cross.ts';

/** The SVG of a payment's code; `sizePx` adds width/height attributes. */
export function paymentSvg(row: Pick<PaymentsTable, 'scheme' | 'qr_payload' | 'qr_ecc'>, sizePx?: number): string {
  return paymentCode(row, sizePx).svg;
}

/** The drawn code: its SVG and the lint's warnings about it at `sizePx`. */
export function paymentCode(row: Pick<PaymentsTable, 'scheme' | 'qr_payload' | 'qr_ecc'>, sizePx?: number): SvgResult {
  const options = { ecc: row.qr_ecc as Ecc, ...(sizePx ? { sizePx } : {}), idPrefix: 'pay' };
  if (row.scheme !== 'swiss_qr') return drawCode(row.qr_payload, {}, options);
  // The cross over the centre alignment pattern of a version 7–13 code (most bills) left ZBar
  // reading none of them at any size, swissqrbill's codes alike; a version without a centre
  // alignment pattern reads everywhere (docs/qr-design-robustness.md, "The Swiss cross and ZBar").
  const first = drawCode(row.qr_payload, swissQrDesign(), options);
  const version = versionClearOfCentreAlignment(first.version, SWISS_QR_MAX_VERSION);
  return version === first.version ? first : drawCode(row.qr_payload, swissQrDesign(), { ...options, minVersion: version });
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
 * is not payable. A PNG is `sizePx` wide; an SVG scales to its box. `warnings` are the lint's
 * about the code at that size (a PNG too small for its modules), for X-QR-Warnings.
 */
export async function paymentCodeImage(
  row: Pick<PaymentsTable, 'scheme' | 'qr_payload' | 'qr_ecc'>,
  status: PaymentsTable['status'],
  format: 'svg' | 'png',
  sizePx: number = PNG_SIZES.standard.default,
): Promise<{ body: string | Buffer; warnings: QrWarning[] }> {
  if (status === 'pending') {
    if (format === 'svg') return { body: paymentSvg(row), warnings: [] };
    const drawn = paymentCode(row, sizePx);
    return { body: await svgToPng(drawn.svg, sizePx), warnings: drawn.warnings };
  }
  const { word, fill } = CLOSED[status];
  return { body: (await wordImage(word, fill, format, sizePx)).body, warnings: [] };
}
