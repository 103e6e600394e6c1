// The code, large, on white with its quiet zone (a checkerboard shows through a transparent
// background), and the engine's lint under it with the reason and a one-click fix.
import { AlertTriangle, CheckCircle2, Info, XCircle } from 'lucide-react';
import type { DesignConfig } from '../api/types.ts';
import { designMessage } from '../campaigns/field-names.ts';
import { Button } from '../components/ui/button.tsx';
import { cn } from '../components/ui/cn.ts';
import type { Issue, Preview } from './engine.ts';
import { fixFor, issueMessage, issueTitle } from './fixes.ts';

/** The SVG as an image source: the exact document, so a saved campaign's preview equals the server's render. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function QrPreview({ preview, lastSvg, transparent, label }: { preview: Preview; lastSvg: string | null; transparent: boolean; label: string }) {
  const svg = preview.svg ?? lastSvg;
  return (
    <div
      className={cn(
        'relative flex aspect-square w-full items-center justify-center overflow-hidden rounded-lg border border-zinc-200 p-4 dark:border-zinc-700',
        transparent ? 'checkerboard' : 'bg-white',
      )}
    >
      {svg ? (
        <img
          src={svgDataUri(svg)}
          alt={label}
          data-testid="qr-preview"
          data-state={preview.svg ? 'live' : 'stale'}
          className={cn('max-h-full max-w-full object-contain transition-opacity', !preview.svg && 'opacity-25 grayscale')}
        />
      ) : (
        <p className="text-sm text-zinc-500">No preview yet</p>
      )}
      {!preview.svg && (
        <div className="absolute inset-x-6 top-1/2 -translate-y-1/2 rounded-lg border border-red-200 bg-white/95 px-4 py-3 text-center text-sm font-medium text-red-800 shadow-sm">
          This design would not scan. Fix what is listed below.
        </div>
      )}
    </div>
  );
}

function IssueRow({
  issue,
  severity,
  version,
  design,
  onChange,
  disabled,
}: {
  issue: Issue;
  severity: 'error' | 'warning' | 'info';
  version: number | null;
  design: DesignConfig;
  onChange: (d: DesignConfig) => void;
  disabled?: boolean;
}) {
  const fix = fixFor(issue, { version });
  // A refused value is named by its control, not by its path in the design ("eye_color must be…").
  const message = issue.code === 'design_invalid' && issue.field ? designMessage(issue.field, issue.message) : issueMessage(issue);
  const Icon = severity === 'error' ? XCircle : severity === 'warning' ? AlertTriangle : Info;
  return (
    <li className="flex gap-3 py-3 first:pt-0 last:pb-0">
      <Icon aria-hidden="true" className={cn('mt-0.5 size-4 shrink-0', severity === 'error' ? 'text-red-600' : severity === 'warning' ? 'text-amber-600' : 'text-zinc-500')} />
      <div className="min-w-0 flex-1">
        <p className="text-[13px] font-medium">
          <span className="sr-only">{severity === 'error' ? 'Error: ' : severity === 'warning' ? 'Warning: ' : 'Note: '}</span>
          {issueTitle(issue)}
        </p>
        <p className="mt-0.5 text-[13px] leading-relaxed text-zinc-600 dark:text-zinc-400">{message}</p>
        {fix && !disabled && (
          <Button size="sm" className="mt-2" onClick={() => onChange(fix.apply(design))}>
            {fix.label}
          </Button>
        )}
      </div>
    </li>
  );
}

const INFO_CODES = new Set(['ecc_raised', 'transparent_background', 'unknown_key']);

/** The lint: errors (the design is refused), warnings (it scans, less reliably), notes. */
export function LintPanel({ preview, design, onChange, disabled }: { preview: Preview; design: DesignConfig; onChange: (d: DesignConfig) => void; disabled?: boolean }) {
  const issues = [
    ...preview.errors.map((issue) => ({ issue, severity: 'error' as const })),
    ...preview.warnings.map((issue) => ({ issue, severity: INFO_CODES.has(issue.code) ? ('info' as const) : ('warning' as const) })),
  ];
  return (
    <section aria-labelledby="lint-title" aria-live="polite" className="mt-4">
      <h3 id="lint-title" className="sr-only">
        Scannability
      </h3>
      {issues.length === 0 ? (
        <p className="flex items-center gap-2 text-[13px] text-zinc-600 dark:text-zinc-400">
          <CheckCircle2 aria-hidden="true" className="size-4 text-green-600" />
          Good contrast and quiet zone: this code should scan reliably.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="lint">
          {issues.map(({ issue, severity }, i) => (
            <IssueRow key={`${issue.field}-${issue.code}-${i}`} issue={issue} severity={severity} version={preview.version} design={design} onChange={onChange} disabled={disabled} />
          ))}
        </ul>
      )}
    </section>
  );
}
