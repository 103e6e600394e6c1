// Unsaved hosted-page edits kept across an ended session (lib/draft-stash.ts), one per campaign:
// the page as the editor holds it and the address being typed.
import * as stash from '../lib/draft-stash.ts';
import type { PageDraft } from './draft.ts';

export interface StashedPage {
  draft: PageDraft;
  slug: string;
}

const key = (campaignId: string) => `page-draft:${campaignId}`;

function isStashedPage(value: unknown): value is StashedPage {
  const page = value as Partial<StashedPage> | null;
  const draft = page?.draft as Partial<PageDraft> | undefined;
  return !!draft && typeof page?.slug === 'string' && typeof draft.title === 'string' && Array.isArray(draft.blocks) && typeof draft.theme === 'object' && draft.form !== undefined;
}

/** Keeps the page being saved until dropped. */
export const stashPage = (campaignId: string, page: StashedPage): void => stash.stashDraft(key(campaignId), page);

/** The stashed page, if any (left in place: dropPage removes it). */
export const peekPage = (campaignId: string): StashedPage | null => stash.peekDraft(key(campaignId), isStashedPage);

/** Forgets the stashed page. */
export const dropPage = (campaignId: string): void => stash.dropDraft(key(campaignId));
