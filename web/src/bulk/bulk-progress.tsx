// Where a bulk run is: checking, creating, drawing images, packing.
import { formatCount } from '../lib/dates.ts';
import type { BulkProgress } from './bulk-run.ts';

export function ProgressBar({ progress, live }: { progress: BulkProgress; live: boolean }) {
  const [value, label] =
    progress.phase === 'checking'
      ? [5, 'Checking every link…']
      : progress.phase === 'creating'
        ? [15, `Creating ${formatCount(progress.total)} ${live ? 'tickets' : 'codes'}…`]
        : progress.phase === 'rendering'
          ? [15 + Math.round((progress.done / progress.total) * 75), `Drawing images: ${formatCount(progress.done)} of ${formatCount(progress.total)}`]
          : [95, 'Packing the ZIP…'];
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium" id="bulk-progress-label">
        {label}
      </p>
      <div
        role="progressbar"
        aria-labelledby="bulk-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        className="h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
      >
        <div className="h-full rounded-full bg-accent transition-[width] duration-300" style={{ width: `${value}%` }} />
      </div>
    </div>
  );
}
