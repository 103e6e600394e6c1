// A campaign's code: the text it encodes and its image, drawn by the rendering module with the
// campaign's saved design (engine refusals point at body/design_config).
import type { QrWarning, SvgResult } from '../../qr/index.ts';
import { assertEncodable, drawCode } from '../render/index.ts';
import type { Campaign } from './campaign.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../../context.ts';
import { SHORT_CODE_LENGTH } from '../../ids.ts';
import { liveUrl } from '../morph/index.ts';
import { designWarnings } from '../templates/index.ts';

type Renderable = Pick<Campaign, 'qrType' | 'destination' | 'shortCode' | 'designConfig'>;

/** The text a campaign's code encodes: the destination (static) or its short public URL. */
export function encodedText(campaign: Pick<Campaign, 'qrType' | 'destination' | 'shortCode'>, publicUrl: string): string {
  return campaign.qrType === 'static' ? campaign.destination : `${publicUrl}/${campaign.shortCode}`;
}

function svgOf(campaign: Renderable, publicUrl: string, sizePx?: number): string {
  return drawCampaign(campaign, publicUrl, sizePx).svg;
}

/** The campaign's code drawn with its saved design: the SVG (`sizePx` wide when given) and what the lint says of it at that size. */
export function drawCampaign(campaign: Renderable, publicUrl: string, sizePx?: number): SvgResult {
  return drawCode(encodedText(campaign, publicUrl), campaign.designConfig, { sizePx }, { kind: 'design' });
}

/** The campaign's code as an SVG document, drawn with its saved design; `sizePx` wide when given (its width and height attributes). */
export async function renderCampaignSvg(campaign: Renderable, publicUrl: string, sizePx?: number): Promise<string> {
  return svgOf(campaign, publicUrl, sizePx);
}

/** Throws a 400 when the code's text does not fit a QR symbol with this design (long static URLs, logos force ECC H). */
export function assertCampaignEncodable(campaign: Renderable, publicUrl: string, field = 'body/destination'): void {
  assertEncodable(encodedText(campaign, publicUrl), campaign.designConfig, field);
}

// A dynamic code's short code is drawn when its row is written. Until then a stand-in of the same
// length in byte mode (lower-case letters, the most bits any short code's letters take) makes a
// code of the version every real one gets, so a design that version cannot carry (a logo too large
// for it) is refused before anything is stored instead of saved with an image that answers 400.
const SHORT_CODE_STAND_IN = 'z'.repeat(SHORT_CODE_LENGTH);

/** The short link any dynamic code of this instance encodes, as far as its size goes. */
export function standInShortLink(publicUrl: string): string {
  return `${publicUrl}/${SHORT_CODE_STAND_IN}`;
}

/**
 * Throws a 400 (pointing at body/design_config) when a dynamic or morphing code cannot be drawn
 * with this design. The text is the code's own when it exists (`code`), else a stand-in of its
 * length: the short link, and for a morphing code the step token its live image adds (a token is
 * always as long, whatever the key and step).
 */
export function assertCodeDrawable(
  ctx: Pick<AppContext, 'config'>,
  qrType: 'dynamic' | 'morphing',
  designConfig: Campaign['designConfig'],
  code?: { id: string; accountId: string; shortCode: string },
): void {
  const target = code ?? { id: 'cmp_stand_in', accountId: 'acc_stand_in', shortCode: SHORT_CODE_STAND_IN };
  const text = qrType === 'morphing' ? liveUrl(ctx, target, 1, 0) : `${ctx.config.publicUrl}/${target.shortCode}`;
  assertEncodable(text, designConfig, 'body/design_config');
}

/**
 * What the lint says of codes drawn with `design` for `texts`: the design's warnings and those of
 * the longest text's code (a dense code, error correction raised for a logo), which the shorter
 * ones' are part of. A save says what its code will be like, not only its design.
 */
export function codeWarnings(texts: readonly string[], design: Campaign['designConfig']): QrWarning[] {
  const longest = texts.reduce((a, b) => (b.length > a.length ? b : a), texts[0] ?? '');
  try {
    return drawCode(longest, design, {}, { kind: 'design' }).warnings;
  } catch (error) {
    // Called once the save is done: a design this content cannot carry (a logo too large for a
    // dynamic code's version) is its image's 400 to report, never the stored save's.
    if (error instanceof AppError) return designWarnings(design);
    throw error;
  }
}
