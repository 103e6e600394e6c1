// A payment's code, drawn through the ordinary render path at the level its specification
// prescribes (ECC M for EPC and Swiss QR Codes; the Swiss cross at 7/46 of the code's width).
import type { Ecc } from '../../qr/index.ts';
import type { PaymentsTable } from '../../db/schema.ts';
import { drawCode, svgToPng } from '../render/index.ts';
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
