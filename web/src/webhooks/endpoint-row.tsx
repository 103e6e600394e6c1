// One endpoint: its address and events, whether it is receiving, and its actions (test, pause or
// resume, delete after asking) with its latest deliveries folded beneath.
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { ChevronDown, Pause, Play, Send, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { errorText } from '../api/field-errors.ts';
import { changeEndpoint, deleteEndpoint, deliveriesQuery, sendTestEvent, webhookEndpointsQuery, type WebhookEndpoint } from '../api/webhooks.ts';
import { Button } from '../components/ui/button.tsx';
import { ConfirmDialog } from '../components/ui/dialog.tsx';
import { Badge, Time } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { Deliveries } from './deliveries.tsx';

function events(types: readonly string[]): string {
  return types.length === 1 && types[0] === '*' ? 'Every event' : types.join(', ');
}

export function EndpointRow({ endpoint }: { endpoint: WebhookEndpoint }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  const test = useMutation({
    mutationFn: () => sendTestEvent(endpoint.id),
    onSuccess: () => {
      toast('Test event queued: it is sent within seconds');
      setOpen(true);
      void queryClient.invalidateQueries({ queryKey: deliveriesQuery(endpoint.id).queryKey });
    },
  });
  const toggle = useMutation({ mutationFn: () => changeEndpoint(endpoint.id, { enabled: !endpoint.enabled }), onSuccess: refresh });
  // A refusal stays beside the buttons that caused it (a toast is a green "done" that fades in 4 s).
  const refused = test.error ? `Test event not sent: ${errorText(test.error)}` : toggle.error ? `Not changed: ${errorText(toggle.error)}` : null;
  const remove = useMutation({
    mutationFn: () => deleteEndpoint(endpoint.id),
    onSuccess: () => {
      setDeleting(false);
      queryClient.setQueryData(webhookEndpointsQuery.queryKey, (list: WebhookEndpoint[] | undefined) => list?.filter((e) => e.id !== endpoint.id));
      toast(`Endpoint deleted: ${endpoint.url}`);
    },
  });
  const panel = `deliveries-${endpoint.id}`;
  return (
    <li className="px-4 py-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-[13px] break-all">{endpoint.url}</span>
            {endpoint.enabled ? endpoint.failing_since ? <Badge tone="danger">Failing</Badge> : <Badge tone="success">Receiving</Badge> : <Badge tone="neutral">Paused</Badge>}
          </div>
          <p className="mt-1 text-[13px] text-zinc-600 dark:text-zinc-400">
            {endpoint.description && <>{endpoint.description} · </>}
            {events(endpoint.event_types)}
          </p>
          {endpoint.failing_since && endpoint.enabled && (
            <p className="mt-1 text-[13px] text-red-700 dark:text-red-400">
              Failing since <Time value={endpoint.failing_since} />: if every delivery fails for 5 days, Tessera pauses it.
            </p>
          )}
          {/* Tessera pauses an endpoint itself only after failures (failing_since is set); a pause by a person says what it means instead of echoing "Disabled by the account." */}
          {!endpoint.enabled && (
            <p className="mt-1 text-[13px] text-zinc-600 dark:text-zinc-400">
              {endpoint.failing_since && endpoint.disabled_reason
                ? `Paused by Tessera: ${endpoint.disabled_reason}`
                : 'Paused: events that happen meanwhile are not sent to it. Resume to receive new ones.'}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" pending={test.isPending} disabled={!endpoint.enabled} onClick={() => test.mutate()}>
            <Send aria-hidden="true" />
            Send test event
          </Button>
          <Button size="sm" pending={toggle.isPending} onClick={() => toggle.mutate()}>
            {endpoint.enabled ? <Pause aria-hidden="true" /> : <Play aria-hidden="true" />}
            {endpoint.enabled ? 'Pause' : 'Resume'}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setDeleting(true)} aria-label={`Delete ${endpoint.url}`}>
            <Trash2 aria-hidden="true" />
            Delete
          </Button>
        </div>
      </div>
      {refused && (
        <p role="alert" className="mt-2 text-[13px] text-red-700 dark:text-red-400">
          {refused}
        </p>
      )}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panel}
        onClick={() => setOpen((o) => !o)}
        className="mt-2 inline-flex items-center gap-1 rounded text-[13px] max-sm:min-h-11 text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ChevronDown aria-hidden="true" className={`size-3.5 transition-transform ${open ? 'rotate-180' : ''}`} />
        Latest deliveries
      </button>
      {open && (
        <div id={panel} className="mt-2 rounded-md border border-zinc-200 px-3 py-1 dark:border-zinc-800">
          <Deliveries endpointId={endpoint.id} paused={!endpoint.enabled} />
        </div>
      )}
      <ConfirmDialog
        open={deleting}
        onOpenChange={(o) => {
          setDeleting(o);
          if (!o) remove.reset();
        }}
        title={`Delete ${endpoint.url}?`}
        description={
          <>
            It stops receiving events at once, and its delivery log is deleted with it. Created <Time value={endpoint.created_at} />.
            {remove.error && <span className="mt-2 block text-red-700 dark:text-red-400">{errorText(remove.error)}</span>}
          </>
        }
        confirmLabel="Delete endpoint"
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </li>
  );
}
