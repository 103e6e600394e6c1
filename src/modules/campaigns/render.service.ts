// Images of static and dynamic codes, with their saved design. The ETag is computed from what
// the image depends on, so a conditional request is answered without rendering.
import type { AppContext } from '../../context.ts';
import { sha256 } from '../../crypto/keys.ts';
import { AppError, notFound } from '../../errors.ts';
import { encodedText, renderCampaignPng, renderCampaignSvg } from './campaign-render.ts';
import { findCampaignByCode } from './campaign.service.ts';

/** Image formats of the render route. */
export type RenderFormat = 'svg' | 'png';

/** A render that can be skipped when the client already holds `etag`. */
export interface PreparedRender {
  etag: string;
  contentType: string;
  render(): Promise<string | Buffer>;
}

// Bump when the renderer's output changes, so caches holding old images revalidate.
const RENDERER_VERSION = 'engine-1';

/** Looks up the code and prepares its image; 404 unknown, 410 archived. */
export async function prepareRender(ctx: Pick<AppContext, 'db' | 'config'>, shortCode: string, format: RenderFormat, size: number): Promise<PreparedRender> {
  const campaign = await findCampaignByCode(ctx, shortCode);
  if (!campaign) throw notFound(`QR code '${shortCode}'`);
  if (campaign.status === 'archived') throw new AppError('gone', `The campaign behind '${shortCode}' is archived; its code is no longer served.`);
  if (campaign.qrType === 'morphing') {
    // Reserved for the morphing module: signed, time-limited renders (?t=…&sig=…).
    throw new AppError('not_found', `'${shortCode}' is a morphing code; its signed render (?t=&sig=) is not available on this server yet.`);
  }
  const publicUrl = ctx.config.publicUrl;
  const fingerprint = [RENDERER_VERSION, format, format === 'png' ? size : '', encodedText(campaign, publicUrl), JSON.stringify(campaign.designConfig)].join('\n');
  const etag = `"${sha256(fingerprint).toString('base64url').slice(0, 27)}"`;
  return {
    etag,
    contentType: format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png',
    render: () => (format === 'svg' ? renderCampaignSvg(campaign, publicUrl) : renderCampaignPng(campaign, publicUrl, size)),
  };
}
