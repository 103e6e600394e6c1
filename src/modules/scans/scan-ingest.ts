// Flush-time enrichment of captured scans: everything analytics needs is computed here, once per
// event, off the redirect hot path. Pure: no database, no clock.
import type { IpStorage } from '../../config.ts';
import { BUCKET_MS, type DeviceType, type OsBucket } from '../../db/scan-rollups.ts';
import { anonymiseIp } from './ip.ts';
import { encodeScanBatch, eventAt, FIELDS, type ScanBatch } from './scan-batch.ts';
import type { ScanEvent } from './scan-event.ts';
import { classifyUserAgent } from './ua-classifier.ts';
import { utcDayNumber, type VisitorHasher } from './visitor-hash.ts';

/** A scan with everything analytics derives from it; the raw IP is gone. */
export interface ClassifiedScan {
  accountId: string;
  campaignId: string;
  occurredAt: number;
  kind: 'scan' | 'stale';
  /** Stored form of the IP per TESSERA_IP_STORAGE. */
  ip: string | null;
  country: string | null;
  os: OsBucket;
  browser: string;
  deviceType: DeviceType;
  isBot: boolean;
  referrerHost: string | null;
  /** Daily-keyed hash of raw IP + UA (kept at most two days, in scan_uniques). */
  visitorHash: string;
  /** 15-minute UTC bucket. */
  bucket: number;
  /** UTC day number the visitor hash belongs to. */
  day: number;
}

/** The host of a referrer URL, lower-cased without `www.`, or null when absent or not a URL. */
export function referrerHost(referrer: string | null): string | null {
  if (!referrer) return null;
  try {
    const host = new URL(referrer).hostname.toLowerCase();
    return host ? host.replace(/^www\./, '').slice(0, 253) : null;
  } catch {
    return null;
  }
}

/** ISO 3166-1 alpha-2 from the trusted header, upper-cased; anything else is unknown. */
export function countryCode(raw: string | null): string | null {
  if (!raw) return null;
  const code = raw.trim().toUpperCase();
  // XX and T1 are what CDNs send for "unknown" and Tor.
  return /^[A-Z]{2}$/.test(code) && code !== 'XX' ? code : null;
}

/** Country of an IP from an offline database, when one is configured. */
export interface CountryLookup {
  country(ip: string | null): string | null;
}

/**
 * Per-batch memory of derived values. A batch repeats the same visitors, agents and referrers
 * (one phone scanning twice, a campaign shared on one site), and the visitor HMAC alone costs
 * ~3 µs: each distinct input is computed once per batch. Dropped with the batch, so raw IPs are
 * held no longer than before.
 */
export interface ClassifyMemo {
  hashes: Map<string, string>;
  ips: Map<string, string | null>;
  referrers: Map<string, string | null>;
  countries: Map<string, string | null>;
}

/** An empty memo for one batch. */
export function classifyMemo(): ClassifyMemo {
  return { hashes: new Map(), ips: new Map(), referrers: new Map(), countries: new Map() };
}

function memoised<T>(map: Map<string, T>, key: string, compute: () => T): T {
  const known = map.get(key);
  if (known !== undefined) return known;
  const value = compute();
  map.set(key, value);
  return value;
}

/** Enriches one captured scan: UA buckets, bot flag, visitor hash and country (from the raw IP), anonymised IP. */
export function classifyScan(event: ScanEvent, hasher: VisitorHasher, ipStorage: IpStorage, geo: CountryLookup | null = null, memo: ClassifyMemo = classifyMemo()): ClassifiedScan {
  const ua = classifyUserAgent(event.userAgent);
  const ip = event.ip;
  const day = utcDayNumber(event.occurredAt);
  return {
    accountId: event.accountId,
    campaignId: event.campaignId,
    occurredAt: event.occurredAt,
    kind: event.kind ?? 'scan',
    ip: ip === null ? anonymiseIp(ip, ipStorage) : memoised(memo.ips, ip, () => anonymiseIp(ip, ipStorage)),
    // The trusted proxy/CDN header wins; the offline database fills in when it is silent.
    country: (event.country === null ? null : memoised(memo.countries, event.country, () => countryCode(event.country))) ?? geo?.country(ip) ?? null,
    os: ua.os,
    browser: ua.browser,
    deviceType: ua.deviceType,
    isBot: ua.isBot,
    referrerHost: event.referrer === null ? null : memoised(memo.referrers, event.referrer, () => referrerHost(event.referrer)),
    // The day is part of the key: the hash key changes at midnight UTC.
    visitorHash: memoised(memo.hashes, `${day}\n${ip ?? ''}\n${event.userAgent ?? ''}`, () => hasher.hash(ip, event.userAgent, event.occurredAt)),
    bucket: Math.floor(event.occurredAt / BUCKET_MS),
    day,
  };
}

/**
 * A classified batch. Scans with the same raw inputs in the same 15-minute bucket classify alike
 * (the UTC day, hence the visitor-hash key, follows from the bucket): such scans share a profile.
 */
export interface ClassifiedBatch {
  /** The distinct classifications; each one's `occurredAt` is the earliest of its scans. */
  profiles: ClassifiedScan[];
  /** For each event, in order, the index of its profile (the scan is its profile at the event's own time). */
  profileOf: Uint32Array;
  /** The countable profiles with their number of scans: what sightings and rollups are computed from. */
  groups: ScanGroup[];
}

/**
 * Classifies a batch once per profile: a batch holds few of them (a phone scanning twice, a
 * campaign shared on one site), so sightings, rollups and the stored rows' shared values are
 * computed per profile, not per scan.
 */
export function classifyBatch(events: readonly ScanEvent[], hasher: VisitorHasher, ipStorage: IpStorage, geo: CountryLookup | null = null): ClassifiedBatch {
  return classifyScanBatch(encodeScanBatch(events, ''), hasher, ipStorage, geo);
}

/**
 * classifyBatch on the columns the writer thread receives. A batch's strings are interned, so a
 * profile is known by integers (its bucket, string references and kind) and a scan like the one
 * before it (the usual case under load: one client, one code) is matched without building a key.
 */
export function classifyScanBatch(batch: ScanBatch, hasher: VisitorHasher, ipStorage: IpStorage, geo: CountryLookup | null = null): ClassifiedBatch {
  const memo = classifyMemo();
  const { refs, occurredAt, stale } = batch;
  const n = occurredAt.length;
  const indexes = new Map<string, number>();
  const profiles: ClassifiedScan[] = [];
  const groups: ScanGroup[] = [];
  const groupOf: Array<ScanGroup | null> = [];
  const profileOf = new Uint32Array(n);
  // Built before the loop, not returned as a literal after it: the loop runs long enough to be
  // compiled on the stack (OSR), before the code after it has ever run, and a literal without
  // type feedback there threw that compiled code away at the end of every batch.
  const classified: ClassifiedBatch = { profiles, profileOf, groups };
  let lastBucket = Number.NaN;
  for (let i = 0; i < n; i++) {
    const at = i * FIELDS;
    const time = occurredAt[i]!;
    const bucket = Math.floor(time / BUCKET_MS);
    let index: number | undefined;
    if (i > 0 && bucket === lastBucket && stale[i] === stale[i - 1] && sameRefs(refs, at, at - FIELDS)) index = profileOf[i - 1]!;
    else {
      const key = `${bucket},${stale[i]},${refs[at]},${refs[at + 1]},${refs[at + 2]},${refs[at + 3]},${refs[at + 4]},${refs[at + 5]}`;
      index = indexes.get(key);
      if (index === undefined) {
        index = profiles.length;
        indexes.set(key, index);
        const profile = classifyScan(eventAt(batch, i), hasher, ipStorage, geo, memo);
        profiles.push(profile);
        const group = countable(profile) ? { scan: profile, count: 0 } : null;
        if (group) groups.push(group);
        groupOf.push(group);
      }
    }
    lastBucket = bucket;
    const profile = profiles[index]!;
    if (time < profile.occurredAt) profile.occurredAt = time;
    const group = groupOf[index];
    if (group) group.count++;
    profileOf[i] = index;
  }
  return classified;
}

function sameRefs(refs: Uint32Array, a: number, b: number): boolean {
  for (let f = 0; f < FIELDS; f++) if (refs[a + f] !== refs[b + f]) return false;
  return true;
}

/** Only real scans count; `stale` ones (a morphing code used after its window) are kept raw but not counted. */
export function countable(scan: ClassifiedScan): boolean {
  return scan.kind === 'scan';
}

/** Scans alike in everything analytics counts (they differ only in time): the earliest of them and how many. */
export interface ScanGroup {
  scan: ClassifiedScan;
  count: number;
}
