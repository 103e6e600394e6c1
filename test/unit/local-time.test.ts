import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from '../../src/db/scan-rollups.ts';
import { canonicalTimeZone, localDate, localHourOfBucket, startOfLocalDay } from '../../src/modules/analytics/local-time.ts';
import { resolveRange, sumPerDay } from '../../src/modules/analytics/report-range.ts';
import { AppError } from '../../src/errors.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('local days', () => {
  it('New York: the spring-forward day has 23 hours, the next starts at 04:00Z', () => {
    expect(iso(startOfLocalDay('2026-03-08', 'America/New_York'))).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(startOfLocalDay('2026-03-09', 'America/New_York'))).toBe('2026-03-09T04:00:00.000Z');
  });

  it('Berlin: the fall-back day has 25 hours', () => {
    const start = startOfLocalDay('2026-10-25', 'Europe/Berlin');
    const next = startOfLocalDay('2026-10-26', 'Europe/Berlin');
    expect(iso(start)).toBe('2026-10-24T22:00:00.000Z');
    expect((next - start) / 3_600_000).toBe(25);
  });

  it('Santiago: a day whose midnight is skipped starts at 01:00 local', () => {
    expect(iso(startOfLocalDay('2026-09-06', 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
    expect(localDate(startOfLocalDay('2026-09-06', 'America/Santiago') - 1, 'America/Santiago')).toBe('2026-09-05');
  });

  it('Samoa: 30 December 2011 never happened there; it starts where the 31st does and is empty', () => {
    const skipped = startOfLocalDay('2011-12-30', 'Pacific/Apia');
    expect(iso(skipped)).toBe('2011-12-30T10:00:00.000Z');
    expect(startOfLocalDay('2011-12-31', 'Pacific/Apia')).toBe(skipped);
    expect(iso(startOfLocalDay('2011-12-29', 'Pacific/Apia'))).toBe('2011-12-29T10:00:00.000Z');
    expect(iso(startOfLocalDay('2011-12-30', 'Pacific/Fakaofo'))).toBe('2011-12-30T11:00:00.000Z');
  });

  it('half- and quarter-hour zones start their days on a 15-minute bucket boundary', () => {
    for (const [tz, expected] of [
      ['Asia/Kolkata', '2026-02-28T18:30:00.000Z'],
      ['Asia/Kathmandu', '2026-02-28T18:15:00.000Z'],
      ['Australia/Adelaide', '2026-02-28T13:30:00.000Z'],
    ] as const) {
      const start = startOfLocalDay('2026-03-01', tz);
      expect(iso(start)).toBe(expected);
      expect(start % BUCKET_MS).toBe(0);
    }
  });

  it('local hour of a bucket follows the offset, DST days included', () => {
    const ny = localHourOfBucket('America/New_York');
    expect(ny(Date.parse('2026-03-08T06:59:00Z') / BUCKET_MS)).toBe(1);
    expect(ny(Date.parse('2026-03-08T07:00:00Z') / BUCKET_MS)).toBe(3);
    expect(localHourOfBucket('Asia/Kolkata')(Date.parse('2026-03-01T18:30:00Z') / BUCKET_MS)).toBe(0);
  });

  it('validates zone names', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('../../etc/passwd')).toBeNull();
  });
});

describe('report ranges', () => {
  const now = Date.parse('2026-03-10T03:00:00Z');

  it('defaults to the 30 local days ending today in tz (the clock decides "today")', () => {
    const utc = resolveRange({}, now);
    expect([utc.from, utc.to, utc.dates.length]).toEqual(['2026-02-09', '2026-03-10', 30]);
    // 03:00Z is still the 9th in New York.
    const ny = resolveRange({ tz: 'America/New_York' }, now);
    expect([ny.from, ny.to]).toEqual(['2026-02-08', '2026-03-09']);
  });

  it('rejects unknown zones, non-dates, reversed and over-long ranges with validation_failed', () => {
    for (const query of [{ tz: 'Nowhere/Land' }, { from: '2026-02-30' }, { to: 'yesterday' }, { from: '2026-03-10', to: '2026-03-01' }, { from: '2024-01-01', to: '2026-01-01' }]) {
      let error: unknown;
      try {
        resolveRange(query, now);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation_failed');
    }
  });

  it('splits buckets into local days at local midnight', () => {
    const range = resolveRange({ tz: 'America/New_York', from: '2026-03-07', to: '2026-03-09' }, now);
    const at = (s: string) => ({ bucket: Date.parse(s) / BUCKET_MS, n: 1 });
    const rows = [at('2026-03-08T04:45:00Z'), at('2026-03-08T05:00:00Z'), at('2026-03-09T03:45:00Z'), at('2026-03-09T04:00:00Z')];
    expect(sumPerDay(range, rows, (r) => [r.n]).map((d) => d[0] ?? 0)).toEqual([1, 2, 1]);
  });
});
