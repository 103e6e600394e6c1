// Unsaved campaign edits kept across an ended session. A save answered 401 sends the person to
// sign in; without this the edits were lost (or the leave prompt stood between them and signing
// in). Each save stashes what it sends in sessionStorage (this tab only) until it is answered: a
// success or any other refusal drops it, and the editor reopened after signing in takes it back.
import type { DesignConfig, QrType } from '../api/types.ts';
import type { ScheduleValue } from '../components/schedule-fields.tsx';

/** What the campaign form holds. */
export interface CampaignDraft {
  name: string;
  destination: string;
  qrType: QrType;
  design: DesignConfig;
  schedule: ScheduleValue;
}

const key = (campaignId: string | undefined) => `tessera:campaign-draft:${campaignId ?? 'new'}`;

/** Keeps `draft` for the campaign (undefined: a new one) until dropped. */
export function stashDraft(campaignId: string | undefined, draft: CampaignDraft): void {
  try {
    sessionStorage.setItem(key(campaignId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the save goes ahead, only without the safety net.
  }
}

/** The stashed draft, if any (left in place: dropDraft removes it). */
export function peekDraft(campaignId: string | undefined): CampaignDraft | null {
  try {
    const text = sessionStorage.getItem(key(campaignId));
    const draft = text ? (JSON.parse(text) as Partial<CampaignDraft>) : null;
    if (!draft || typeof draft.name !== 'string' || typeof draft.destination !== 'string' || typeof draft.design !== 'object' || !draft.schedule || !draft.qrType) return null;
    return draft as CampaignDraft;
  } catch {
    return null;
  }
}

/** Forgets the stashed draft. */
export function dropDraft(campaignId: string | undefined): void {
  try {
    sessionStorage.removeItem(key(campaignId));
  } catch {
    // Nothing to forget.
  }
}
