// Rendering a campaign's code: the text it encodes and its image, drawn by the QR engine with the
// campaign's saved design. This is the only file of the module that talks to the renderer.
import { QrError, renderSvg } from '../../qr/index.ts';
import { AppError } from '../../errors.ts';
import { designError } from '../templates/design.ts';
import { renderPng } from '../render/png.ts';
import type { Campaign } from './campaign.service.ts';

type Renderable = Pick<Campaign, 'qrType' | 'destination' | 'shortCode' | 'designConfig'>;

/** The text a campaign's code encodes: the destination (static) or its short public URL. */
export function encodedText(campaign: Pick<Campaign, 'qrType' | 'destination' | 'shortCode'>, publicUrl: string): string {
  return campaign.qrType === 'static' ? campaign.destination : `${publicUrl}/${campaign.shortCode}`;
}

function svgOf(campaign: Renderable, publicUrl: string): string {
  try {
    return renderSvg(encodedText(campaign, publicUrl), campaign.designConfig).svg;
  } catch (error) {
    if (error instanceof QrError) throw designError(error);
    throw error;
  }
}

/** The campaign's code as an SVG document, drawn with its saved design. */
export async function renderCampaignSvg(campaign: Renderable, publicUrl: string): Promise<string> {
  return svgOf(campaign, publicUrl);
}

/** The campaign's code as a PNG `size` pixels wide. */
export async function renderCampaignPng(campaign: Renderable, publicUrl: string, size: number): Promise<Buffer> {
  return renderPng(svgOf(campaign, publicUrl), size);
}

/** Throws a 400 when the code's text does not fit a QR symbol with this design (long static URLs, logos force ECC H). */
export function assertEncodable(campaign: Renderable, publicUrl: string, field = '/destination'): void {
  try {
    renderSvg(encodedText(campaign, publicUrl), campaign.designConfig);
  } catch (error) {
    if (error instanceof QrError && error.code === 'content_too_long') {
      throw new AppError('validation_failed', `${field.slice(1)} is too long to fit a QR code with this design: ${error.message}.`, { errors: [{ field, message: error.message }] });
    }
    if (error instanceof QrError) throw designError(error);
    throw error;
  }
}
