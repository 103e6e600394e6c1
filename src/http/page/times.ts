// Times as a visitor reads them. The server does not know the visitor's time zone, so it writes
// a relative phrase ("in 2 hours") and the exact time in UTC with the zone named; the page
// script rewrites both in the visitor's own zone (and keeps the phrase current) when it runs.
import { html, type SafeHtml } from '../html.ts';
import { toIso } from '../iso.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The options of the exact time; page-script.js uses the same ones (its EXACT) in the visitor's zone. */
export const EXACT_TIME_OPTIONS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

/** `at` relative to `now` in words ("in 2 hours", "3 minutes ago", "tomorrow"). */
export function relativeTime(lang: string, at: number, now: number): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (abs < MINUTE) return format.format(Math.round(diff / 1000), 'second');
  if (abs < HOUR) return format.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return format.format(Math.round(diff / HOUR), 'hour');
  // Days by the calendar of the exact time written beside it (UTC here): "tomorrow" must name the
  // date shown, where rounding hours said it of 01:00 the day after tomorrow when read at 23:00.
  return format.format(Math.floor(at / DAY) - Math.floor(now / DAY), 'day');
}

/** The exact time in UTC, the zone named ("2 Dec 2026, 18:41 UTC"). */
export function exactTimeUtc(lang: string, at: number): string {
  return new Intl.DateTimeFormat(lang, { ...EXACT_TIME_OPTIONS, timeZone: 'UTC' }).format(at);
}

/** A `<time>` element: the relative phrase and the exact time, both rewritten by the page script in the visitor's zone. */
export function timeElement(lang: string, at: number, now: number): SafeHtml {
  return html`<time datetime="${toIso(at)}" data-time><span data-relative>${relativeTime(lang, at, now)}</span> <span class="exact">(<span data-exact>${exactTimeUtc(lang, at)}</span>)</span></time>`;
}
