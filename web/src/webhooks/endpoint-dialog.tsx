// Adding an endpoint: where deliveries go and which events it gets (every event, or a choice
// from the catalogue; opt-in events such as every scan only when chosen by name).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { type FormEvent, useState } from 'react';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import { createEndpoint, webhookEndpointsQuery, webhookEventTypesQuery } from '../api/webhooks.ts';
import { Button } from '../components/ui/button.tsx';
import { InlineCode } from '../components/inline-code.tsx';
import { Dialog } from '../components/ui/dialog.tsx';
import { Field, TextInput } from '../components/ui/field.tsx';
import { UrlInput } from '../components/ui/url-input.tsx';
import { Alert } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { withScheme } from '../lib/url.ts';

/** Whether the server refused the URL for leading into a private, loopback or reserved network. */
function refusedAsInternal(message: string | undefined): boolean {
  return message !== undefined && /private|loopback|link-local|reserved/.test(message);
}

/** Where an endpoint may point; after a refusal for an internal address, how an administrator opens one. */
function UrlHint({ afterInternalRefusal }: { afterInternalRefusal: boolean }) {
  if (!afterInternalRefusal) return <>https:// on a public address; Tessera refuses private and local networks.</>;
  return (
    <span className="[overflow-wrap:anywhere]">
      <InlineCode text="Tessera refuses private and local networks. An administrator can allow internal hosts by listing them (host names, addresses or address ranges) in the server setting `TESSERA_WEBHOOK_ALLOWED_HOSTS`." />
    </span>
  );
}

export function AddEndpointDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const types = useQuery({ ...webhookEventTypesQuery, enabled: open });
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [every, setEvery] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () => createEndpoint({ url: withScheme(url), ...(description.trim() ? { description: description.trim() } : {}), event_types: every ? ['*'] : chosen }),
    onSuccess: (endpoint) => {
      void queryClient.invalidateQueries({ queryKey: webhookEndpointsQuery.queryKey });
      toast(`Endpoint added: ${endpoint.url}`);
      close();
    },
  });
  const close = () => {
    onOpenChange(false);
    create.reset();
    setUrl('');
    setDescription('');
    setEvery(true);
    setChosen([]);
  };
  const fields = fieldMessages(create.error);
  const noneChosen = !every && chosen.length === 0;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!noneChosen) create.mutate();
  };
  return (
    <Dialog open={open} onOpenChange={(o) => (o ? onOpenChange(true) : close())} title="Add an endpoint" description="An address on your server that receives events as signed POST requests." wide>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {create.error && !fields.url && !fields.description && <Alert>{errorText(create.error)}</Alert>}
        <Field label="URL" hint={<UrlHint afterInternalRefusal={refusedAsInternal(fields.url)} />} error={fields.url}>
          {(props) => <UrlInput {...props} required value={url} onValueChange={setUrl} placeholder="https://example.com/webhooks/tessera" />}
        </Field>
        <Field label="Description" optional hint="What receives it, e.g. “Order system”." error={fields.description}>
          {(props) => <TextInput {...props} maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <fieldset>
          <legend className="mb-2 text-[13px] font-medium">Events</legend>
          <div className="space-y-2 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="events" checked={every} onChange={() => setEvery(true)} className="size-4 accent-[var(--color-accent)]" />
              Every event (except each single scan, which is chosen by name)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="events" checked={!every} onChange={() => setEvery(false)} className="size-4 accent-[var(--color-accent)]" />
              Only the events I choose
            </label>
          </div>
          {!every && (
            <ul className="mt-3 max-h-56 space-y-1.5 overflow-y-auto rounded-md border border-zinc-200 p-3 text-[13px] dark:border-zinc-700" aria-label="Event types">
              {(types.data ?? []).map((t) => (
                <li key={t.type}>
                  <label className="flex items-start gap-2">
                    <input
                      type="checkbox"
                      className="mt-0.5 size-4 shrink-0 accent-[var(--color-accent)]"
                      checked={chosen.includes(t.type)}
                      onChange={(e) => setChosen((c) => (e.target.checked ? [...c, t.type] : c.filter((x) => x !== t.type)))}
                    />
                    <span className="min-w-0">
                      <code className="font-mono">{t.type}</code>
                      <span className="block text-zinc-500 dark:text-zinc-400">
                        <InlineCode text={t.description} />
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {noneChosen && <p className="mt-2 text-[13px] text-zinc-600 dark:text-zinc-400">Choose at least one event.</p>}
        </fieldset>
        <div className="flex justify-end gap-2">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending} disabled={noneChosen}>
            Add endpoint
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
