// Dates as people read them, in the viewer's time zone and locale: "5 minutes ago", "yesterday at
// 14:05", "in 2 hours", "12 Mar 2026"; the exact time for hover and focus.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The time of day as the locale writes it: "3:49 PM" on a 12-hour clock (no leading zero), "09:05" on a 24-hour one. */
function clockTime(t: number, locale?: string): string {
  const { hourCycle } = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
  const twelve = hourCycle === 'h11' || hourCycle === 'h12';
  return new Intl.DateTimeFormat(locale, { hour: twelve ? 'numeric' : '2-digit', minute: '2-digit' }).format(t);
}

/** A short relative description of `value` seen at `now`. */
export function relativeTime(value: string | number | Date, now: number = Date.now(), locale?: string): string {
  const t = new Date(value).getTime();
  const diff = t - now;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < MINUTE) return diff <= 0 ? 'just now' : 'in a moment';
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute');
  const days = Math.round((startOfDay(t) - startOfDay(now)) / DAY);
  const time = clockTime(t, locale);
  if (days === 0) return abs < 6 * HOUR ? rtf.format(Math.round(diff / HOUR), 'hour') : `today at ${time}`;
  if (Math.abs(days) === 1) return `${rtf.format(days, 'day')} at ${time}`;
  if (days < 0 && days > -7) return `${new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(t)} at ${time}`;
  if (days > 0 && days < 7) return rtf.format(days, 'day');
  const sameYear = new Date(t).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(t);
}

/** A time to come back at: "08:42 today", "08:42 tomorrow", "08:42 on Tuesday", "08:42 on 15 Dec" (with the year when not this one). */
export function clockAndDay(value: string | number | Date, now: number = Date.now(), locale?: string): string {
  const t = new Date(value).getTime();
  const time = clockTime(t, locale);
  const days = Math.round((startOfDay(t) - startOfDay(now)) / DAY);
  if (days === 0) return `${time} today`;
  if (days === 1) return `${time} tomorrow`;
  if (days > 1 && days < 7) return `${time} on ${new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(t)}`;
  const sameYear = new Date(t).getFullYear() === new Date(now).getFullYear();
  return `${time} on ${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(t)}`;
}

/** The full date and time, for tooltips. */
export function exactTime(value: string | number | Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(value));
}

/**
 * A calendar date without a time ("2026-11-20", as a bank statement books it) as the viewer writes
 * dates: "Nov 20, 2026", "20.11.2026". Read as UTC so no time zone moves it to the day before.
 * Anything that is not such a date is returned as it is.
 */
export function calendarDate(value: string, locale?: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A count with the viewer's thousands separators. */
export function formatCount(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of an `<input type="datetime-local">`, in the viewer's zone ('' for none). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (the viewer's zone) as an ISO instant; null when empty or unreadable. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}
