// The door: an event's ticket batches, its check-in figures and log, and a check-in itself.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { unwrap } from '@tessera/client';
import { api } from './client.ts';
import type { Checkin, CheckinBody } from './types.ts';

/** How often the door's figures and log refresh, so gates working side by side see each other. */
export const DOOR_REFRESH_MS = 5_000;

/** The account's bulk requests of morphing codes (its events), newest first. */
export const ticketBatchesQuery = infiniteQueryOptions({
  queryKey: ['checkins', 'batches'],
  queryFn: ({ pageParam, signal }) => unwrap(api.GET('/api/v1/qrs/batches', { params: { query: { limit: 25, cursor: pageParam, qr_type: 'morphing' } }, signal })),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (page) => page.next_cursor ?? undefined,
});

/** An event's figures: tickets, who is inside, refusals, gates. */
export function doorSummaryQuery(batchId: string) {
  return queryOptions({
    queryKey: ['checkins', 'summary', batchId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/checkins/summary', { params: { query: { batch_id: batchId } }, signal })),
    refetchInterval: DOOR_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** One event: its name (or its first ticket's), size and whether its tickets are test ones (made with a `sec1-tst` key). */
export function doorEventQuery(batchId: string) {
  return queryOptions({
    queryKey: ['checkins', 'event', batchId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/qrs/batches/{batch_id}', { params: { path: { batch_id: batchId } }, signal })),
    staleTime: 60_000,
  });
}

/** Names an event, renames it, or (null) takes its name away. */
export function renameEvent(batchId: string, name: string | null) {
  return unwrap(api.PATCH('/api/v1/qrs/batches/{batch_id}', { params: { path: { batch_id: batchId } }, body: { name } }));
}

/** An event's latest check-ins, newest first, page by page. */
export function doorLogQuery(batchId: string) {
  return infiniteQueryOptions({
    queryKey: ['checkins', 'log', batchId],
    queryFn: ({ pageParam, signal }) => unwrap(api.GET('/api/v1/checkins', { params: { query: { batch_id: batchId, limit: 20, cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    refetchInterval: DOOR_REFRESH_MS,
  });
}

/** How long a scan may wait for its answer before it counts as not checked (stalled venue Wi-Fi). */
export const CHECK_IN_TIMEOUT_MS = 8_000;

/** Checks a scanned ticket in or out. The nonce makes a retried request one scan, not two. */
export function checkIn(body: CheckinBody): Promise<Checkin> {
  return unwrap(api.POST('/api/v1/checkins', { body, signal: AbortSignal.timeout(CHECK_IN_TIMEOUT_MS) }));
}

/** The event's check-ins as a CSV file (the browser downloads it with the session). */
export function checkinsCsvUrl(batchId: string): string {
  // The file's local_time column in the viewer's zone: the door's clock, for the organiser's spreadsheet.
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `/api/v1/checkins/export.csv?${new URLSearchParams({ batch_id: batchId, ...(tz ? { tz } : {}) })}`;
}
