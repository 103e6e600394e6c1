// A campaign's scan reports, over a range of whole days in the viewer's time zone.
import { type Query, queryOptions } from '@tanstack/react-query';
import { unwrap } from '@tessera/client';
import { api } from './client.ts';

/**
 * How often open scan reports fetch again (only while the tab is visible): a page left open
 * during a campaign kept showing the figures of when it was opened, with nothing saying so.
 */
export const SCANS_REFRESH_MS = 30_000;

/** The ranges the scans page offers, in days ending today. */
export const RANGE_DAYS = [7, 30, 90] as const;
export type RangeDays = (typeof RANGE_DAYS)[number];

/** A report range: local dates (YYYY-MM-DD, inclusive) in the IANA zone `tz`. */
export interface ReportRange {
  tz: string;
  from: string;
  to: string;
}

const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The local date (YYYY-MM-DD) at `now` in `tz`: en-CA writes dates that way. */
export function localDate(now: number = Date.now(), tz: string = viewerZone()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The `days` days ending on the local date `to` in the viewer's zone (the server counts days in the same zone). */
export function daysEnding(to: string, days: number, tz: string = viewerZone()): ReportRange {
  // The calendar arithmetic runs on UTC dates, free of DST.
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const iso = (offset: number) => new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
  return { tz, from: iso(-(days - 1)), to: iso(0) };
}

/** Breakdowns the page shows, by the API's path segment. */
export type BreakdownPath = 'countries' | 'device-types' | 'devices' | 'browsers';

/** One row of a breakdown: the value (null when unknown), its scans and share of the total. */
export interface BreakdownRow {
  value: string | null;
  scans: number;
  share: number;
}

/**
 * Another period of the same campaign keeps the figures on screen until its own arrive (no flash
 * of skeletons); another campaign's never stand in for this one's.
 */
function samePeriodChange(id: string) {
  return <T>(previous: T | undefined, query: Query<T, Error, T, readonly unknown[]> | undefined): T | undefined => (query?.queryKey[1] === id ? previous : undefined);
}

/** Daily scans and unique visitors of one campaign. */
export function timelineQuery(id: string, range: ReportRange) {
  return queryOptions({
    queryKey: ['analytics', id, 'timeline', range],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/analytics/campaign/{id}/timeline', { params: { path: { id }, query: range }, signal })),
    placeholderData: samePeriodChange(id),
    refetchInterval: SCANS_REFRESH_MS,
  });
}

/** Scans of one campaign per country, device type, operating system or browser, most first. */
export function breakdownQuery(id: string, path: BreakdownPath, range: ReportRange) {
  return queryOptions({
    queryKey: ['analytics', id, path, range],
    queryFn: async ({ signal }): Promise<{ total: number; rows: BreakdownRow[] }> => {
      const options = { params: { path: { id }, query: range }, signal };
      switch (path) {
        case 'countries': {
          const r = await unwrap(api.GET('/api/v1/analytics/campaign/{id}/countries', options));
          return { total: r.total, rows: r.data.map((d) => ({ value: d.country, scans: d.scans, share: d.share })) };
        }
        case 'device-types': {
          const r = await unwrap(api.GET('/api/v1/analytics/campaign/{id}/device-types', options));
          return { total: r.total, rows: r.data.map((d) => ({ value: d.device_type, scans: d.scans, share: d.share })) };
        }
        case 'devices': {
          const r = await unwrap(api.GET('/api/v1/analytics/campaign/{id}/devices', options));
          return { total: r.total, rows: r.data.map((d) => ({ value: d.os, scans: d.scans, share: d.share })) };
        }
        case 'browsers': {
          const r = await unwrap(api.GET('/api/v1/analytics/campaign/{id}/browsers', options));
          return { total: r.total, rows: r.data.map((d) => ({ value: d.browser, scans: d.scans, share: d.share })) };
        }
      }
    },
    placeholderData: samePeriodChange(id),
    refetchInterval: SCANS_REFRESH_MS,
  });
}

/** The address of the raw scans of a range as CSV (the session cookie authorises the download). */
export function exportCsvUrl(id: string, range: ReportRange): string {
  const query = new URLSearchParams({ tz: range.tz, from: range.from, to: range.to });
  return `/api/v1/analytics/campaign/${encodeURIComponent(id)}/export.csv?${query}`;
}

/** The account's scan counts (today, 7 and 30 days in the viewer's zone). */
export function overviewQuery(tz: string = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC') {
  return queryOptions({
    queryKey: ['analytics', 'overview', tz],
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/analytics/overview', { params: { query: { tz } }, signal }))).data,
    refetchInterval: SCANS_REFRESH_MS,
  });
}
