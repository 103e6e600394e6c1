// The JSON of a campaign (schema: CampaignJson), shared by campaign responses and bulk results.
import type { Campaign } from './campaign.ts';
import type { CampaignJson } from './campaign.schemas.ts';
import { toIso } from '../../http/iso.ts';

/** Where a code's images are served. */
export function renderUrls(publicUrl: string, shortCode: string): { svg_url: string; png_url: string } {
  return { svg_url: `${publicUrl}/api/render/${shortCode}.svg`, png_url: `${publicUrl}/api/render/${shortCode}.png` };
}

/** The campaign's JSON; `public_url` is the short link for dynamic and morphing codes, the destination for static ones. */
export function campaignJson(campaign: Campaign, publicUrl: string): CampaignJson {
  return {
    id: campaign.id,
    name: campaign.name,
    slug: campaign.slug,
    qr_type: campaign.qrType,
    status: campaign.status,
    destination: campaign.destination,
    short_code: campaign.shortCode,
    public_url: campaign.qrType === 'static' ? campaign.destination : `${publicUrl}/${campaign.shortCode}`,
    ...renderUrls(publicUrl, campaign.shortCode),
    design_config: campaign.designConfig,
    template_id: campaign.templateId,
    batch_id: campaign.batchId,
    hosted_page: campaign.hostedPage ? { ...campaign.hostedPage.config } : null,
    hosted_page_url: campaign.hostedPage?.path ? publicUrl + campaign.hostedPage.path : null,
    created_at: toIso(campaign.createdAt),
    updated_at: toIso(campaign.updatedAt),
    active_from: toIso(campaign.activeFrom),
    active_until: toIso(campaign.activeUntil),
    livemode: campaign.livemode,
  };
}
