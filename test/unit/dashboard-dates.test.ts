// Dates as people read them: a 12-hour clock has no leading zero ("3:49 PM", not "03:49 PM"); a
// 24-hour clock keeps its two digits ("09:05").
import { describe, expect, it } from 'vitest';
import { calendarDate, relativeTime } from '../../web/src/lib/dates.ts';

describe('relativeTime', () => {
  const now = new Date(2026, 2, 10, 12, 0).getTime();
  const tomorrow = new Date(2026, 2, 11, 15, 49).getTime();
  const early = new Date(2026, 2, 9, 9, 5).getTime();

  it('writes the hour without a leading zero on a 12-hour clock', () => {
    expect(relativeTime(tomorrow, now, 'en-US')).toMatch(/^tomorrow at 3:49\sPM$/);
    expect(relativeTime(early, now, 'en-US')).toMatch(/^yesterday at 9:05\sAM$/);
  });

  it('keeps a 24-hour clock as people write it', () => {
    expect(relativeTime(early, now, 'en-GB')).toBe('yesterday at 09:05');
  });
});

describe('calendarDate', () => {
  it('writes a booking date as people read it, on the day it names in every time zone', () => {
    expect(calendarDate('2026-11-20', 'en-US')).toBe('Nov 20, 2026');
    expect(calendarDate('2026-11-20', 'de-DE')).toBe('20.11.2026');
    expect(calendarDate('2026-01-01', 'en-GB')).toBe('1 Jan 2026');
  });

  it('leaves anything that is not a calendar date as it is', () => {
    expect(calendarDate('sometime', 'en-US')).toBe('sometime');
  });
});
