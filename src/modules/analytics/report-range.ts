// Turns report query parameters (tz, from, to) into validated local days and bucket bounds.
import { BUCKET_MS } from '../../db/scan-rollups.ts';
import { AppError } from '../../errors.ts';
import { addDays, canonicalTimeZone, daysBetween, localDate, localDayStarts, parseDate } from './local-time.ts';

/** Longest range a report covers. */
export const MAX_RANGE_DAYS = 366;
/** Days a report covers when no range is given (the seed's "30-day timeline"). */
export const DEFAULT_RANGE_DAYS = 30;
/**
 * The dates a report may name. Scans carry timestamps of the service's own clock, so nothing lies
 * outside these; the bounds keep the calendar arithmetic inside four-digit years (a range ending
 * 9999-12-31 needs the start of 10000-01-01, which no ISO date string can hold).
 */
export const EARLIEST_REPORT_DATE = '2000-01-01';
export const LATEST_REPORT_DATE = '2199-12-31';

/** Report parameters as the client sent them. */
export interface RangeQuery {
  tz?: string;
  from?: string;
  to?: string;
}

/** A validated range of whole local days. */
export interface ReportRange {
  tz: string;
  from: string;
  to: string;
  /** Local dates, oldest first. */
  dates: string[];
  /** Start instant of each date plus the end of the last: date i is [starts[i], starts[i+1]). */
  starts: number[];
  fromBucket: number;
  toBucket: number;
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', message, { errors: [{ field: `querystring/${field}`, message }] });
}

/** Validates an IANA zone name (400 when unknown); returns its canonical spelling. */
export function resolveTimeZone(tz: string | undefined): string {
  if (tz === undefined || tz === '') return 'UTC';
  const canonical = canonicalTimeZone(tz);
  if (!canonical) throw invalid('tz', `'${tz.slice(0, 64)}' is not an IANA time zone; use a name such as 'Europe/Berlin' or 'UTC'.`);
  return canonical;
}

/** Resolves tz/from/to at `now` into local days: by default the 30 days ending today in tz. */
export function resolveRange(query: RangeQuery, now: number): ReportRange {
  const tz = resolveTimeZone(query.tz);
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value === undefined) continue;
    // Compared as text first: JavaScript dates read years 0–99 as 1900–1999.
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && (value < EARLIEST_REPORT_DATE || value > LATEST_REPORT_DATE)) {
      throw invalid(field, `'${field}' (${value}) is outside the dates reports cover: ${EARLIEST_REPORT_DATE} to ${LATEST_REPORT_DATE}.`);
    }
    if (parseDate(value) === null) throw invalid(field, `'${value.slice(0, 32)}' is not a date; use YYYY-MM-DD.`);
  }
  const to = query.to ?? (query.from ? addDays(query.from, DEFAULT_RANGE_DAYS - 1) : localDate(now, tz));
  const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  const span = daysBetween(from, to) + 1;
  if (span < 1) throw invalid('from', `'from' (${from}) is after 'to' (${to}).`);
  if (span > MAX_RANGE_DAYS) throw invalid('from', `The range covers ${span} days; at most ${MAX_RANGE_DAYS} are allowed.`);
  const dates = Array.from({ length: span }, (_, i) => addDays(from, i));
  const starts = localDayStarts(from, span, tz);
  // Rollups count in 15-minute UTC buckets, and every named zone's days start on one. Intl also
  // takes fixed offsets ('+0530'), '+0507' among them: its days started inside a bucket, whose
  // scans the timeline then dropped while the breakdowns counted them, with a 200 either way.
  if (starts.some((start) => start % BUCKET_MS !== 0)) {
    throw invalid('tz', `'${tz}' starts its days between the 15-minute steps reports count in; use a zone name such as 'Asia/Kolkata', or an offset in quarter hours such as '+05:30'.`);
  }
  return { tz, from, to, dates, starts, fromBucket: Math.floor(starts[0]! / BUCKET_MS), toBucket: Math.ceil(starts[span]! / BUCKET_MS) - 1 };
}

/** Splits per-bucket counts into the range's local days (buckets must be sorted). */
export function sumPerDay<T extends { bucket: number }>(range: ReportRange, rows: readonly T[], pick: (row: T) => number[]): number[][] {
  const out = range.dates.map(() => [] as number[]);
  let day = 0;
  for (const row of rows) {
    const at = row.bucket * BUCKET_MS;
    while (day < range.dates.length && at >= range.starts[day + 1]!) day++;
    if (day >= range.dates.length) break;
    if (at < range.starts[day]!) continue;
    const values = pick(row);
    const acc = out[day]!;
    for (let i = 0; i < values.length; i++) acc[i] = (acc[i] ?? 0) + values[i]!;
  }
  return out;
}
