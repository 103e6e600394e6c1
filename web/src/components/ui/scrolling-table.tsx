// A table that may be wider than the screen (form answers, a statement's bookings): it scrolls
// sideways inside its card, not the page, and the scrolling region takes focus so the keyboard
// can scroll it too. Rows are the caller's; the header is drawn from `columns`.
import type { ReactNode } from 'react';
import { cn } from './cn.ts';

export interface Column {
  key: string;
  title: ReactNode;
  /** Right-aligned (amounts, counts). */
  numeric?: boolean;
  /** Classes of the header cell, e.g. to hide a column the rows show elsewhere on small screens. */
  className?: string;
}

export function ScrollingTable({
  label,
  labelledBy,
  columns,
  className,
  children,
}: {
  label?: string;
  labelledBy?: string;
  columns: readonly Column[];
  /** Classes of the scrolling region, e.g. to show the rows another way on small screens. */
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take focus to be scrolled by keyboard
    <section tabIndex={0} aria-label={label} aria-labelledby={labelledBy} className={cn('overflow-x-auto focus-visible:outline-2 focus-visible:outline-accent', className)}>
      <table className="w-full text-left text-[13px]">
        <thead className="bg-zinc-50 text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={cn('px-4 py-2 font-medium whitespace-nowrap', c.numeric && 'text-right', c.className)}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
    </section>
  );
}
