// The scans page's URL search: the period in days. Apart from the page so the router can validate
// it without loading the page's lazy chunk (and uPlot with it).
import { RANGE_DAYS, type RangeDays } from '../api/analytics.ts';

/** Reads the range (days) from the URL: 7, 30 (the default, left out) or 90. */
export function parseScansSearch(search: Record<string, unknown>): { days?: RangeDays } {
  const days = RANGE_DAYS.find((d) => String(d) === String(search.days));
  return days === undefined || days === 30 ? {} : { days };
}
