// Today's date in the viewer's zone, for reports that end "today". A scans page left open past
// midnight kept asking for the old period every 30 s: the new day's scans never showed, while the
// page said its figures were current.
import { useEffect, useState } from 'react';
import { localDate, SCANS_REFRESH_MS } from '../api/analytics.ts';

/** The viewer's local date (YYYY-MM-DD), re-read as often as the reports refresh. */
export function useToday(): string {
  const [today, setToday] = useState(() => localDate());
  useEffect(() => {
    // An interval, not a timer for midnight: a laptop waking from sleep or a DST change needs no arithmetic.
    const timer = setInterval(() => setToday(localDate()), SCANS_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return today;
}
