// The images behind /api/render/{short_code}: static and dynamic codes with their saved design,
// and morphing codes' signed renders. Drawing is the rendering module's; this file decides what
// to draw. The ETag is computed from what the image depends on, so a conditional request is
// answered without rendering.
import type { AppContext } from '../../context.ts';
import { sha256 } from '../../crypto/keys.ts';
import { AppError, notFound } from '../../errors.ts';
import { checkSignedRender, type SignedRenderCheck } from '../morph/index.ts';
import type { QrWarning } from '../../qr/index.ts';
import { type CodeImage, codeImage, expiredImage, type ImageFormat, PNG_SIZES, svgToPng } from '../render/index.ts';
import { drawCampaign, encodedText } from './campaign-code.ts';
import type { Campaign } from './campaign.ts';
import { findCampaignByCode } from './campaign.service.ts';
import { schedulePhase } from './schedule.ts';

/** Image formats of the render route. */
export type RenderFormat = ImageFormat;

/** What a signed render shows: the morph module's verdict, or EXPIRED because the campaign has ended or was archived. */
export type MorphRenderCheck = SignedRenderCheck | { state: 'expired'; reason: 'ended' | 'archived'; encodes: null };

/** A morphing code's image: the live code, or the EXPIRED image and why. */
export type MorphRender = MorphRenderCheck & CodeImage;

/** A render that can be skipped when the client already holds `etag`. */
export interface PreparedRender {
  kind: 'cached';
  etag: string;
  contentType: string;
  /** The image, and what the lint says of the code at this size (X-QR-Warnings, as the render API sends). */
  render(): Promise<{ body: string | Buffer; warnings: QrWarning[] }>;
}

/** A morphing code's render: signed with `?t=&sig=`, answered per request (live code or EXPIRED). */
export interface SignedRender {
  kind: 'signed';
  render(): Promise<MorphRender>;
}

const PNG_SIZE = PNG_SIZES.campaignImage;

// Bump when the renderer's output changes, so caches holding old images revalidate.
const RENDERER_VERSION = 'engine-1';

/** Looks up the code and prepares its image; 404 unknown, 410 archived (a morphing code: its EXPIRED image). */
export async function prepareRender(
  ctx: Pick<AppContext, 'db' | 'config' | 'clock'>,
  shortCode: string,
  format: RenderFormat,
  size: number | undefined,
  signature: { t?: unknown; sig?: unknown } = {},
): Promise<PreparedRender | SignedRender> {
  const campaign = await findCampaignByCode(ctx, shortCode);
  if (!campaign) throw notFound(`QR code '${shortCode}'`);
  if (campaign.qrType === 'morphing') {
    // Signed, time-limited and never cached: the morph module decides what the image shows.
    return { kind: 'signed', render: () => renderMorphing(ctx, campaign, signature, format, size) };
  }
  if (campaign.status === 'archived') throw new AppError('gone', `The campaign behind '${shortCode}' is archived; its code is no longer served.`);
  const publicUrl = ctx.config.publicUrl;
  // A PNG always has a width; an SVG only when asked for one.
  const pngWidth = size ?? PNG_SIZE.default;
  const fingerprint = [RENDERER_VERSION, format, (format === 'png' ? pngWidth : size) ?? '', encodedText(campaign, publicUrl), JSON.stringify(campaign.designConfig)].join('\n');
  const etag = `"${sha256(fingerprint).toString('base64url').slice(0, 27)}"`;
  return {
    kind: 'cached',
    etag,
    contentType: format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png',
    render: async () => {
      const drawn = drawCampaign(campaign, publicUrl, format === 'png' ? pngWidth : size);
      return { body: format === 'svg' ? drawn.svg : await svgToPng(drawn.svg, pngWidth), warnings: drawn.warnings };
    },
  };
}

// The morph module decides live or expired (and what a live code encodes); the render module draws either.
async function renderMorphing(
  ctx: Pick<AppContext, 'db' | 'config' | 'clock'>,
  campaign: Campaign,
  signature: { t?: unknown; sig?: unknown },
  format: ImageFormat,
  size: number | undefined,
): Promise<MorphRender> {
  const signed = await checkSignedRender(ctx, campaign, { t: signature.t, sig: signature.sig });
  // From its end the gate and the redirect refuse the ticket, so a live-looking code would only
  // send its holder to be turned away. Before the start the code stays live: its tokens are stale
  // by the time the window opens, and a scan says when it does.
  const ended = signed.state === 'live' && schedulePhase(campaign, ctx.clock.now()) === 'ended';
  // An archived ticket is void whatever the signature. Its holder's page shows an <img>: a 410
  // problem drew a broken image there, the EXPIRED image says the ticket is no longer valid.
  const voided = campaign.status === 'archived' ? 'archived' : ended ? 'ended' : null;
  const check: MorphRenderCheck = voided ? { state: 'expired', reason: voided, encodes: null } : signed;
  const image = check.state === 'live' ? await codeImage(check.encodes, campaign.designConfig, format, size, PNG_SIZE.default) : await expiredImage(format, size ?? PNG_SIZE.default);
  return { ...check, ...image };
}
