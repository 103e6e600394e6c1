// Scan reports. Every figure comes from the rollups (never a scan of the raw table), scoped to
// the caller's account; another account's campaign is a 404 through the campaigns service.
import type { AppContext } from '../../context.ts';
import { BUCKETS_PER_HOUR, DEVICE_TYPES, OS_BUCKETS, type TotalDimension } from '../../db/scan-rollups.ts';
import { countActiveCampaigns, getCampaign } from '../campaigns/index.ts';
import { localHourOfBucket } from './local-time.ts';
import { grandTotal, type RollupScope, totalsByBucket, totalsByValue } from './report.repo.ts';
import { type RangeQuery, type ReportRange, resolveRange, sumPerDay } from './report-range.ts';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** Parameters every report accepts. */
export interface ReportQuery extends RangeQuery {
  includeBots?: boolean;
}

/** The account-wide headline figures. */
export interface Overview {
  total_scans: number;
  unique_scans: number;
  scans_today: number;
  scans_last_7_days: number;
  scans_last_30_days: number;
  active_campaigns: number;
}

/** One local day of a timeline. */
export interface TimelineDay {
  date: string;
  scans: number;
  unique_scans: number;
}

/** A daily series over a range of local days, oldest first, zero-filled. */
export interface Timeline {
  tz: string;
  from: string;
  to: string;
  data: TimelineDay[];
}

/** One bucket of a breakdown. */
export interface Share {
  value: string | null;
  scans: number;
  /** Fraction of the range's scans (0–1). */
  share: number;
  /** The entry summing every value past the first MAX_VALUES (its value is null). */
  other?: true;
}

/** A breakdown of the range's scans by one dimension. */
export interface Breakdown {
  tz: string;
  from: string;
  to: string;
  total: number;
  data: Share[];
}

/** The breakdowns offered beyond `total`; `os` and `device_type` list every bucket even when zero. */
export const BREAKDOWNS = ['os', 'browser', 'device_type', 'country', 'referrer'] as const;
/** A breakdown dimension. */
export type BreakdownDimension = (typeof BREAKDOWNS)[number];

/** Most values listed for open-ended dimensions (browser, country, referrer); the rest are summed into one last entry marked `other`. */
export const MAX_VALUES = 100;

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** The coarsest time-series grain whose buckets never straddle a local day boundary of the range. */
function grainFor(range: ReportRange): TotalDimension {
  if (range.starts.every((start) => start % MS_PER_DAY === 0)) return 'day';
  if (range.starts.every((start) => start % MS_PER_HOUR === 0)) return 'hour';
  return 'total';
}

/** Per-bucket scans and uniques of a range at the coarsest exact grain (one row a day for UTC, 24 for whole-hour zones, 96 otherwise). */
async function totalsOfRange(ctx: Ctx, scope: RollupScope, range: ReportRange, grain: TotalDimension = grainFor(range)) {
  return totalsByBucket(ctx.db, { ...scope, fromBucket: range.fromBucket, toBucket: range.toBucket }, grain);
}

async function scopeFor(ctx: Ctx, accountId: string, campaignId: string | null, includeBots: boolean): Promise<RollupScope> {
  // Throws not_found for another account's (or no) campaign.
  if (campaignId !== null) await getCampaign(ctx as AppContext, accountId, campaignId);
  return { accountId, campaignId: campaignId ?? '', includeBots };
}

function share(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 10_000) / 10_000;
}

/** Total and unique scans of all time, scans today / last 7 / last 30 local days, and active campaigns. */
export async function overview(ctx: Ctx, accountId: string, query: ReportQuery): Promise<Overview> {
  const scope = await scopeFor(ctx, accountId, null, query.includeBots ?? false);
  // The last 30 local days ending today, whatever from/to say: these figures are relative to now.
  const range = resolveRange({ tz: query.tz }, ctx.clock.now());
  const [all, recent, active] = await Promise.all([grandTotal(ctx.db, scope, 'day'), totalsOfRange(ctx, scope, range), countActiveCampaigns(ctx as AppContext, accountId)]);
  const days = sumPerDay(range, recent, (r) => [r.scans]).map((d) => d[0] ?? 0);
  const sumLast = (n: number) => days.slice(-n).reduce((a, b) => a + b, 0);
  return {
    total_scans: all.scans,
    unique_scans: all.uniques,
    scans_today: sumLast(1),
    scans_last_7_days: sumLast(7),
    scans_last_30_days: sumLast(30),
    active_campaigns: active,
  };
}

/** Daily scans and unique scans over local days (default: the 30 days ending today in tz). */
export async function timeline(ctx: Ctx, accountId: string, campaignId: string | null, query: ReportQuery): Promise<Timeline> {
  const range = resolveRange(query, ctx.clock.now());
  const scope = await scopeFor(ctx, accountId, campaignId, query.includeBots ?? false);
  const rows = await totalsOfRange(ctx, scope, range);
  const days = sumPerDay(range, rows, (r) => [r.scans, r.uniques]);
  return {
    tz: range.tz,
    from: range.from,
    to: range.to,
    data: range.dates.map((date, i) => ({ date, scans: days[i]![0] ?? 0, unique_scans: days[i]![1] ?? 0 })),
  };
}

function fixedBuckets(dimension: BreakdownDimension, includeBots: boolean): readonly string[] | null {
  if (dimension === 'os') return OS_BUCKETS;
  if (dimension === 'device_type') return includeBots ? DEVICE_TYPES : DEVICE_TYPES.filter((d) => d !== 'bot');
  return null;
}

/** Scans of the range by one dimension, with shares; OS and device type list all their buckets. */
export async function breakdown(ctx: Ctx, accountId: string, campaignId: string | null, dimension: BreakdownDimension, query: ReportQuery): Promise<Breakdown> {
  const range = resolveRange(query, ctx.clock.now());
  const includeBots = query.includeBots ?? false;
  const scope = await scopeFor(ctx, accountId, campaignId, includeBots);
  // Breakdowns are kept per hour: the range's edges round down to the hour, which is exact for
  // every zone with a whole-hour offset (and off by at most 45 minutes per edge elsewhere).
  const fromHour = range.fromBucket - (range.fromBucket % BUCKETS_PER_HOUR);
  const toHour = range.toBucket + 1 - ((range.toBucket + 1) % BUCKETS_PER_HOUR) - 1;
  const rows = await totalsByValue(ctx.db, { ...scope, fromBucket: fromHour, toBucket: toHour }, dimension);
  const total = rows.reduce((sum, r) => sum + r.scans, 0);
  const head = { tz: range.tz, from: range.from, to: range.to, total };
  const fixed = fixedBuckets(dimension, includeBots);
  if (fixed) {
    const counts = new Map(rows.map((r) => [r.value, r.scans]));
    return { ...head, data: fixed.map((value) => ({ value, scans: counts.get(value) ?? 0, share: share(counts.get(value) ?? 0, total) })) };
  }
  // '' is stored for "none" (no referrer, unknown country): reported as null.
  const sorted = rows.map((r) => ({ value: r.value === '' ? null : r.value, scans: r.scans })).sort((a, b) => b.scans - a.scans || String(a.value).localeCompare(String(b.value)));
  const listed = sorted.slice(0, MAX_VALUES);
  const rest = sorted.slice(MAX_VALUES).reduce((sum, r) => sum + r.scans, 0);
  const data: Share[] = listed.map((r) => ({ ...r, share: share(r.scans, total) }));
  // Marked, not only null: null already means "none" (a direct scan, an unknown country), and a
  // second null row read as more of those.
  if (rest > 0) data.push({ value: null, scans: rest, share: share(rest, total), other: true });
  return { ...head, data };
}

/** Scans of the range by local hour of day (0–23 in tz). */
export async function hourOfDay(
  ctx: Ctx,
  accountId: string,
  campaignId: string | null,
  query: ReportQuery,
): Promise<{ tz: string; from: string; to: string; data: Array<{ hour: number; scans: number }> }> {
  const range: ReportRange = resolveRange(query, ctx.clock.now());
  const scope = await scopeFor(ctx, accountId, campaignId, query.includeBots ?? false);
  // Hour-of-day needs at least hourly rows; zones off the hour need the 15-minute ones.
  const rows = await totalsOfRange(ctx, scope, range, grainFor(range) === 'total' ? 'total' : 'hour');
  const hours = new Array<number>(24).fill(0);
  const hourOf = localHourOfBucket(range.tz);
  for (const row of rows) hours[hourOf(row.bucket)]! += row.scans;
  return { tz: range.tz, from: range.from, to: range.to, data: hours.map((scans, hour) => ({ hour, scans })) };
}
