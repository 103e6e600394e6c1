// rollupDeltas merges a batch's groups before it keys rollup rows; its rows must be exactly what
// counting every scan, and every first sighting, one at a time gives.
import { expect, it } from 'vitest';
import { BUCKET_MS, BUCKETS_PER_DAY, BUCKETS_PER_HOUR, DEVICE_TYPES, OS_BUCKETS } from '../../src/db/scan-rollups.ts';
import { compareSightings, groupScans, rollupDeltas, sightingKey, uniqueSightings } from '../../src/modules/scans/rollup-deltas.ts';
import type { ClassifiedScan } from '../../src/modules/scans/scan-ingest.ts';
import { mulberry32 } from '../helpers/prng.ts';

const START = Date.UTC(2026, 11, 1, 23, 0);

function varied(count: number, seed: number): ClassifiedScan[] {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: count }, () => {
    // Two hours across midnight UTC: several buckets, hours and two days.
    const occurredAt = START + Math.floor(random() * 2 * 3_600_000);
    const bucket = Math.floor(occurredAt / BUCKET_MS);
    return {
      accountId: pick(['acc_a', 'acc_b']),
      campaignId: pick(['cmp_1', 'cmp_2', 'cmp_3']),
      occurredAt,
      kind: random() < 0.05 ? 'stale' : 'scan',
      ip: null,
      country: pick([null, 'DE', 'FR', 'US']),
      os: pick(OS_BUCKETS),
      browser: pick(['Safari', 'Chrome', 'Firefox']),
      deviceType: pick(DEVICE_TYPES),
      isBot: random() < 0.1,
      referrerHost: pick([null, 't.co', 'example.org']),
      visitorHash: `v${Math.floor(random() * 300)}`,
      bucket,
      day: Math.floor(bucket / BUCKETS_PER_DAY),
    } satisfies ClassifiedScan;
  });
}

type Counts = Map<string, { scans: number; uniques: number }>;

/** Every scan and every first sighting counted on its own. */
function countedOneByOne(scans: readonly ClassifiedScan[]): Counts {
  const counts: Counts = new Map();
  const bump = (scan: ClassifiedScan, campaignId: string, dimension: string, bucket: number, value: string, field: 'scans' | 'uniques') => {
    const key = [scan.accountId, campaignId, dimension, bucket, value, scan.isBot].join('|');
    const row = counts.get(key) ?? { scans: 0, uniques: 0 };
    row[field]++;
    counts.set(key, row);
  };
  const firstSightings = new Map<string, ClassifiedScan>();
  for (const scan of scans) {
    if (scan.kind !== 'scan') continue;
    const hour = scan.bucket - (scan.bucket % BUCKETS_PER_HOUR);
    const day = scan.bucket - (scan.bucket % BUCKETS_PER_DAY);
    for (const level of [scan.campaignId, '']) {
      bump(scan, level, 'total', scan.bucket, '', 'scans');
      bump(scan, level, 'hour', hour, '', 'scans');
      bump(scan, level, 'day', day, '', 'scans');
      bump(scan, level, 'os', hour, scan.os, 'scans');
      bump(scan, level, 'browser', hour, scan.browser, 'scans');
      bump(scan, level, 'device_type', hour, scan.deviceType, 'scans');
      bump(scan, level, 'country', hour, scan.country ?? '', 'scans');
      bump(scan, level, 'referrer', hour, scan.referrerHost ?? '', 'scans');
      const sighting = [scan.accountId, level, scan.day, scan.visitorHash].join('|');
      const earlier = firstSightings.get(sighting);
      if (!earlier || scan.occurredAt < earlier.occurredAt) firstSightings.set(sighting, scan);
    }
  }
  for (const [sighting, scan] of firstSightings) {
    const level = sighting.split('|')[1]!;
    bump(scan, level, 'total', scan.bucket, '', 'uniques');
    bump(scan, level, 'hour', scan.bucket - (scan.bucket % BUCKETS_PER_HOUR), '', 'uniques');
    bump(scan, level, 'day', scan.bucket - (scan.bucket % BUCKETS_PER_DAY), '', 'uniques');
  }
  return counts;
}

it('gives the rows of counting every scan and first sighting one at a time, sorted by key', () => {
  for (const seed of [1, 2, 3]) {
    const scans = varied(4_000, seed);
    const groups = groupScans(scans);
    // Every sighting new to the database, as on a fresh day.
    const deltas = rollupDeltas(groups, [...uniqueSightings(groups).values()]);
    const got: Counts = new Map(deltas.map((d) => [[d.accountId, d.campaignId, d.dimension, d.bucket, d.value, d.isBot].join('|'), { scans: d.scans, uniques: d.uniques }]));
    expect(got.size).toBe(deltas.length);
    expect(got).toEqual(countedOneByOne(scans));
    const keys = deltas.map((d) => `${d.accountId}\u0000${d.campaignId}\u0000${d.dimension}\u0000${d.bucket}\u0000${d.value}\u0000${d.isBot ? 1 : 0}`);
    expect(keys).toEqual([...keys].sort());
  }
});

it('orders sightings as their keys sort: the lock order concurrent flushes on PostgreSQL rely on', () => {
  for (const seed of [4, 5]) {
    // Account ids where one is a prefix of another, and the account-wide level ('' campaign).
    const sightings = [...uniqueSightings(groupScans(varied(2_000, seed))).values()].map(({ sighting }, i) => ({
      ...sighting,
      accountId: i % 3 === 0 ? `${sighting.accountId}x` : sighting.accountId,
    }));
    const byKey = [...sightings].sort((a, b) => (sightingKey(a) < sightingKey(b) ? -1 : sightingKey(a) > sightingKey(b) ? 1 : 0));
    expect(sightings.some((s) => s.campaignId === '')).toBe(true);
    expect(new Set(sightings.map((s) => s.day)).size).toBe(2);
    expect([...sightings].sort(compareSightings)).toEqual(byKey);
  }
});

it('finds the sightings the database reports new, field by field, as keying them by their joined fields did', () => {
  for (const seed of [6, 7]) {
    const scans = varied(4_000, seed);
    // One visitor in two accounts, several campaigns and both days: a hash alone names no sighting.
    for (const scan of scans.slice(0, 400)) scan.visitorHash = 'v-shared';
    const sightings = uniqueSightings(groupScans(scans));
    const byKey = new Map([...sightings.values()].map((held) => [sightingKey(held.sighting), held]));
    expect(byKey.size).toBe(sightings.size);
    // Rows as the database returns them: equal strings, not the same objects; a third of them.
    const copy = (text: string) => Buffer.from(text).toString();
    const returned = [...sightings.values()]
      .filter((_, i) => i % 3 === 0)
      .map(({ sighting }) => ({ ...sighting, accountId: copy(sighting.accountId), campaignId: copy(sighting.campaignId), visitorHash: copy(sighting.visitorHash) }));
    for (const row of returned) expect(sightings.find(row.accountId, row.campaignId, row.day, row.visitorHash)).toBe(byKey.get(sightingKey(row)));
    expect(sightings.find('acc_a', 'cmp_none', scans[0]!.day, 'v-shared')).toBeUndefined();
    expect(sightings.find('acc_a', '', scans[0]!.day, 'v-never')).toBeUndefined();
    // Each kept sighting is the earliest scan of its visitor at its level that day.
    for (const { sighting, scan } of sightings.values()) {
      const earliest = Math.min(
        ...scans
          .filter(
            (s) =>
              s.kind === 'scan' &&
              s.accountId === sighting.accountId &&
              (sighting.campaignId === '' || s.campaignId === sighting.campaignId) &&
              s.day === sighting.day &&
              s.visitorHash === sighting.visitorHash,
          )
          .map((s) => s.occurredAt),
      );
      expect(scan.occurredAt).toBe(earliest);
    }
  }
});
