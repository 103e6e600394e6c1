// An event's figures at the door, refreshed every few seconds: who is inside, how many of the
// tickets got in, how many scans were turned away and why, and each gate's share.
import { useQuery } from '@tanstack/react-query';
import { doorSummaryQuery } from '../api/checkins.ts';
import { errorText } from '../api/field-errors.ts';
import type { CheckinSummary } from '../api/types.ts';
import { Alert, Card, Skeleton } from '../components/ui/misc.tsx';
import { Stat } from '../components/ui/stat.tsx';
import { formatCount, relativeTime } from '../lib/dates.ts';
import { useDoorApi } from './door-api.tsx';
import { reasonTitle } from './verdict.ts';

function Refusals({ summary }: { summary: CheckinSummary }) {
  // Reasons the steward reads alike ("Not a ticket" for a stranger's link and an unknown code) are one row.
  const byTitle = new Map<string, number>();
  for (const r of summary.checkins.refusal_reasons) byTitle.set(reasonTitle(r.reason), (byTitle.get(reasonTitle(r.reason)) ?? 0) + r.count);
  const reasons = [...byTitle].map(([title, count]) => ({ title, count })).sort((a, b) => b.count - a.count);
  if (reasons.length === 0) return null;
  return (
    <Card className="p-4">
      <h2 className="text-[13px] font-medium text-zinc-600 dark:text-zinc-400">Refused, by reason</h2>
      <ul className="mt-2 space-y-1 text-sm">
        {reasons.map((r) => (
          <li key={r.title} className="flex justify-between gap-4">
            <span>{r.title}</span>
            <span className="tabular">{formatCount(r.count)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Gates({ summary }: { summary: CheckinSummary }) {
  if (summary.scanners.length === 0) return null;
  return (
    <Card className="p-4">
      <h2 className="text-[13px] font-medium text-zinc-600 dark:text-zinc-400">By gate</h2>
      <ul className="mt-2 space-y-1 text-sm">
        {summary.scanners.map((s) => (
          <li key={s.scanner_id ?? ''} className="flex justify-between gap-4">
            <span className="min-w-0 truncate">{s.scanner_id ?? 'No gate name'}</span>
            <span className="tabular shrink-0">
              {formatCount(s.admissions)} in{s.exits > 0 && ` · ${formatCount(s.exits)} out`}
              {s.refusals > 0 && ` · ${formatCount(s.refusals)} refused`}
            </span>
          </li>
        ))}
      </ul>
      {summary.scanners_truncated && <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">Only the busiest gates are listed.</p>}
    </Card>
  );
}

export function DoorFigures({ batchId }: { batchId: string }) {
  const summary = useQuery(doorSummaryQuery(useDoorApi(), batchId));
  if (summary.isError && !summary.data) return <Alert title="The figures could not be loaded">{errorText(summary.error)}</Alert>;
  if (!summary.data)
    return (
      <div role="status" aria-busy="true" aria-label="Loading the figures" className="grid grid-cols-2 gap-3">
        {['inside', 'admitted', 'out', 'refused'].map((k) => (
          <Skeleton key={k} className="h-24" />
        ))}
      </div>
    );
  const { tickets, checkins } = summary.data;
  return (
    <section aria-label="Figures" className="space-y-3">
      {summary.isRefetchError && (
        <p role="status" className="rounded-lg bg-amber-400 px-3 py-2 text-sm text-zinc-950">
          Not updating: Tessera cannot be reached. These figures are from <time dateTime={new Date(summary.dataUpdatedAt).toISOString()}>{relativeTime(summary.dataUpdatedAt)}</time>.
        </p>
      )}
      <dl className="grid grid-cols-2 gap-3">
        <Stat label="Inside now" value={formatCount(tickets.inside)} hint="Admitted and not checked out" />
        <Stat label="Admitted" value={formatCount(tickets.admitted)} hint={`of ${formatCount(tickets.total)} ${tickets.total === 1 ? 'ticket' : 'tickets'}`} />
        <Stat label="Checked out" value={formatCount(checkins.exits)} hint="Exits recorded" />
        <Stat label="Refused" value={formatCount(checkins.refusals)} hint="Scans not admitted or checked out" />
      </dl>
      <Refusals summary={summary.data} />
      <Gates summary={summary.data} />
    </section>
  );
}
