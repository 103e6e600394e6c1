// Creating and regenerating API keys: each ends by showing the full key once.
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { type FormEvent, useState } from 'react';
import { apiKeysQuery, createApiKey, regenerateApiKey, type RevealedKey } from '../api/api-keys.ts';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import type { ApiKey } from '../api/types.ts';
import { SecretBox } from '../components/secret-box.tsx';
import { Button } from '../components/ui/button.tsx';
import { Dialog } from '../components/ui/dialog.tsx';
import { Field, Select, TextInput } from '../components/ui/field.tsx';
import { Alert } from '../components/ui/misc.tsx';
import { ticketBatchesQuery } from '../api/checkins.ts';
import { eventTitle } from '../checkins/event-title.ts';

const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'date', label: 'On a date…' },
] as const;

function expiryIso(choice: string, date: string): string | undefined {
  if (choice === 'never') return undefined;
  if (choice === 'date') return date ? new Date(`${date}T23:59:59`).toISOString() : undefined;
  return new Date(Date.now() + Number(choice) * 86_400_000).toISOString();
}

function Revealed({ revealed, onDone }: { revealed: RevealedKey; onDone: () => void }) {
  return (
    <div className="space-y-5">
      <SecretBox secret={revealed.fullKey} label={revealed.apiKey.name ? `Key “${revealed.apiKey.name}”` : 'Your new key'} />
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          I have copied it
        </Button>
      </div>
    </div>
  );
}

/** Two or more exclusive options as cards, each with a line saying what it means. */
function Choices<T extends string>({
  legend,
  name,
  value,
  onChange,
  choices,
}: {
  legend: string;
  name: string;
  value: T;
  onChange: (value: T) => void;
  choices: ReadonlyArray<readonly [T, string, string]>;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-[13px] font-medium">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {choices.map(([option, label, hint]) => (
          <label
            key={option}
            className="flex cursor-pointer flex-col rounded-lg border border-zinc-200 p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent dark:border-zinc-700"
          >
            <span className="flex items-center gap-2 text-[13px] font-medium">
              <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} className="accent-accent" />
              {label}
            </span>
            <span className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{hint}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The event a check-in key is kept to: every event, or one of the newest (older ones: their door page's "Door link"). */
function EventChoice({ env, value, onChange, error }: { env: 'prd' | 'tst'; value: string; onChange: (batchId: string) => void; error?: string }) {
  const events = useInfiniteQuery(ticketBatchesQuery);
  // A tst key admits test tickets only, so only test events can be its own.
  const choices = (events.data?.pages.flatMap((p) => p.data) ?? []).filter((e) => env === 'prd' || !e.livemode);
  return (
    <Field label="Events" hint="A key kept to one event checks in, reads and exports that event only." error={error}>
      {(props) => (
        <Select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Every event</option>
          {choices.map((e) => (
            <option key={e.batch_id} value={e.batch_id}>
              Only {eventTitle(e)}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

export function CreateKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [env, setEnv] = useState<'prd' | 'tst'>('prd');
  const [scope, setScope] = useState<ApiKey['scope']>('all');
  const [event, setEvent] = useState('');
  const [expiry, setExpiry] = useState('never');
  const [date, setDate] = useState('');
  // "On a date…" with no day picked: said here, as the API's message names an ISO timestamp.
  const [noDate, setNoDate] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      createApiKey({
        env,
        scope,
        ...(scope === 'checkin' && event ? { batch_id: event } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(expiryIso(expiry, date) !== undefined ? { expires_at: expiryIso(expiry, date) } : {}),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey }),
  });
  const close = () => {
    onOpenChange(false);
    create.reset();
    setName('');
    setScope('all');
    setEvent('');
    setExpiry('never');
    setNoDate(false);
  };
  const fields = fieldMessages(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNoDate(expiry === 'date' && !date);
    if (expiry === 'date' && !date) return;
    create.mutate();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => (o ? onOpenChange(true) : close())}
      title={create.data ? 'Key created' : 'Create an API key'}
      description={create.data ? undefined : 'For servers, scripts and door scanners that call the Tessera API.'}
      holdOpen={Boolean(create.data)}
    >
      {create.data ? (
        <Revealed revealed={create.data} onDone={close} />
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          {create.error && !fields.name && !fields.expires_at && !fields.batch_id && <Alert>{errorText(create.error)}</Alert>}
          <Field label="Name" optional hint="Say where it is used, e.g. “Ticket shop”." error={fields.name}>
            {(props) => <TextInput {...props} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Choices
            legend="Mode"
            name="key-env"
            value={env}
            // A live event is not a tst key's to keep to: the choice starts over.
            onChange={(next) => {
              setEnv(next);
              setEvent('');
            }}
            choices={[
              ['prd', 'Live', 'Works on real data.'],
              ['tst', 'Test', 'Marks what it does as test data.'],
            ]}
          />
          <Choices
            legend="Access"
            name="key-scope"
            value={scope}
            onChange={setScope}
            choices={[
              ['all', 'Everything', 'Codes, campaigns, payments, analytics and keys: the whole API.'],
              ['checkin', 'Check-in only', 'For door scanners: checks tickets in and reads check-ins and events, nothing else.'],
            ]}
          />
          {scope === 'checkin' && <EventChoice env={env} value={event} onChange={setEvent} error={fields.batch_id} />}
          {/* A refused expiry is the date's fault when one was picked: the message goes beside it. */}
          <Field label="Expires" error={expiry === 'date' ? undefined : fields.expires_at}>
            {(props) => (
              <Select {...props} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
                {EXPIRY_CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {expiry === 'date' && (
            <Field label="Expiry date" hint="The key stops working at the end of this day." error={noDate && !date ? 'Choose the day the key stops working.' : fields.expires_at}>
              {(props) => <TextInput {...props} type="date" required value={date} min={new Date().toISOString().slice(0, 10)} onChange={(e) => setDate(e.target.value)} />}
            </Field>
          )}
          <div className="flex justify-end gap-2 pt-1">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" pending={create.isPending}>
              Create key
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

const GRACE_CHOICES = [
  { hours: 0, label: 'Stop the old key now' },
  { hours: 1, label: 'Keep the old key working for 1 hour' },
  { hours: 24, label: 'Keep the old key working for 24 hours' },
  { hours: 168, label: 'Keep the old key working for 7 days' },
] as const;

export function RegenerateKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [grace, setGrace] = useState(24);
  const regenerate = useMutation({
    mutationFn: () => regenerateApiKey(apiKey.kid, grace),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey }),
  });
  const label = apiKey.name ? `“${apiKey.name}”` : apiKey.display_mask;
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={regenerate.data ? 'New key created' : `Regenerate ${label}?`}
      description={regenerate.data ? undefined : 'You get a new key to put in place of this one. Choose how long the old one keeps working while you switch.'}
      holdOpen={Boolean(regenerate.data)}
    >
      {regenerate.data ? (
        <Revealed revealed={regenerate.data} onDone={onClose} />
      ) : (
        <div className="space-y-4">
          {regenerate.error && <Alert>{errorText(regenerate.error)}</Alert>}
          <Field label="The old key">
            {(props) => (
              <Select {...props} value={grace} onChange={(e) => setGrace(Number(e.target.value))}>
                {GRACE_CHOICES.map((c) => (
                  <option key={c.hours} value={c.hours}>
                    {c.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="primary" pending={regenerate.isPending} onClick={() => regenerate.mutate()}>
              Regenerate key
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
