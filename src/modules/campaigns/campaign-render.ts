// Rendering a campaign's code: the text it encodes and its image. This is the only file that
// talks to the QR renderer, so swapping renderers changes nothing else.
// INTERIM: until the QR engine (src/qr) lands, this uses the `qrcode` package and ignores the
// design; the engine's renderSvg(text, design) and render/png.ts replace it.
import QRCode from 'qrcode';
import sharp from 'sharp';
import type { Campaign } from './campaign.service.ts';

/** The text a campaign's code encodes: the destination (static) or its short public URL. */
export function encodedText(campaign: Pick<Campaign, 'qrType' | 'destination' | 'shortCode'>, publicUrl: string): string {
  return campaign.qrType === 'static' ? campaign.destination : `${publicUrl}/${campaign.shortCode}`;
}

/** The campaign's code as an SVG document, drawn with its saved design. */
export async function renderCampaignSvg(campaign: Pick<Campaign, 'qrType' | 'destination' | 'shortCode' | 'designConfig'>, publicUrl: string): Promise<string> {
  return QRCode.toString(encodedText(campaign, publicUrl), { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

/** The campaign's code as a PNG of `size` × `size` pixels. */
export async function renderCampaignPng(
  campaign: Pick<Campaign, 'qrType' | 'destination' | 'shortCode' | 'designConfig'>,
  publicUrl: string,
  size: number,
): Promise<Buffer> {
  const svg = await renderCampaignSvg(campaign, publicUrl);
  return sharp(Buffer.from(svg), { density: 300 }).resize(size, size, { kernel: 'nearest' }).flatten({ background: '#ffffff' }).png().toBuffer();
}
