// An endpoint's latest deliveries: what was sent, how it went (each attempt's answer), and a way
// to send a failed one again with the same webhook-id. While the endpoint is paused nothing is sent
// (the server refuses "send again"), so the rows say they wait for it to be resumed instead.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { RotateCcw } from 'lucide-react';
import { errorText } from '../api/field-errors.ts';
import { deliveriesQuery, retryDelivery, type WebhookDelivery } from '../api/webhooks.ts';
import { Button } from '../components/ui/button.tsx';
import { Badge, Skeleton, Time } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';

const STATUS: Record<WebhookDelivery['status'], { label: string; tone: 'success' | 'warning' | 'danger' }> = {
  succeeded: { label: 'Delivered', tone: 'success' },
  pending: { label: 'Retrying', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
};

const isRedirect = (status: number) => status >= 300 && status < 400;

/** What the receiver last answered, in a few words. */
function lastAnswer(d: WebhookDelivery): string {
  if (d.status === 'pending' && d.attempts === 0) return 'Waiting to be sent';
  // A redirect is never followed: say so, or "Answered 302" looks like it should have worked.
  if (d.last_status_code !== null) return `Answered ${d.last_status_code}${isRedirect(d.last_status_code) ? ' (redirects are not followed)' : ''}`;
  return d.last_error ?? 'No answer';
}

/**
 * Each attempt's answer, folded: what the receiver said (its status and the first 1 KiB of its
 * body, e.g. why it refused the signature) is what a person fixing a receiver needs.
 */
function AttemptLog({ delivery }: { delivery: WebhookDelivery }) {
  const attempts = [...delivery.attempt_log].sort((a, b) => b.attempt - a.attempt);
  return (
    <details className="mt-1">
      <summary className="w-fit cursor-pointer rounded text-zinc-600 max-sm:py-3 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
        {attempts.length === 1 ? 'The answer' : `The ${attempts.length} answers`}
      </summary>
      <ol className="mt-2 space-y-2">
        {attempts.map((a) => (
          <li key={a.attempt} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-700">
            <p className="text-zinc-600 dark:text-zinc-400">
              Attempt {a.attempt} · <Time value={a.at} /> · {a.status_code !== null ? `HTTP ${a.status_code}${isRedirect(a.status_code) ? ' (not followed)' : ''}` : (a.error ?? 'no answer')} in{' '}
              {a.latency_ms} ms
            </p>
            {a.response_body ? (
              <pre className="mt-1 max-h-40 overflow-auto font-mono text-xs break-all whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{a.response_body}</pre>
            ) : (
              <p className="mt-1 text-zinc-500 dark:text-zinc-400">{a.status_code !== null ? 'Empty body.' : 'No body.'}</p>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

export function Deliveries({ endpointId, paused }: { endpointId: string; paused: boolean }) {
  const queryClient = useQueryClient();
  const deliveries = useQuery(deliveriesQuery(endpointId));
  const retry = useMutation({
    mutationFn: retryDelivery,
    // Each delivery is sent again once per click, while another row's button stays live.
    inFlightKey: (id) => id,
    onSuccess: () => {
      toast('Sending again');
      void queryClient.invalidateQueries({ queryKey: deliveriesQuery(endpointId).queryKey });
    },
    // A refusal stays beside its row (a toast is a green "done" that fades in 4 s).
  });
  if (deliveries.isPending) return <Skeleton className="h-16" />;
  if (deliveries.isError) return <p className="text-[13px] text-red-700 dark:text-red-400">{errorText(deliveries.error)}</p>;
  if (deliveries.data.length === 0) return <p className="text-[13px] text-zinc-600 dark:text-zinc-400">Nothing sent yet. “Send test event” sends a ping.</p>;
  return (
    <ul className="divide-y divide-zinc-100 text-[13px] dark:divide-zinc-800" aria-label="Latest deliveries">
      {deliveries.data.map((d) => {
        const status = d.status === 'pending' && d.attempts === 0 ? { label: 'Queued', tone: 'warning' as const } : STATUS[d.status];
        return (
          <li key={d.id} className="flex flex-col gap-2 py-2.5 sm:flex-row sm:items-center">
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <code className="font-mono">{d.event_type}</code>
                <Badge tone={status.tone}>{status.label}</Badge>
              </div>
              <p className="mt-0.5 text-zinc-500 dark:text-zinc-400">
                <Time value={d.created_at} />
                {/* Queued: "0 attempts" and a first try already due say nothing "Waiting to be sent" does not. */}
                {d.attempts > 0 && <> · {d.attempts === 1 ? '1 attempt' : `${d.attempts} attempts`}</>}
                {' · '}
                {lastAnswer(d)}
                {paused && d.status === 'pending' && ' · waits until you resume this endpoint'}
                {!paused && d.attempts > 0 && d.next_attempt_at && (
                  // A try whose time has passed is due, not "7 minutes ago".
                  <>
                    {' '}
                    ·{' '}
                    {Date.parse(d.next_attempt_at) > Date.now() ? (
                      <>
                        next try <Time value={d.next_attempt_at} />
                      </>
                    ) : (
                      'next try due now'
                    )}
                  </>
                )}
              </p>
              {d.attempt_log.length > 0 && <AttemptLog delivery={d} />}
              {retry.error && retry.variables === d.id && (
                <p role="alert" className="mt-1 text-red-700 dark:text-red-400">
                  Not sent again: {errorText(retry.error)}
                </p>
              )}
            </div>
            {!paused && d.status !== 'succeeded' && d.attempts > 0 && (
              <Button size="sm" pending={retry.isPending && retry.variables === d.id} onClick={() => retry.mutate(d.id)} aria-label={`Send again: ${d.event_type}`}>
                <RotateCcw aria-hidden="true" />
                Send again
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
