// Scans that never got an answer (the network failed, or took too long) while newer ones went on:
// each stays listed until it is sent again, as the same scan, so no holder is let in unrecorded.
import type { CheckinBody } from '../api/types.ts';
import { Button } from '../components/ui/button.tsx';

export interface Failure {
  nonce: string;
  body: CheckinBody;
  message: string;
}

/** The part of a scanned link that tells tickets apart (its short code), or the text itself. */
function scanLabel(payload: string): string {
  try {
    return new URL(payload).pathname.replace(/^\//, '') || payload;
  } catch {
    return payload.length > 40 ? `${payload.slice(0, 40)}…` : payload;
  }
}

export function UnsentScans({ failures, onRetry }: { failures: readonly Failure[]; onRetry: (failure: Failure) => void }) {
  if (failures.length === 0) return null;
  return (
    <section aria-labelledby="unsent-scans" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <h2 id="unsent-scans" className="font-medium">
        {failures.length === 1 ? 'One scan was not checked' : `${failures.length} scans were not checked`}
      </h2>
      <ul className="mt-2 space-y-2">
        {failures.map((f) => (
          <li key={f.nonce} className="flex flex-wrap items-center justify-between gap-2">
            <span className="min-w-0 [overflow-wrap:anywhere]">
              <span className="font-mono">{scanLabel(f.body.payload)}</span> ({f.body.type === 'exit' ? 'exit' : 'entry'}): {f.message}
            </span>
            <Button size="sm" onClick={() => onRetry(f)}>
              Try again
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
