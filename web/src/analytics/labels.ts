// How report values read on screen: country codes as names in the viewer's language, the API's
// device types in plain words, and a word for what the scan did not tell.
import type { BreakdownPath } from '../api/analytics.ts';

const DEVICE_TYPES: Record<string, string> = { mobile: 'Phone', tablet: 'Tablet', desktop: 'Computer', other: 'Other' };

let regions: Intl.DisplayNames | null | undefined;
function regionName(code: string): string {
  regions ??= typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, { type: 'region' }) : null;
  try {
    return regions?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The label of a breakdown value (null: the scan did not say). */
export function valueLabel(path: BreakdownPath, value: string | null): string {
  if (value === null || value === '') return 'Unknown';
  if (path === 'countries') return regionName(value);
  if (path === 'device-types') return DEVICE_TYPES[value] ?? value;
  // The classifier's word for a system or browser it does not name, capitalised like the names beside it.
  if (value === 'other') return 'Other';
  return value;
}

/** A local date (YYYY-MM-DD) as people read it: "Tue, 1 Dec". */
export function dayLabel(date: string, options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' }): string {
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** A share (0–1) as a whole percentage, "<1 %" for a sliver. */
export function percent(share: number): string {
  if (share > 0 && share < 0.005) return '<1%';
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
