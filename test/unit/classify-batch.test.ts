// classifyBatch classifies each profile once and copies it to alike scans; the result must be
// exactly what classifying every scan on its own gives, and its groups must partition the
// countable scans.
import { expect, it } from 'vitest';
import type { ScanEvent } from '../../src/modules/scans/index.ts';
import { groupScans } from '../../src/modules/scans/rollup-deltas.ts';
import { type ClassifiedScan, classifyBatch, classifyScan } from '../../src/modules/scans/scan-ingest.ts';
import { VisitorHasher } from '../../src/modules/scans/visitor-hash.ts';
import { mulberry32 } from '../helpers/prng.ts';

const AGENTS = [null, '', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Mobile/15E148 Safari/604.1', 'curl/8.5.0', 'Mozilla/5.0 (compatible; Googlebot/2.1)'];
const IPS = [null, '', '203.0.113.9', '198.51.100.7', '2001:db8:1234:5678::1'];
const REFERRERS = [null, '', 'https://t.co/x', 'not a url'];
const COUNTRIES = [null, '', 'de', 'XX'];

it('matches classifying each scan alone, and its groups partition the countable scans with the earliest scan of each', () => {
  const hasher = new VisitorHasher(Buffer.alloc(32, 7));
  const random = mulberry32(42);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  // Three days around a UTC midnight, so buckets and visitor-hash days both change within the batch.
  const start = Date.UTC(2026, 10, 22, 23, 0);
  const events: ScanEvent[] = Array.from({ length: 3000 }, () => ({
    accountId: pick(['acc_1', 'acc_2']),
    campaignId: pick(['cmp_a', 'cmp_b', 'cmp_c']),
    occurredAt: start + Math.floor(random() * 2 * 3_600_000),
    userAgent: pick(AGENTS),
    referrer: pick(REFERRERS),
    ip: pick(IPS),
    country: pick(COUNTRIES),
    kind: random() < 0.1 ? 'stale' : 'scan',
  }));
  const { profiles, profileOf, groups } = classifyBatch(events, hasher, 'anonymized');
  // Each scan is its profile at its own time.
  const scans = events.map((event, i) => ({ ...profiles[profileOf[i]!]!, occurredAt: event.occurredAt }));
  expect(scans).toEqual(events.map((event) => classifyScan(event, hasher, 'anonymized')));
  expect(profiles.length).toBeLessThan(events.length);
  for (const [k, profile] of profiles.entries()) {
    expect(profile.occurredAt).toBe(Math.min(...events.filter((_, i) => profileOf[i] === k).map((event) => event.occurredAt)));
  }

  const countable = scans.filter((scan) => scan.kind === 'scan');
  expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(countable.length);
  // Different raw inputs can classify alike (a null and an empty agent), so compare per identity:
  // the groups of an identity hold its scans, and the earliest of them is a group's scan.
  const identity = ({ occurredAt: _, ...rest }: ClassifiedScan) => JSON.stringify(rest);
  const byIdentity = new Map<string, { scans: number; grouped: number; earliest: number; earliestGroup: number }>();
  for (const scan of countable) {
    const entry = byIdentity.get(identity(scan)) ?? { scans: 0, grouped: 0, earliest: Infinity, earliestGroup: Infinity };
    entry.scans++;
    entry.earliest = Math.min(entry.earliest, scan.occurredAt);
    byIdentity.set(identity(scan), entry);
  }
  for (const group of groups) {
    const entry = byIdentity.get(identity(group.scan))!;
    entry.grouped += group.count;
    entry.earliestGroup = Math.min(entry.earliestGroup, group.scan.occurredAt);
  }
  for (const entry of byIdentity.values()) {
    expect(entry.grouped).toBe(entry.scans);
    expect(entry.earliestGroup).toBe(entry.earliest);
  }
  // One client scanning within a quarter hour is one group.
  const burst = Array.from({ length: 500 }, (_, i): ScanEvent => ({ ...events[0]!, kind: 'scan', occurredAt: start + i }));
  expect(classifyBatch(burst, hasher, 'anonymized').groups.map((group) => group.count)).toEqual([500]);
  // groupScans (for scans classified elsewhere) counts the same scans.
  expect(groupScans(scans).reduce((sum, group) => sum + group.count, 0)).toBe(countable.length);
});
