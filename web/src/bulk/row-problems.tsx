// What checking a bulk list found, row by row: the rows the server refused (errors: nothing is
// created until they are fixed) and the rows that repeat an earlier link (a warning: each still
// gets its own code).
import { AlertTriangle } from 'lucide-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { Alert } from '../components/ui/misc.tsx';
import { formatCount } from '../lib/dates.ts';
import type { RowErrors } from './bulk-run.ts';
import type { BulkRow, DuplicateRow } from './parse-rows.ts';

// A pasted link can be thousands of characters without a space: it wraps anywhere, clipped to
// three lines, so what is said about it stays in view.
const list = 'mt-2 max-h-72 min-w-0 space-y-1.5 overflow-y-auto pr-2 [overflow-wrap:anywhere]';

function words(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function Link({ url, className }: { url: string; className: string }) {
  return url ? (
    <span title={url} className={`line-clamp-3 break-all ${className}`}>
      {url}
    </span>
  ) : null;
}

/** The refused rows. `created` tells whether a creation was refused, or only a check. */
/** `asked` counts presses of Create while these rows are known to be refused: each brings focus back here. */
export function RowErrorList({ rows, errors, created, asked = 0 }: { rows: BulkRow[]; errors: RowErrors; created: boolean; asked?: number }) {
  // "1 of 50 rows needs fixing": the verb agrees with the count, not with "rows".
  const count = `${formatCount(errors.rows.length)} of ${formatCount(rows.length)} rows ${errors.rows.length === 1 ? 'needs' : 'need'} fixing`;
  // Focus moves here on every new refusal, as the campaign editor's summary does: the button
  // pressed keeps nothing to say, and a screen reader reads what the check found.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.rows.length > 0 || asked > 0) box.current?.focus();
  }, [errors, asked]);
  return (
    <div ref={box} tabIndex={-1} className="rounded-lg focus:outline-none">
      <Alert title={created ? `${count}; nothing was created` : `${count} before anything can be created`}>
        <ul className={list} data-testid="row-errors">
          {errors.rows.map(({ index, message }) => (
            <li key={`${index}-${message}`} className="min-w-0 text-[13px]">
              <span className="font-medium">{rows[index] ? words(rows[index].source) : `Row ${index + 1}`}</span>
              <Link url={rows[index]?.url ?? ''} className="text-red-900/80 dark:text-red-200/80" />
              <span className="block">{message}</span>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}

// A warning about some rows: each still gets its code.
function RowWarning({ title, advice, testId, children }: { title: string; advice: string; testId: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid={testId}>
      <p className="flex items-center gap-2 font-medium">
        <AlertTriangle aria-hidden="true" className="size-4 shrink-0 text-amber-600 dark:text-amber-400" />
        <span>
          <span className="sr-only">Warning: </span>
          {title}
        </span>
      </p>
      <p className="mt-1 text-[13px]">{advice}</p>
      <ul className={list}>{children}</ul>
    </div>
  );
}

/** The rows that repeat an earlier row's link, each named with the row it repeats. */
export function DuplicateRowList({ rows, duplicates }: { rows: BulkRow[]; duplicates: DuplicateRow[] }) {
  if (duplicates.length === 0) return null;
  return (
    <RowWarning
      testId="row-duplicates"
      title={duplicates.length === 1 ? '1 row repeats a link' : `${formatCount(duplicates.length)} rows repeat a link`}
      advice="Each row still gets a code of its own. Remove the repeats if you meant one code per link."
    >
      {duplicates.map(({ index, first }) => (
        <li key={index} className="min-w-0 text-[13px]">
          <span className="font-medium">
            {words(rows[index]?.source ?? `row ${index + 1}`)}: the same link as {rows[first]?.source ?? `row ${first + 1}`}
          </span>
          <Link url={rows[index]?.url ?? ''} className="text-amber-900/80 dark:text-amber-200/80" />
        </li>
      ))}
    </RowWarning>
  );
}

/** Pasted lines with a comma: each is shown as read (link, and name when split), for the person to check. */
export function CommaRowList({ rows }: { rows: BulkRow[] }) {
  if (rows.length === 0) return null;
  return (
    <RowWarning
      testId="row-commas"
      title={rows.length === 1 ? '1 line has a comma: check where its link ends' : `${formatCount(rows.length)} lines have a comma: check where their links end`}
      advice="A comma can be part of a link. A line with a space is split at the last comma before it: the rest is the code's name. To say it for sure, put a tab between link and name (as a spreadsheet copies them), or start the list with a header line: url,name."
    >
      {rows.map((row) => (
        <li key={row.source} className="min-w-0 text-[13px]">
          <span className="font-medium">
            {words(row.source)}
            {row.name ? `: named ${row.name}` : ''}
          </span>
          <Link url={row.url} className="text-amber-900/80 dark:text-amber-200/80" />
        </li>
      ))}
    </RowWarning>
  );
}
