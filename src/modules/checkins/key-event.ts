// A check-in key kept to one event (ADR 0041) checks in, reads and exports that event only. These
// turn what a request names into what such a key may act on, before the service does its work;
// with no key event (sessions, keys with every right, check-in keys for every event) nothing changes.
import { keptToKeyEvent, keyEventRefused } from '../../http/auth.ts';
import { getCampaign } from '../campaigns/index.ts';
import type { SummaryScope } from './checkin-summary.repo.ts';

type Filter = { campaignId?: string; batchId?: string };

/** Who reads check-ins: the account, and the one event a check-in key is kept to (else null). */
export interface CheckinReader {
  accountId: string;
  keyEvent: string | null;
}

/** The log's filter kept to the key's event: its tickets, and other tickets refused at its gates. */
export function logFilterFor<F extends Filter>(filter: F, keyEvent: string | null): F {
  return keyEvent === null ? filter : { ...filter, batchId: keptToKeyEvent(keyEvent, filter.batchId) };
}

/**
 * The one ticket or event a summary or export names, when the key may read it: the key's event
 * when it names neither, one of that event's tickets, or the event itself (403 otherwise).
 */
export async function scopeFilterFor(ctx: Parameters<typeof getCampaign>[0], accountId: string, filter: Filter, keyEvent: string | null): Promise<Filter> {
  if (keyEvent === null) return filter;
  if (!filter.campaignId) return { batchId: keptToKeyEvent(keyEvent, filter.batchId) };
  if (filter.batchId) return filter; // both: the service's 400 says to send one
  const campaign = await getCampaign(ctx, accountId, filter.campaignId);
  if (campaign.batchId !== keyEvent) throw keyEventRefused(keyEvent, `read campaign '${filter.campaignId}', which is not one of that event's tickets`);
  return filter;
}

/** A summary's or export's scope kept to the key's event: one of its tickets' check-ins at its own gates only, as the log shows them. */
export function keptScope(scope: SummaryScope, keyEvent: string | null): SummaryScope {
  return keyEvent === null ? scope : { ...scope, atEvent: keyEvent };
}
