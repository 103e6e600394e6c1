// One breakdown (countries, devices…) as a short ranked list with a bar per row.
import { useQuery } from '@tanstack/react-query';
import { type BreakdownPath, breakdownQuery, type ReportRange } from '../api/analytics.ts';
import { errorText } from '../api/field-errors.ts';
import { Card, Skeleton } from '../components/ui/misc.tsx';
import { formatCount } from '../lib/dates.ts';
import { percent, valueLabel } from './labels.ts';

/** Rows shown; the rest are summed into "Others". */
const TOP = 5;

export function BreakdownCard({ campaignId, path, title, range }: { campaignId: string; path: BreakdownPath; title: string; range: ReportRange }) {
  const report = useQuery(breakdownQuery(campaignId, path, range));
  const id = `breakdown-${path}`;
  let body: React.ReactNode;
  if (report.isPending) {
    body = (
      <div aria-hidden="true" className="space-y-3">
        {['first', 'second', 'third'].map((row) => (
          <Skeleton key={row} className="h-5 w-full" />
        ))}
      </div>
    );
  } else if (report.isError) {
    body = <p className="text-[13px] text-red-700 dark:text-red-300">{errorText(report.error)}</p>;
  } else if (report.data.total === 0) {
    body = <p className="text-[13px] text-zinc-500 dark:text-zinc-400">No scans in this period.</p>;
  } else {
    const { total } = report.data;
    // Devices and systems come as fixed lists with zeros; only what was scanned is shown.
    const rows = report.data.rows.filter((r) => r.scans > 0);
    const shown = rows.slice(0, TOP);
    const rest = rows.slice(TOP).reduce((n, r) => n + r.scans, 0);
    const items =
      rest > 0
        ? [...shown.map((r) => ({ label: valueLabel(path, r.value), scans: r.scans, share: r.share })), { label: 'Others', scans: rest, share: rest / total }]
        : shown.map((r) => ({ label: valueLabel(path, r.value), scans: r.scans, share: r.share }));
    // Every scan without a country: nothing on the server supplies one (no proxy country header,
    // no GeoIP database), which a row of "Unknown 100%" alone does not tell anyone.
    const noCountries = path === 'countries' && rows.every((r) => r.value === null);
    body = (
      <>
        <ul aria-labelledby={id} className="space-y-2.5">
          {items.map((item) => (
            <li key={item.label} className="text-[13px]">
              <div className="flex items-baseline justify-between gap-3">
                <span className="min-w-0 truncate">{item.label}</span>
                <span className="tabular shrink-0 text-zinc-600 dark:text-zinc-400">
                  {formatCount(item.scans)} <span className="text-zinc-500 dark:text-zinc-400">· {percent(item.share)}</span>
                </span>
              </div>
              <div aria-hidden="true" className="mt-1 h-1.5 rounded-full bg-zinc-100 dark:bg-zinc-800">
                <div className="h-1.5 rounded-full bg-accent" style={{ width: `${Math.max(1, Math.round(item.share * 100))}%` }} />
              </div>
            </li>
          ))}
        </ul>
        {noCountries && (
          <p className="mt-3 text-[13px] text-zinc-600 dark:text-zinc-400">
            No scan came with a country. Whoever runs this Tessera server can add a country lookup (a GeoIP database, or the country header of a CDN); see “Operating Tessera” in its documentation.
          </p>
        )}
      </>
    );
  }
  return (
    <Card className="p-5">
      <h3 id={id} className="mb-4 text-sm font-semibold">
        {title}
      </h3>
      {body}
    </Card>
  );
}
