// A live ticket (morphing code) as a holder's screen shows it now: the SVG with its current step
// token, from /api/v1/campaigns/{id}/live.svg, asked for again as each step begins. TanStack
// Query skips the interval while the tab is hidden and asks at once when it shows again.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { TesseraApiError, unwrap } from '@tessera/client';
import { api } from './client.ts';
import { stepSecondsFrom, untilNextStep } from './live-step.ts';
import type { Campaign } from './types.ts';

/** The live image and how often it changes. */
export interface LiveTicket {
  svg: string;
  stepSeconds: number;
}

// Statuses that asking again will not change: signed out, gone, archived, not a live ticket.
const FINAL = new Set([401, 404, 409, 410]);

/** Whether asking again cannot help. */
export function finalError(error: unknown): error is TesseraApiError {
  return error instanceof TesseraApiError && FINAL.has(error.status);
}

/** The live ticket of a campaign; a saved design change (a new key) asks at once. */
export function liveTicketQuery(campaign: Pick<Campaign, 'id' | 'design_config'>) {
  return queryOptions({
    queryKey: ['campaigns', 'live', campaign.id, campaign.design_config],
    queryFn: async ({ signal }): Promise<LiveTicket> => {
      const call = api.GET('/api/v1/campaigns/{id}/live.svg', { params: { path: { id: campaign.id } }, parseAs: 'text', signal });
      const svg = await unwrap(call);
      return { svg: svg as string, stepSeconds: stepSecondsFrom((await call).response.headers.get('x-tessera-step-seconds')) };
    },
    // Never fresh past its step, and not kept once nobody shows it.
    staleTime: 0,
    gcTime: 0,
    refetchInterval: (query) => (finalError(query.state.error) ? false : untilNextStep(query.state.data?.stepSeconds ?? stepSecondsFrom(null))),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    // A saved design change keeps the last picture until the new one arrives.
    placeholderData: keepPreviousData,
    retry: (count, error) => count < 2 && !finalError(error),
  });
}
