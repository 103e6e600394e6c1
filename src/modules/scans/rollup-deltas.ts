// Rollup rows and unique sightings from a classified batch: what the flush adds to
// scan_rollups and scan_uniques. Pure: no database, no clock.
import { BUCKETS_PER_DAY, BUCKETS_PER_HOUR, type Dimension } from '../../db/scan-rollups.ts';
import { type ClassifiedScan, countable, type ScanGroup } from './scan-ingest.ts';

/** One rollup increment. `campaignId` '' is the account-wide row. */
export interface RollupDelta {
  accountId: string;
  campaignId: string;
  dimension: Dimension;
  bucket: number;
  value: string;
  isBot: boolean;
  scans: number;
  uniques: number;
}

/** One (visitor, day) sighting at account ('' campaign) or campaign level. */
export interface UniqueSighting {
  accountId: string;
  campaignId: string;
  day: number;
  visitorHash: string;
}

function uniqueKey(u: UniqueSighting): string {
  return `${u.accountId}\u0000${u.campaignId}\u0000${u.day}\u0000${u.visitorHash}`;
}

/** Groups the countable scans of a batch (classifyBatch groups as it classifies; this is for scans built elsewhere). */
export function groupScans(scans: readonly ClassifiedScan[]): ScanGroup[] {
  const groups = new Map<string, ScanGroup>();
  for (const scan of scans) {
    if (!countable(scan)) continue;
    const key = `${rollupClassKey(scan)}\u0000${scan.visitorHash}`;
    const group = groups.get(key);
    if (!group) groups.set(key, { scan, count: 1 });
    else {
      group.count++;
      if (scan.occurredAt < group.scan.occurredAt) group.scan = scan;
    }
  }
  return [...groups.values()];
}

/** A sighting and the scan it came from. */
export interface SightingOf {
  sighting: UniqueSighting;
  scan: ClassifiedScan;
}

/**
 * A batch's sightings, indexed by visitor hash. Every new visitor brings two (campaign and account
 * level), and the database answers with the new ones as rows. Keyed by one joined string (~80
 * characters built and hashed, once when seen and once when answered) they cost 2–4 µs a scan of an
 * audience's flush, against 1–1.5 µs this way: a hash names one visitor, so its list holds one or
 * two sightings a day to compare field by field.
 */
export class Sightings {
  private readonly list: SightingOf[] = [];
  private readonly byHash = new Map<string, SightingOf[]>();

  /** Sightings held. */
  get size(): number {
    return this.list.length;
  }

  /** The sightings, in the order first seen (the earliest scan of each). */
  values(): IterableIterator<SightingOf> {
    return this.list.values();
  }

  /** The sighting of (account, level, day, visitor), if the batch has it. */
  find(accountId: string, campaignId: string, day: number, visitorHash: string): SightingOf | undefined {
    const same = this.byHash.get(visitorHash);
    if (same === undefined) return undefined;
    for (const held of same) {
      const { sighting } = held;
      if (sighting.day === day && sighting.campaignId === campaignId && sighting.accountId === accountId) return held;
    }
    return undefined;
  }

  /** Records a sighting of `scan` at `campaignId`'s level ('' the account); an earlier scan takes the place of a later one. */
  see(scan: ClassifiedScan, campaignId: string): void {
    const sighting = { accountId: scan.accountId, campaignId, day: scan.day, visitorHash: scan.visitorHash };
    const same = this.byHash.get(scan.visitorHash);
    if (same === undefined) {
      const held = { sighting, scan };
      this.byHash.set(scan.visitorHash, [held]);
      this.list.push(held);
      return;
    }
    const held = this.find(scan.accountId, campaignId, scan.day, scan.visitorHash);
    if (held === undefined) {
      const fresh = { sighting, scan };
      same.push(fresh);
      this.list.push(fresh);
    } else if (scan.occurredAt < held.scan.occurredAt) held.scan = scan;
  }
}

/** First sighting of each (level, visitor, day) in the batch, with the scan it came from. */
export function uniqueSightings(groups: readonly ScanGroup[]): Sightings {
  const out = new Sightings();
  for (const { scan } of groups) {
    out.see(scan, scan.campaignId);
    out.see(scan, '');
  }
  return out;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order sightings are inserted in: by account, campaign, day and hash, the order of their keys
 * (the lock order of concurrent flushes on PostgreSQL; days have five digits until 2243, so
 * numeric and textual order agree). Field by field, not by the joined key: a batch's sightings
 * share their account and mostly their campaign, strings that are then the same object and
 * compare at once, where joined keys compared 60 equal characters first (a tenth of a varied
 * flush's JavaScript).
 */
export function compareSightings(a: UniqueSighting, b: UniqueSighting): number {
  if (a.accountId !== b.accountId) return byCodeUnits(a.accountId, b.accountId);
  if (a.campaignId !== b.campaignId) return byCodeUnits(a.campaignId, b.campaignId);
  return a.day - b.day || byCodeUnits(a.visitorHash, b.visitorHash);
}

/** Key of a sighting, as uniqueSightings indexes them. */
export function sightingKey(u: UniqueSighting): string {
  return uniqueKey(u);
}

/** What rollups tell scans apart by: campaign, bucket, bot flag and the dimension values. */
function rollupClassKey(scan: ClassifiedScan): string {
  return `${scan.accountId}\u0000${scan.campaignId}\u0000${scan.bucket}\u0000${scan.isBot ? 1 : 0}\u0000${scan.os}\u0000${scan.browser}\u0000${scan.deviceType}\u0000${scan.country ?? ''}\u0000${scan.referrerHost ?? ''}`;
}

/**
 * The groups merged by what rollups count (campaign, bucket, bot flag and the dimension values),
 * whatever the visitor. Varied traffic has about one group per scan (every visitor its own), and
 * keying each of a group's 16 rollup rows was the flush's costliest JavaScript (a tenth of its
 * CPU): merged first, a row is keyed once per class of scans, of which a batch holds few.
 */
function rollupClasses(groups: readonly ScanGroup[]): Iterable<ScanGroup> {
  const classes = new Map<string, ScanGroup>();
  for (const { scan, count } of groups) {
    const key = rollupClassKey(scan);
    const merged = classes.get(key);
    if (merged) merged.count += count;
    else classes.set(key, { scan, count });
  }
  return classes.values();
}

/**
 * New unique sightings counted per rollup level, bucket and bot flag: the rows their uniques add to.
 * Found through nested maps, not a joined key: an audience's batch has two new sightings a scan,
 * and a string built for each cost more than the rest of this.
 */
function uniqueClasses(newUniques: ReadonlyArray<SightingOf>): Iterable<{ campaignId: string; scan: ClassifiedScan; count: number }> {
  const classes: Array<{ campaignId: string; scan: ClassifiedScan; count: number }> = [];
  const byAccount = new Map<string, Map<string, Map<number, { campaignId: string; scan: ClassifiedScan; count: number }>>>();
  for (const { sighting, scan } of newUniques) {
    let byLevel = byAccount.get(scan.accountId);
    if (byLevel === undefined) byAccount.set(scan.accountId, (byLevel = new Map()));
    let byBucket = byLevel.get(sighting.campaignId);
    if (byBucket === undefined) byLevel.set(sighting.campaignId, (byBucket = new Map()));
    const at = scan.bucket * 2 + (scan.isBot ? 1 : 0);
    const merged = byBucket.get(at);
    if (merged) merged.count++;
    else {
      const fresh = { campaignId: sighting.campaignId, scan, count: 1 };
      byBucket.set(at, fresh);
      classes.push(fresh);
    }
  }
  return classes;
}

/**
 * Rollup increments for a batch, merged per row key and sorted (a stable lock order when two
 * instances upsert at once). `newUniques` are the sightings the database had not seen: each adds
 * one unique to the `total` row of its scan's bucket.
 */
export function rollupDeltas(groups: readonly ScanGroup[], newUniques: ReadonlyArray<SightingOf>): RollupDelta[] {
  const rows = new Map<string, RollupDelta>();
  const add = (scan: ClassifiedScan, campaignId: string, dimension: Dimension, bucket: number, value: string, scansDelta: number, uniquesDelta: number) => {
    const key = `${scan.accountId}\u0000${campaignId}\u0000${dimension}\u0000${bucket}\u0000${value}\u0000${scan.isBot ? 1 : 0}`;
    const row = rows.get(key);
    if (row) {
      row.scans += scansDelta;
      row.uniques += uniquesDelta;
    } else {
      rows.set(key, { accountId: scan.accountId, campaignId, dimension, bucket, value, isBot: scan.isBot, scans: scansDelta, uniques: uniquesDelta });
    }
  };
  for (const { scan, count } of rollupClasses(groups)) {
    const hour = scan.bucket - (scan.bucket % BUCKETS_PER_HOUR);
    const day = scan.bucket - (scan.bucket % BUCKETS_PER_DAY);
    for (const campaignId of [scan.campaignId, '']) {
      add(scan, campaignId, 'total', scan.bucket, '', count, 0);
      add(scan, campaignId, 'hour', hour, '', count, 0);
      add(scan, campaignId, 'day', day, '', count, 0);
      add(scan, campaignId, 'os', hour, scan.os, count, 0);
      add(scan, campaignId, 'browser', hour, scan.browser, count, 0);
      add(scan, campaignId, 'device_type', hour, scan.deviceType, count, 0);
      add(scan, campaignId, 'country', hour, scan.country ?? '', count, 0);
      add(scan, campaignId, 'referrer', hour, scan.referrerHost ?? '', count, 0);
    }
  }
  for (const { campaignId, scan, count } of uniqueClasses(newUniques)) {
    add(scan, campaignId, 'total', scan.bucket, '', 0, count);
    add(scan, campaignId, 'hour', scan.bucket - (scan.bucket % BUCKETS_PER_HOUR), '', 0, count);
    add(scan, campaignId, 'day', scan.bucket - (scan.bucket % BUCKETS_PER_DAY), '', 0, count);
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
