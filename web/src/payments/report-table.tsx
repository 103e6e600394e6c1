// One group of a reconciliation report as a table: when each credit was booked, how much, the
// reference it carried, who sent it, and what happened (the server's reason, in its words).
import type { ReportLine } from '../api/payments.ts';
import { Badge, Card } from '../components/ui/misc.tsx';
import { money } from './labels.ts';
import type { ReportGroup } from './report-groups.ts';

const amountOf = (line: ReportLine) => (line.amount !== null && line.amount !== undefined && line.currency ? money({ amount: line.amount, currency: line.currency }) : '—');

export function ReportGroupTable({ group }: { group: ReportGroup }) {
  const headingId = `report-${group.key}`;
  return (
    <Card className="overflow-hidden">
      <div className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h3 id={headingId} className="flex items-center gap-2 text-sm font-semibold">
          {group.title} <Badge tone={group.tone}>{group.lines.length.toLocaleString()}</Badge>
        </h3>
        <p className="mt-0.5 text-[13px] text-zinc-600 dark:text-zinc-400">{group.explanation}</p>
      </div>
      {/* Wide on a phone: the table scrolls inside its card; focusable so the keyboard can scroll it. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard */}
      <section tabIndex={0} aria-labelledby={headingId} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-accent">
        <table className="w-full text-left text-[13px]">
          <thead className="bg-zinc-50 text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                Booked
              </th>
              <th scope="col" className="px-4 py-2 text-right font-medium whitespace-nowrap">
                Amount
              </th>
              <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                Reference
              </th>
              <th scope="col" className="px-4 py-2 font-medium whitespace-nowrap">
                From
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                What happened
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {group.lines.map((line, i) => (
              <tr key={`${line.entry_id ?? ''}:${i}`}>
                <td className="px-4 py-2 whitespace-nowrap">{line.booking_date ?? '—'}</td>
                <td className="tabular px-4 py-2 text-right whitespace-nowrap">{amountOf(line)}</td>
                <td className="px-4 py-2 font-mono break-all">{line.reference ?? '—'}</td>
                <td className="px-4 py-2">{line.debtor_name ?? '—'}</td>
                <td className="min-w-56 px-4 py-2 text-zinc-700 dark:text-zinc-300">{line.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Card>
  );
}
