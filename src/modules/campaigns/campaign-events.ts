// Same-instance change notifications: the redirect cache drops a code the moment this instance
// changes it. Other instances rely on the cache's short TTL (see docs/adr/0003).
import type { AppContext } from '../../context.ts';

type Listener = (shortCode: string) => void;
const listeners = new WeakMap<object, Set<Listener>>();

/** Calls `listener` with the short code of every campaign this app instance changes. */
export function onCampaignChanged(ctx: AppContext | object, listener: Listener): () => void {
  let set = listeners.get(ctx);
  if (!set) listeners.set(ctx, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/** Announces that the campaign behind `shortCode` changed. */
export function campaignChanged(ctx: AppContext | object, shortCode: string): void {
  for (const listener of listeners.get(ctx) ?? []) listener(shortCode);
}
