// One group of a reconciliation report as a table: when each credit was booked, how much, the
// reference it carried, who sent it, and what happened (the server's reason, in its words).
import type { ReportLine } from '../api/payments.ts';
import { Badge, Card } from '../components/ui/misc.tsx';
import { calendarDate } from '../lib/dates.ts';
import { ScrollingTable } from '../components/ui/scrolling-table.tsx';
import { money } from './labels.ts';
import type { ReportGroup } from './report-groups.ts';

const amountOf = (line: ReportLine) => (line.amount !== null && line.amount !== undefined && line.currency ? money({ amount: line.amount, currency: line.currency }) : '—');

const COLUMNS = [
  { key: 'booked', title: 'Booked' },
  { key: 'amount', title: 'Amount', numeric: true },
  { key: 'reference', title: 'Reference' },
  { key: 'from', title: 'From' },
  { key: 'what', title: 'What happened' },
];

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
      <ScrollingTable labelledBy={headingId} columns={COLUMNS}>
        {group.lines.map((line, i) => (
          // A batched booking's transfers share its entry id, and the report never reorders: the position completes the key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <tr key={`${line.entry_id ?? ''}:${i}`}>
            <td className="px-4 py-2 whitespace-nowrap">{line.booking_date ? <time dateTime={line.booking_date}>{calendarDate(line.booking_date)}</time> : '—'}</td>
            <td className="tabular px-4 py-2 text-right whitespace-nowrap">{amountOf(line)}</td>
            <td className="px-4 py-2 font-mono break-all">{line.reference ?? '—'}</td>
            <td className="px-4 py-2">{line.debtor_name ?? '—'}</td>
            <td className="min-w-56 px-4 py-2 text-zinc-700 dark:text-zinc-300">{line.reason ?? '—'}</td>
          </tr>
        ))}
      </ScrollingTable>
    </Card>
  );
}
