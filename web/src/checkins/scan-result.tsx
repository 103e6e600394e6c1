// The answer to the latest scan, large enough to read at arm's length: green to let in, red to
// stop, amber to scan again. The region is always there, so each new answer is announced.
import { CircleCheck, CircleX, RotateCcw } from 'lucide-react';
import type { Checkin } from '../api/types.ts';
import { Button } from '../components/ui/button.tsx';
import { cn } from '../components/ui/cn.ts';
import { type VerdictTone, verdictOf } from './verdict.ts';

export type ScanOutcome = { kind: 'pending' } | { kind: 'answer'; checkin: Checkin } | { kind: 'failed'; message: string; retry: () => void };

const TONES: Record<VerdictTone, { box: string; icon: typeof CircleCheck }> = {
  go: { box: 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100', icon: CircleCheck },
  stop: { box: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100', icon: CircleX },
  retry: { box: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100', icon: RotateCcw },
};

function Banner({ tone, title, children }: { tone: VerdictTone; title: string; children: React.ReactNode }) {
  const { box, icon: Icon } = TONES[tone];
  return (
    <div className={cn('flex gap-3 rounded-lg border-2 p-4', box)} data-tone={tone}>
      <Icon aria-hidden="true" className="mt-0.5 size-7 shrink-0" />
      <div className="min-w-0 [overflow-wrap:anywhere]">
        <p className="text-2xl font-semibold tracking-tight">{title}</p>
        <div className="mt-1 text-sm">{children}</div>
      </div>
    </div>
  );
}

function Answer({ checkin }: { checkin: Checkin }) {
  const verdict = verdictOf(checkin);
  return (
    <Banner tone={verdict.tone} title={verdict.title}>
      {checkin.ticket && (
        <p className="font-medium">
          {checkin.ticket.name} <span className="font-mono text-xs opacity-80">({checkin.ticket.short_code})</span>
        </p>
      )}
      <p>{verdict.detail}</p>
    </Banner>
  );
}

export function ScanResult({ outcome }: { outcome: ScanOutcome | null }) {
  return (
    <div aria-live="assertive" aria-atomic="true" className="min-h-24">
      {outcome === null ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">The answer to each scan appears here.</p>
      ) : outcome.kind === 'pending' ? (
        <p className="rounded-lg border border-zinc-200 p-4 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">Checking…</p>
      ) : outcome.kind === 'failed' ? (
        <Banner tone="retry" title="Not checked">
          <p>{outcome.message}</p>
          {/* The same scan again (same nonce): if the first did reach Tessera, its answer comes back instead of "already used". */}
          <Button size="sm" className="mt-3" onClick={outcome.retry}>
            Try this scan again
          </Button>
        </Banner>
      ) : (
        <Answer checkin={outcome.checkin} />
      )}
    </div>
  );
}
