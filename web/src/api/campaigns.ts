// Campaign queries and the actions every campaign screen shares.
import { infiniteQueryOptions, keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { unwrap } from '@tessera/client';
import { saveBlob, fileSafe } from '../lib/download.ts';
import { api } from './client.ts';
import type { Campaign, CampaignStatus, QrType } from './types.ts';

/** Filters of the campaign list, as kept in the URL. */
export interface CampaignFilters {
  q?: string;
  type?: QrType;
  status?: CampaignStatus | 'all';
}

const PAGE_SIZE = 25;

/** The campaign list, page by page (cursor paging). */
export function campaignListQuery(filters: CampaignFilters) {
  const status = filters.status === 'all' ? undefined : (filters.status ?? 'active');
  return infiniteQueryOptions({
    queryKey: ['campaigns', 'list', { q: filters.q ?? '', type: filters.type ?? null, status: status ?? 'all' }],
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/campaigns', { params: { query: { limit: PAGE_SIZE, cursor: pageParam, q: filters.q || undefined, qr_type: filters.type, status } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    // While a new search or filter loads, the previous rows stay instead of a flash of skeletons.
    placeholderData: keepPreviousData,
  });
}

/** Whether the account has any archived campaign (to word an empty active list). */
export const hasArchivedQuery = queryOptions({
  queryKey: ['campaigns', 'list', 'has-archived'],
  queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/campaigns', { params: { query: { limit: 1, status: 'archived' } }, signal }))).data.length > 0,
});

/** One campaign. */
export function campaignQuery(id: string) {
  return queryOptions({ queryKey: ['campaigns', 'one', id], queryFn: ({ signal }) => unwrap(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } }, signal })) });
}

/** After a change: the one campaign is fresh, every list refetches. */
export function rememberCampaign(queryClient: QueryClient, campaign: Campaign): void {
  queryClient.setQueryData(campaignQuery(campaign.id).queryKey, campaign);
  void queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
}

/** Archives a campaign (its code then answers 410). */
export async function archiveCampaign(id: string): Promise<Campaign> {
  return unwrap(api.DELETE('/api/v1/campaigns/{id}', { params: { path: { id } } }));
}

/** Image sizes offered for PNG downloads, in pixels. */
export const PNG_SIZES = [512, 1024, 2048] as const;

/** Downloads the code as the server renders it, `size` pixels wide (SVG or PNG). */
export async function downloadCampaignImage(campaign: Pick<Campaign, 'name' | 'short_code'>, format: 'svg' | 'png', size = 1024): Promise<void> {
  const blob = await unwrap(
    api.GET('/api/render/{file}', {
      // An SVG gets the size as its width and height, so the file opens at that size in other programs.
      params: { path: { file: `${campaign.short_code}.${format}` }, query: { size } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob as Blob, `${fileSafe(campaign.name)}-${campaign.short_code}${format === 'png' ? `-${size}` : ''}.${format}`);
}
