// Small presentational pieces shared by every page.
import type { ReactNode } from 'react';
import { exactTime, relativeTime } from '../../lib/dates.ts';
import { cn } from './cn.ts';

/** A placeholder in the shape of content that is loading. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-zinc-200/70 dark:bg-zinc-800', className)} />;
}

/** What an empty list is for, and the first thing to do. */
export function EmptyState({ icon, title, children, actions }: { icon: ReactNode; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-col items-center rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-14 text-center dark:border-zinc-700 dark:bg-zinc-900">
      <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-accent-soft text-accent-ink [&_svg]:size-5" aria-hidden="true">
        {icon}
      </div>
      <h2 className="text-base font-semibold">{title}</h2>
      <div className="mt-1.5 max-w-sm text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{children}</div>
      {actions && <div className="mt-5 flex flex-wrap justify-center gap-2">{actions}</div>}
    </div>
  );
}

const badgeTones = {
  neutral: 'bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700',
  accent: 'bg-accent-soft text-accent-ink ring-violet-200 dark:ring-violet-900',
  success: 'bg-green-50 text-green-800 ring-green-200 dark:bg-green-950 dark:text-green-300 dark:ring-green-900',
  danger: 'bg-red-50 text-red-700 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-900',
  warning: 'bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-900',
} as const;

/** A small label: type, status. */
export function Badge({ tone = 'neutral', children }: { tone?: keyof typeof badgeTones; children: ReactNode }) {
  return <span className={cn('inline-flex shrink-0 items-center rounded-md px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', badgeTones[tone])}>{children}</span>;
}

/** A date as people read it; the exact time on hover and focus. */
export function Time({ value }: { value: string }) {
  const exact = exactTime(value);
  return (
    <time dateTime={value} title={exact} tabIndex={0} className="tabular rounded-sm whitespace-nowrap" aria-label={`${relativeTime(value)} (${exact})`}>
      {relativeTime(value)}
    </time>
  );
}

/**
 * The layout of a page's title row: the title side takes the room left and wraps a long name
 * (even one without spaces); the actions keep their natural width, and move below the title
 * when both do not fit on one line, instead of being squeezed into a column.
 */
export const pageHeaderClass = {
  row: 'mb-6 flex flex-col gap-4 sm:flex-row sm:flex-wrap sm:items-end sm:justify-between',
  title: 'min-w-0 sm:flex-[1_1_16rem] [overflow-wrap:anywhere]',
  actions: 'flex max-w-full shrink-0 flex-wrap items-center gap-2',
} as const;

/** A page's title row with its main actions. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className={pageHeaderClass.row}>
      <div className={pageHeaderClass.title}>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>}
      </div>
      {actions && <div className={pageHeaderClass.actions}>{actions}</div>}
    </div>
  );
}

/** An error that belongs to a whole form or page, with what to do. */
export function Alert({ tone = 'danger', title, children }: { tone?: 'danger' | 'info'; title?: string; children: ReactNode }) {
  return (
    <div
      role={tone === 'danger' ? 'alert' : 'status'}
      className={cn(
        'rounded-lg border px-4 py-3 text-sm',
        tone === 'danger'
          ? 'border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200'
          : 'border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300',
      )}
    >
      {title && <p className="font-medium">{title}</p>}
      <div className={title ? 'mt-1' : ''}>{children}</div>
    </div>
  );
}

/** A card: a 1 px border and a subtle radius. */
export function Card({ className, children }: { className?: string; children: ReactNode }) {
  return <div className={cn('rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900', className)}>{children}</div>;
}
