// Answers to a campaign's hosted-page form, newest first, a page at a time; and the same as CSV.
import { infiniteQueryOptions } from '@tanstack/react-query';
import { type JsonResponse, unwrap } from '@tessera/client';
import { api } from './client.ts';

export type FormAnswer = JsonResponse<'/api/v1/forms/campaign/{id}', 'get'>['data'][number];

export function formAnswersQuery(campaignId: string) {
  return infiniteQueryOptions({
    queryKey: ['forms', campaignId, 'answers'],
    queryFn: ({ pageParam, signal }) => unwrap(api.GET('/api/v1/forms/campaign/{id}', { params: { path: { id: campaignId }, query: { limit: 50, cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

/** The CSV of every answer (the session cookie authorises the download). */
export function formAnswersCsvUrl(campaignId: string): string {
  return `/api/v1/forms/campaign/${encodeURIComponent(campaignId)}/export.csv`;
}
