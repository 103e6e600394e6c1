// The campaign domain: what a campaign is, its code types and states, and what a redirect needs
// to know about a code. Types only (and the row mapping), so every file of the module and every
// caller can name them without importing the service.
import type { CampaignsTable } from '../../db/schema.ts';
import type { HostedPage } from '../pages/index.ts';
import type { DesignConfig } from '../templates/index.ts';

/** Code types. Morphing codes are created like dynamic ones until the morphing module adds rotation. */
export const QR_TYPES = ['static', 'dynamic', 'morphing'] as const;
/** A code type. */
export type QrType = (typeof QR_TYPES)[number];
/** Campaign states. */
export const CAMPAIGN_STATUSES = ['active', 'archived'] as const;
/** A campaign state. */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A campaign as the rest of Tessera sees it. */
export interface Campaign {
  id: string;
  accountId: string;
  name: string;
  slug: string | null;
  qrType: QrType;
  status: CampaignStatus;
  destination: string;
  shortCode: string;
  designConfig: DesignConfig;
  templateId: string | null;
  batchId: string | null;
  createdAt: number;
  updatedAt: number;
  /** The code leads on from this instant (epoch ms), or from creation when null. */
  activeFrom: number | null;
  /** The code stops leading on at this instant (epoch ms), or never when null. */
  activeUntil: number | null;
  /** False for test campaigns (made with a `tst` key), which test keys may change; live ones only prd keys and sessions may. */
  livemode: boolean;
  /** The hosted landing page (pages module), when loaded: null when the campaign has none. */
  hostedPage?: HostedPage | null;
}

/**
 * Who acts on a campaign: the account, and whether through a test-mode (`sec1-tst-…`) key. The
 * auth contract's Principal is one. Campaigns a test key makes are test campaigns, and the only
 * ones it may change (campaign.service.ts, campaignFor).
 */
export interface CampaignCaller {
  accountId: string;
  testMode: boolean;
}

/** What a redirect needs about a code. */
export interface RedirectTarget {
  campaignId: string;
  accountId: string;
  destination: string;
  status: CampaignStatus;
  qrType: QrType;
  activeFrom: number | null;
  activeUntil: number | null;
}

/** Maps a row to the domain object. */
export function toCampaign(row: CampaignsTable): Campaign {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    slug: row.slug,
    qrType: row.qr_type as QrType,
    status: row.status as CampaignStatus,
    destination: row.destination,
    shortCode: row.short_code,
    designConfig: JSON.parse(row.design_config) as DesignConfig,
    templateId: row.template_id,
    batchId: row.batch_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    activeFrom: row.active_from,
    activeUntil: row.active_until,
    // Only an explicit 0 is a test campaign: a row read without the column stays out of a test key's reach.
    livemode: row.livemode !== 0,
  };
}
