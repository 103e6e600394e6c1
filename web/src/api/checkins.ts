// The door: an event's ticket batches, its check-in figures and log, and a check-in itself. The
// door's calls go through a DoorApi: the signed-in session's client on /app/checkins/…, or a
// check-in key's on a door link's page (/door/…). Each has its own query keys, so what one fetched
// is never shown as the other's.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { createTesseraClient, type TesseraClient, unwrap } from '@tessera/client';
import { api } from './client.ts';
import type { Checkin, CheckinBody } from './types.ts';

/** The client the door calls with, and the first parts of its query keys. */
export interface DoorApi {
  client: TesseraClient;
  keys: readonly unknown[];
  /** Whether this is a door link's key (no rename, no CSV link, no dashboard around it). */
  viaLink: boolean;
}

/** The door as the signed-in organiser sees it. */
export const sessionDoorApi: DoorApi = { client: api, keys: ['checkins'], viaLink: false };

let linkClients = 0;

/** The door through a check-in key from a door link: the key goes in X-API-Key, cookies stay home. */
export function linkDoorApi(apiKey: string): DoorApi {
  // A number per key, not the key: query keys show in devtools and error reports.
  linkClients += 1;
  return { client: createTesseraClient({ auth: { apiKey } }), keys: ['door-link', linkClients], viaLink: true };
}

/** Who a door link's key is: a check-in key of an account, or something the page must not use. */
export function doorKeyQuery(door: DoorApi) {
  return queryOptions({
    queryKey: [...door.keys, 'me'],
    queryFn: ({ signal }) => unwrap(door.client.GET('/api/v1/auth/me', { signal })),
    staleTime: Number.POSITIVE_INFINITY,
    // A refused key stays refused; only a lost connection is worth another try.
    retry: (count, error) => count < 2 && (error as { status?: number }).status === 0,
  });
}

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
export function doorSummaryQuery(door: DoorApi, batchId: string) {
  return queryOptions({
    queryKey: [...door.keys, 'summary', batchId],
    queryFn: ({ signal }) => unwrap(door.client.GET('/api/v1/checkins/summary', { params: { query: { batch_id: batchId } }, signal })),
    refetchInterval: DOOR_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** One event: its name (or its first ticket's), size and whether its tickets are test ones (made with a `sec1-tst` key). */
export function doorEventQuery(door: DoorApi, batchId: string) {
  return queryOptions({
    queryKey: [...door.keys, 'event', batchId],
    queryFn: ({ signal }) => unwrap(door.client.GET('/api/v1/qrs/batches/{batch_id}', { params: { path: { batch_id: batchId } }, signal })),
    staleTime: 60_000,
  });
}

/** Whether an event's tickets may come back in after an exit (the organiser's door page). */
export function eventReentryQuery(batchId: string) {
  return queryOptions({
    queryKey: ['checkins', 'reentry', batchId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/qrs/batches/{batch_id}/reentry', { params: { path: { batch_id: batchId } }, signal })),
  });
}

/** Lets every ticket of an event back in after an exit, or none. */
export function setEventReentry(batchId: string, allow: boolean) {
  return unwrap(api.PUT('/api/v1/qrs/batches/{batch_id}/reentry', { params: { path: { batch_id: batchId } }, body: { allow_reentry: allow } }));
}

/** Names an event, renames it, or (null) takes its name away. */
export function renameEvent(batchId: string, name: string | null) {
  return unwrap(api.PATCH('/api/v1/qrs/batches/{batch_id}', { params: { path: { batch_id: batchId } }, body: { name } }));
}

/** An event's latest check-ins, newest first, page by page. */
export function doorLogQuery(door: DoorApi, batchId: string) {
  return infiniteQueryOptions({
    queryKey: [...door.keys, 'log', batchId],
    queryFn: ({ pageParam, signal }) => unwrap(door.client.GET('/api/v1/checkins', { params: { query: { batch_id: batchId, limit: 20, cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    refetchInterval: DOOR_REFRESH_MS,
  });
}

/**
 * A ticket's latest admission (null: never admitted), for its campaign page: the box office looks a
 * holder up by name and needs to know whether, when and at which gate the ticket got in.
 */
export function ticketAdmissionQuery(campaignId: string) {
  return queryOptions({
    queryKey: ['checkins', 'admission', campaignId],
    queryFn: async ({ signal }) => {
      // The latest entry or exit that went through: where the ticket's holder is now.
      const page = await unwrap(api.GET('/api/v1/checkins', { params: { query: { campaign_id: campaignId, result: 'ok', limit: 1 } }, signal }));
      return page.data[0] ?? null;
    },
    refetchInterval: DOOR_REFRESH_MS,
  });
}

/** How long a scan may wait for its answer before it counts as not checked (stalled venue Wi-Fi). */
export const CHECK_IN_TIMEOUT_MS = 8_000;

/** Checks a scanned ticket in or out. The nonce makes a retried request one scan, not two. */
export function checkIn(door: DoorApi, body: CheckinBody): Promise<Checkin> {
  return unwrap(door.client.POST('/api/v1/checkins', { body, signal: AbortSignal.timeout(CHECK_IN_TIMEOUT_MS) }));
}

/** The event's check-ins as a CSV file (the browser downloads it with the session). */
export function checkinsCsvUrl(batchId: string): string {
  // The file's local_time column in the viewer's zone: the door's clock, for the organiser's spreadsheet.
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `/api/v1/checkins/export.csv?${new URLSearchParams({ batch_id: batchId, ...(tz ? { tz } : {}) })}`;
}
