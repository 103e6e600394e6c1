// The campaign.* webhook events, built from domain objects. The service emits them inside the
// transaction that makes the change, so an event exists exactly when the change committed.
import type { EmitEventInput } from '../webhooks/index.ts';
import type { Campaign } from './campaign.ts';
import { toIso } from '../../http/iso.ts';

/** The campaign lifecycle events other systems can subscribe to. */
export type CampaignEventType = 'campaign.created' | 'campaign.updated' | 'campaign.archived';

/** The outbox input for a campaign event; `changed` lists the fields an update touched. */
export function campaignEvent(type: CampaignEventType, campaign: Campaign, at: number, changed?: string[]): EmitEventInput {
  return {
    accountId: campaign.accountId,
    type,
    occurredAt: at,
    data: {
      campaign: {
        id: campaign.id,
        name: campaign.name,
        slug: campaign.slug,
        qr_type: campaign.qrType,
        status: campaign.status,
        destination: campaign.destination,
        short_code: campaign.shortCode,
        batch_id: campaign.batchId,
        created_at: toIso(campaign.createdAt),
        updated_at: toIso(campaign.updatedAt),
        livemode: campaign.livemode,
        ...(type === 'campaign.archived' ? { archived_at: toIso(at) } : {}),
      },
      ...(changed ? { changed } : {}),
    },
  };
}
