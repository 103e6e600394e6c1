// Images of static and dynamic codes, with their saved design. The ETag is computed from what
// the image depends on, so a conditional request is answered without rendering.
import type { AppContext } from '../../context.ts';
import { sha256 } from '../../crypto/keys.ts';
import { AppError, notFound } from '../../errors.ts';
import { type MorphRender, renderMorphing } from '../morph/morph.service.ts';
import { encodedText, renderCampaignPng, renderCampaignSvg } from './campaign-render.ts';
import { findCampaignByCode } from './campaign.service.ts';

/** Image formats of the render route. */
export type RenderFormat = 'svg' | 'png';

/** A render that can be skipped when the client already holds `etag`. */
export interface PreparedRender {
  kind: 'cached';
  etag: string;
  contentType: string;
  render(): Promise<string | Buffer>;
}

/** A morphing code's render: signed with `?t=&sig=`, answered per request (live code or EXPIRED). */
export interface SignedRender {
  kind: 'signed';
  render(): Promise<MorphRender>;
}

// Bump when the renderer's output changes, so caches holding old images revalidate.
const RENDERER_VERSION = 'engine-1';

/** Looks up the code and prepares its image; 404 unknown, 410 archived. */
export async function prepareRender(
  ctx: Pick<AppContext, 'db' | 'config' | 'clock'>,
  shortCode: string,
  format: RenderFormat,
  size: number,
  signature: { t?: unknown; sig?: unknown } = {},
): Promise<PreparedRender | SignedRender> {
  const campaign = await findCampaignByCode(ctx, shortCode);
  if (!campaign) throw notFound(`QR code '${shortCode}'`);
  if (campaign.status === 'archived') throw new AppError('gone', `The campaign behind '${shortCode}' is archived; its code is no longer served.`);
  if (campaign.qrType === 'morphing') {
    // Signed, time-limited and never cached: the morph module decides what the image shows.
    return { kind: 'signed', render: () => renderMorphing(ctx, campaign, { t: signature.t, sig: signature.sig, format, size }) };
  }
  const publicUrl = ctx.config.publicUrl;
  const fingerprint = [RENDERER_VERSION, format, format === 'png' ? size : '', encodedText(campaign, publicUrl), JSON.stringify(campaign.designConfig)].join('\n');
  const etag = `"${sha256(fingerprint).toString('base64url').slice(0, 27)}"`;
  return {
    kind: 'cached',
    etag,
    contentType: format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png',
    render: () => (format === 'svg' ? renderCampaignSvg(campaign, publicUrl) : renderCampaignPng(campaign, publicUrl, size)),
  };
}
