// The lifecycle rules, as pure functions of an item's counters and the time, so the API, the
// public page and the sweeper agree on one definition.
//
//   ACTIVE     resolvable, no limit close
//   BOUND      resolvable, but the next successful resolve finalizes it (exactly one view left)
//              or it is in the last tenth of its lifetime
//   FINALIZED  expired or view limit reached; content still encrypted at rest until swept
//   ARCHIVAL   swept: content and password hash purged, metadata and receipt kept

/** Where an item is in its lifecycle. */
export type ItemState = 'ACTIVE' | 'BOUND' | 'FINALIZED' | 'ARCHIVAL';

/** Why an item stopped resolving. */
export type FinalReason = 'expired' | 'view_limit_reached';

/** The counters and times the rules read. */
export interface LifecycleFacts {
  viewCount: number;
  viewLimit: number | null;
  createdAt: number;
  expiresAt: number;
  archivedAt: number | null;
}

/** Share of the lifetime, at the end, in which a live item counts as BOUND. */
export const BOUND_TIME_FRACTION = 0.1;

/** Why the item no longer resolves at `now`, or null while it still does. */
export function finalReason(facts: LifecycleFacts, now: number): FinalReason | null {
  if (facts.viewLimit !== null && facts.viewCount >= facts.viewLimit) return 'view_limit_reached';
  if (now >= facts.expiresAt) return 'expired';
  return null;
}

/** The item's state at `now`. */
export function itemState(facts: LifecycleFacts, now: number): ItemState {
  if (facts.archivedAt !== null) return 'ARCHIVAL';
  if (finalReason(facts, now) !== null) return 'FINALIZED';
  const lastView = facts.viewLimit !== null && facts.viewLimit - facts.viewCount <= 1;
  const lastTenth = facts.expiresAt - now <= (facts.expiresAt - facts.createdAt) * BOUND_TIME_FRACTION;
  return lastView || lastTenth ? 'BOUND' : 'ACTIVE';
}
