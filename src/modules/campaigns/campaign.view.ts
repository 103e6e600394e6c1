// The JSON shape of a campaign, shared by campaign responses and bulk results.
import { pageConfigSchema } from '../pages/page.view.ts';
import { designConfigField } from '../templates/design.ts';
import type { Campaign } from './campaign.service.ts';
import { toIso } from '../../http/iso.ts';

/** A campaign as the API shows it. */
export interface CampaignJson {
  id: string;
  name: string;
  slug: string | null;
  qr_type: string;
  status: string;
  destination: string;
  short_code: string;
  public_url: string;
  svg_url: string;
  png_url: string;
  design_config: Record<string, unknown>;
  template_id: string | null;
  batch_id: string | null;
  /** The hosted page document, or null. */
  hosted_page: Record<string, unknown> | null;
  /** `{publicUrl}/p/{account slug}/{campaign slug}` when the campaign has a page and a slug. */
  hosted_page_url: string | null;
  created_at: string;
  updated_at: string;
  active_from: string | null;
  active_until: string | null;
  svg?: string;
  /** Morphing codes, in creation responses: the render secret (see /api/v1/campaigns/{id}/secret). */
  secret_key?: string;
}

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
  };
}

/** JSON schema of CampaignJson, for route responses and OpenAPI. */
export const campaignJsonSchema = {
  title: 'Campaign',
  type: 'object',
  description: 'A QR code and what it leads to: `static` (encodes the destination), `dynamic` (a short link whose destination can change) or `morphing` (an anti-screenshot ticket).',
  examples: [
    {
      id: 'cmp_4hT9xQ2mZpL8vN3bK7wR1c',
      name: 'Spring fair poster',
      slug: 'spring-fair',
      qr_type: 'dynamic',
      status: 'active',
      destination: 'https://example.com/spring',
      short_code: 'Xk4mP9q',
      public_url: 'https://qr.example.com/Xk4mP9q',
      svg_url: 'https://qr.example.com/api/render/Xk4mP9q.svg',
      png_url: 'https://qr.example.com/api/render/Xk4mP9q.png',
      design_config: { preset: 'ocean' },
      template_id: null,
      batch_id: null,
      hosted_page: null,
      hosted_page_url: null,
      created_at: '2026-03-01T12:00:00.000Z',
      updated_at: '2026-03-01T12:00:00.000Z',
      active_from: '2026-04-01T08:00:00.000Z',
      active_until: null,
    },
  ],
  // Every field but the optional extras (svg, secret_key) is always present, null or not.
  required: ['id', 'name', 'slug', 'qr_type', 'status', 'destination', 'short_code', 'public_url', 'svg_url', 'png_url', 'design_config', 'template_id', 'batch_id', 'hosted_page', 'hosted_page_url', 'created_at', 'updated_at', 'active_from', 'active_until'],
  properties: {
    id: { type: 'string', examples: ['cmp_4hT9xQ2mZpL8vN3bK7wR1c'] },
    name: { type: 'string' },
    slug: { type: ['string', 'null'] },
    qr_type: { type: 'string', enum: ['static', 'dynamic', 'morphing'] },
    status: { type: 'string', enum: ['active', 'archived'] },
    destination: { type: 'string', format: 'uri' },
    short_code: { type: 'string', examples: ['Xk4mP9q'] },
    public_url: { type: 'string', description: 'What the code encodes: the short link (dynamic, morphing) or the destination (static).' },
    svg_url: { type: 'string' },
    png_url: { type: 'string', description: 'Accepts ?size=64–2048 (default 512).' },
    design_config: designConfigField,
    template_id: { type: ['string', 'null'] },
    batch_id: { type: ['string', 'null'], description: 'The bulk request that created this code.' },
    hosted_page: { ...pageConfigSchema, type: ['object', 'null'] },
    hosted_page_url: { type: ['string', 'null'], description: 'Where the published page lives: `{public URL}/p/{account slug}/{campaign slug}`. Point a dynamic code here to use the page as its destination.' },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
    active_from: { type: ['string', 'null'], format: 'date-time', description: 'The code leads on from this instant; before it, it answers a "not active yet" page (403). null: at once.' },
    active_until: { type: ['string', 'null'], format: 'date-time', description: 'The code stops leading on at this instant; from then on it answers an "ended" page (410). null: never.' },
    svg: { type: 'string', description: 'The SVG itself, when inlined on request.' },
    secret_key: {
      type: 'string',
      description:
        'Morphing codes, in creation responses only: the secret to sign render URLs with (`sig` = hex HMAC-SHA256 of `t` under this string). Bound to this one code; read or rotate it at `/api/v1/campaigns/{id}/secret`.',
    },
  },
} as const;
