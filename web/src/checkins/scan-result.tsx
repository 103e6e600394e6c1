// The answer to the latest scan, large enough to read at arm's length: green to let in, red to
// stop, amber to scan again. The region is always there, so each new answer is announced. An
// answer left on screen fades and says how old it is, so the next holder is not waved in on it.
import { CircleCheck, CircleX, RotateCcw } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import type { Checkin } from '../api/types.ts';
import { Button } from '../components/ui/button.tsx';
import { cn } from '../components/ui/cn.ts';
import { relativeTime } from '../lib/dates.ts';
import { type Verdict, type VerdictTone, verdictOf } from './verdict.ts';

export type ScanOutcome = { kind: 'pending' } | { kind: 'answer'; checkin: Checkin; retried: boolean; at: number } | { kind: 'failed'; nonce: string; message: string; retry: () => void; at: number };

/** After this long an answer is the previous holder's, not the one in front of the steward. */
const FRESH_MS = 10_000;

const TONES: Record<VerdictTone, { box: string; icon: typeof CircleCheck }> = {
  // Solid fills, told apart at arm's length (white on green-700 and red-700 passes AA at any size).
  go: { box: 'border-green-700 bg-green-700 text-white', icon: CircleCheck },
  stop: { box: 'border-red-700 bg-red-700 text-white', icon: CircleX },
  retry: { box: 'border-amber-400 bg-amber-400 text-zinc-950', icon: RotateCcw },
};
const OLD = 'border-zinc-200 bg-zinc-50 text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400';

/** Whether `at` is older than FRESH_MS, re-rendering when it becomes so. */
function useAged(at: number): boolean {
  const [aged, setAged] = useState(() => Date.now() - at >= FRESH_MS);
  useEffect(() => {
    setAged(Date.now() - at >= FRESH_MS);
    const timer = setTimeout(() => setAged(true), Math.max(0, at + FRESH_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [at]);
  return aged;
}

function Banner({ tone, title, at, children }: { tone: VerdictTone; title: string; at: number; children: ReactNode }) {
  const aged = useAged(at);
  const { box, icon: Icon } = TONES[tone];
  return (
    <div className={cn('flex gap-3 rounded-lg border-2 p-4', aged ? OLD : box)} data-tone={aged ? 'old' : tone}>
      <Icon aria-hidden="true" className="mt-1 size-8 shrink-0" />
      <div className="min-w-0 [overflow-wrap:anywhere]">
        {aged && <p className="text-[13px] font-medium">Previous scan, {relativeTime(at)}:</p>}
        <p className={cn('font-semibold tracking-tight', aged ? 'text-lg' : 'text-3xl sm:text-4xl')}>{title}</p>
        <div className={cn('mt-1', aged ? 'text-sm' : 'text-base')}>{children}</div>
      </div>
    </div>
  );
}

// A scan sent again after a failure carries its first picture: by then it may be a step old.
const SCAN_AGAIN: Verdict = { tone: 'retry', title: 'Scan the ticket again', detail: 'Too much time passed since this scan was made. Scan the live ticket once more.' };

function Answer({ checkin, retried, at }: { checkin: Checkin; retried: boolean; at: number }) {
  const verdict = retried && checkin.reason === 'token_stale' ? SCAN_AGAIN : verdictOf(checkin);
  return (
    <Banner tone={verdict.tone} title={verdict.title} at={at}>
      {checkin.ticket && (
        <p className="text-lg font-medium">
          <bdi>{checkin.ticket.name}</bdi>
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
        <p className="flex min-h-28 items-center rounded-lg border border-zinc-200 p-4 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">Checking…</p>
      ) : outcome.kind === 'failed' ? (
        <Banner tone="retry" title="Scan didn’t go through" at={outcome.at}>
          <p>This ticket was not checked. {outcome.message}</p>
          <Button size="sm" className="mt-3" onClick={outcome.retry}>
            Try this scan again
          </Button>
        </Banner>
      ) : (
        <Answer checkin={outcome.checkin} retried={outcome.retried} at={outcome.at} />
      )}
    </div>
  );
}
