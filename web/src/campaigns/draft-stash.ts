// Unsaved campaign edits kept across an ended session (lib/draft-stash.ts), one per campaign and
// one for the new campaign being written.
import type { DesignConfig, QrType } from '../api/types.ts';
import type { ScheduleValue } from '../components/schedule-fields.tsx';
import * as stash from '../lib/draft-stash.ts';

/** What the campaign form holds. */
export interface CampaignDraft {
  name: string;
  destination: string;
  qrType: QrType;
  design: DesignConfig;
  schedule: ScheduleValue;
}

const key = (campaignId: string | undefined) => `campaign-draft:${campaignId ?? 'new'}`;

function isCampaignDraft(value: unknown): value is CampaignDraft {
  const draft = value as Partial<CampaignDraft> | null;
  return !!draft && typeof draft.name === 'string' && typeof draft.destination === 'string' && typeof draft.design === 'object' && !!draft.schedule && !!draft.qrType;
}

/** Keeps `draft` for the campaign (undefined: a new one) until dropped. */
export const stashDraft = (campaignId: string | undefined, draft: CampaignDraft): void => stash.stashDraft(key(campaignId), draft);

/** The stashed draft, if any (left in place: dropDraft removes it). */
export const peekDraft = (campaignId: string | undefined): CampaignDraft | null => stash.peekDraft(key(campaignId), isCampaignDraft);

/** Forgets the stashed draft. */
export const dropDraft = (campaignId: string | undefined): void => stash.dropDraft(key(campaignId));
