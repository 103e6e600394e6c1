// The chart's numbers as a table, folded away: for screen readers and for anyone who wants the figures.
import { formatCount } from '../lib/dates.ts';
import { dayLabel } from './labels.ts';
import type { Day } from './scans-chart.tsx';

export function ScansTable({ days }: { days: readonly Day[] }) {
  return (
    <details className="mt-3 text-[13px]">
      <summary className="cursor-pointer rounded text-zinc-600 max-sm:py-3.5 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">Show the numbers</summary>
      <div className="mt-2">
        <table className="w-full text-left">
          <caption className="sr-only">Scans and unique visitors per day, newest first</caption>
          <thead className="text-zinc-500 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-1 font-medium">
                Day
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Scans
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Unique visitors
              </th>
            </tr>
          </thead>
          <tbody className="tabular divide-y divide-zinc-100 dark:divide-zinc-800">
            {[...days].reverse().map((d) => (
              <tr key={d.date}>
                <th scope="row" className="py-1 font-normal">
                  {dayLabel(d.date, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })}
                </th>
                <td className="py-1 text-right">{formatCount(d.scans)}</td>
                <td className="py-1 text-right">{formatCount(d.unique_scans)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
