// Whether a campaign's code leads to its own hosted page. The page's public address is the one
// the API gives (hosted_page_url, never rebuilt here); the code leads there when the campaign's
// destination is that address. Only codes that pass through Tessera (dynamic, live tickets) can be
// sent there: a static code holds its destination itself.
import type { Campaign } from '../api/types.ts';

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/** True when the campaign has a page with an address and its destination is that address. */
export function leadsToHostedPage(campaign: Pick<Campaign, 'destination' | 'hosted_page' | 'hosted_page_url'>): boolean {
  return Boolean(campaign.hosted_page && campaign.hosted_page_url && sameUrl(campaign.destination, campaign.hosted_page_url));
}

/** Whether Tessera can send the code's scans somewhere else: not for static codes. */
export function passesThroughTessera(campaign: Pick<Campaign, 'qr_type'>): boolean {
  return campaign.qr_type !== 'static';
}

/** Why a static code has no schedule and no hosted page, in one sentence. */
export const STATIC_CODE_LIMITS = 'Phones go straight to a static code’s destination without passing through Tessera, so it cannot be scheduled or lead to a hosted page; a dynamic code can.';
