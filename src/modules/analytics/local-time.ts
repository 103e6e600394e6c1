// Calendar arithmetic in an IANA time zone, on top of Intl (no tz database of our own). Rollups
// are kept in 15-minute UTC buckets, and every zone in use today has an offset that is a whole
// multiple of 15 minutes, so local days and hours cut out of buckets are exact (ADR 0007).
import { BUCKET_MS } from '../../db/scan-rollups.ts';

const MS_PER_DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

/** The canonical name of an IANA zone, or null when Intl does not know it. */
export function canonicalTimeZone(tz: string): string | null {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(tz)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, tz: string): LocalParts {
  const out: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms))) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out as unknown as LocalParts;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function offsetAt(ms: number, tz: string): number {
  const p = localParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The local calendar date ('YYYY-MM-DD') of an instant. */
export function localDate(ms: number, tz: string): string {
  const p = localParts(ms, tz);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The local date and time of an instant to the second, 'YYYY-MM-DD HH:MM:SS': what spreadsheets read as a date. */
export function localDateTime(ms: number, tz: string): string {
  const p = localParts(ms, tz);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${localDate(ms, tz)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/** Parses 'YYYY-MM-DD' into a UTC-midnight timestamp, or null when it is not a real date. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : null;
}

/** The date `days` after 'YYYY-MM-DD' (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(parseDate(date)! + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDate(to)! - parseDate(from)!) / MS_PER_DAY);
}

/** The first instant of a local date: local midnight, or the end of a DST gap that swallowed it. */
export function startOfLocalDay(date: string, tz: string): number {
  const naive = parseDate(date);
  if (naive === null) throw new RangeError(`not a date: ${date}`);
  // Two guesses cover an offset change between the naive instant and the real midnight; the
  // earliest candidate that is already on `date` is its start.
  const first = naive - offsetAt(naive, tz);
  const second = naive - offsetAt(first, tz);
  const candidates = [first, second].filter((t) => localDate(t, tz) === date).sort((a, b) => a - b);
  if (candidates.length > 0) {
    // A gap at midnight puts the candidate past the start; step back while still on `date`.
    let t = candidates[0]!;
    while (localDate(t - BUCKET_MS, tz) === date) t -= BUCKET_MS;
    return t;
  }
  // Midnight skipped: walk forward to the first instant on `date`, or past it. Samoa and Tokelau
  // skipped all of 30 December 2011 (from the 29th straight to the 31st): that day starts where
  // the next one does and holds nothing, where waiting to reach it never ended and held the
  // event loop (one report with tz=Pacific/Apia stopped the whole server).
  let t = Math.min(first, second);
  while (localDate(t, tz) < date) t += BUCKET_MS;
  return t;
}

// Day starts are a pure function of (zone, date): remembered, since every report asks for the
// same few dozen days and Intl lookups cost microseconds each.
const dayStarts = new Map<string, number>();

function cachedStartOfLocalDay(date: string, tz: string): number {
  const key = `${tz} ${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size >= 50_000) dayStarts.clear();
    start = startOfLocalDay(date, tz);
    dayStarts.set(key, start);
  }
  return start;
}

/** Start instants of `count + 1` consecutive local days from `from`: day i is [starts[i], starts[i+1]). */
export function localDayStarts(from: string, count: number, tz: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i <= count; i++) starts.push(cachedStartOfLocalDay(addDays(from, i), tz));
  return starts;
}

/** Maps a bucket to its local hour (0–23); one Intl lookup pair per UTC day unless the offset changes that day. */
export function localHourOfBucket(tz: string): (bucket: number) => number {
  const dayOffsets = new Map<number, number | null>();
  return (bucket: number) => {
    const ms = bucket * BUCKET_MS;
    const day = Math.floor(ms / MS_PER_DAY);
    let offset = dayOffsets.get(day);
    if (offset === undefined) {
      const atStart = offsetAt(day * MS_PER_DAY, tz);
      // null marks a day with an offset change (DST): look each bucket up on its own.
      offset = atStart === offsetAt((day + 1) * MS_PER_DAY - 1, tz) ? atStart : null;
      dayOffsets.set(day, offset);
    }
    const local = ms + (offset ?? offsetAt(ms, tz));
    return Math.floor((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 3_600_000);
  };
}
