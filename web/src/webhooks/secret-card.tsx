// The signing secret receivers verify deliveries with: created once, rotated with a 24-hour
// overlap (both secrets sign meanwhile) or, after a leak, with the old one stopped at once; its
// value shown only when it is made.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { KeyRound, RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { errorText } from '../api/field-errors.ts';
import { createWebhookSecret, rotateWebhookSecret, webhookSecretsQuery } from '../api/webhooks.ts';
import { SecretBox } from '../components/secret-box.tsx';
import { Button } from '../components/ui/button.tsx';
import { ConfirmDialog, Dialog } from '../components/ui/dialog.tsx';
import { Alert, Badge, Card, Skeleton, Time } from '../components/ui/misc.tsx';
import { Toggle } from '../designer/inputs.tsx';

export function SecretCard() {
  const queryClient = useQueryClient();
  const secrets = useQuery(webhookSecretsQuery);
  const [confirming, setConfirming] = useState(false);
  const [leaked, setLeaked] = useState(false);
  const [shown, setShown] = useState<{ secret: string; note?: string } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: webhookSecretsQuery.queryKey });
  const create = useMutation({
    mutationFn: createWebhookSecret,
    onSuccess: (secret) => {
      setShown({ secret });
      refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: (stopPrevious: boolean) => rotateWebhookSecret(stopPrevious),
    onSuccess: ({ secret }, stopPrevious) => {
      setConfirming(false);
      setShown({
        secret,
        note: stopPrevious
          ? 'The previous secret no longer signs: receivers reject deliveries until they check this one.'
          : 'The previous secret keeps signing beside it for 24 hours: update your receivers before then.',
      });
      refresh();
    },
  });
  // The signing secret first, then the one being replaced.
  const live = (secrets.data ?? []).filter((s) => s.status !== 'disabled').sort((a, b) => (a.status === 'active' ? 0 : 1) - (b.status === 'active' ? 0 : 1));
  const active = live.find((s) => s.status === 'active');
  return (
    <Card className="p-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h2 className="text-sm font-semibold">Signing secret</h2>
          <p className="mt-1 max-w-xl text-[13px] text-zinc-600 dark:text-zinc-400">
            Every delivery is signed with it (Standard Webhooks), so your receiver can check that it came from Tessera and was not changed.
          </p>
        </div>
        {secrets.isSuccess &&
          (active ? (
            <Button
              onClick={() => {
                // Every rotation starts from the 24-hour overlap; stopping the old secret is chosen each time.
                setLeaked(false);
                setConfirming(true);
              }}
            >
              <RefreshCw aria-hidden="true" />
              Rotate secret
            </Button>
          ) : (
            <Button variant="primary" pending={create.isPending} onClick={() => create.mutate()}>
              <KeyRound aria-hidden="true" />
              Create secret
            </Button>
          ))}
      </div>
      <div className="mt-4">
        {secrets.isPending ? (
          <Skeleton className="h-10" />
        ) : secrets.isError ? (
          <Alert title="The secrets could not be loaded">{errorText(secrets.error)}</Alert>
        ) : live.length === 0 ? (
          <p className="text-[13px] text-zinc-600 dark:text-zinc-400">No secret yet: deliveries start once there is one.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 text-[13px] dark:divide-zinc-800">
            {live.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-2 py-2 first:pt-0 last:pb-0">
                <code className="font-mono">whsec_…</code>
                <Badge tone={s.status === 'active' ? 'success' : 'warning'}>{s.status === 'active' ? 'Signing' : 'Being replaced'}</Badge>
                <span className="text-zinc-500 dark:text-zinc-400">
                  created <Time value={s.created_at} />
                  {s.expires_at && (
                    <>
                      {' · '}stops <Time value={s.expires_at} />
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
        {create.isError && <p className="mt-2 text-[13px] text-red-700 dark:text-red-400">{errorText(create.error)}</p>}
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={(open) => {
          setConfirming(open);
          if (!open) rotate.reset();
        }}
        title="Rotate the signing secret?"
        description={
          <>
            {leaked
              ? 'A new secret signs every delivery from now on, and every older one stops at once: receivers that still check an old one reject deliveries until you give them the new one.'
              : 'A new secret signs every delivery from now on. The current one keeps signing beside it for 24 hours, then stops: receivers that still check only the old one will reject deliveries after that.'}
            {rotate.error && <span className="mt-2 block text-red-700 dark:text-red-400">{errorText(rotate.error)}</span>}
          </>
        }
        confirmLabel={leaked ? 'Rotate and stop the old secret' : 'Rotate secret'}
        pending={rotate.isPending}
        onConfirm={() => rotate.mutate(leaked)}
      >
        <Toggle
          label="The current secret leaked: stop it now"
          checked={leaked}
          onChange={setLeaked}
          hint="Anyone holding it could sign deliveries your receivers would trust. Without the 24-hour overlap, nothing signed with it is valid any more."
        />
      </ConfirmDialog>
      <Dialog open={shown !== null} onOpenChange={(open) => !open && setShown(null)} title="Your signing secret" description={shown?.note} holdOpen>
        {shown && (
          <div className="space-y-5">
            <SecretBox secret={shown.secret} label="Signing secret" copiedMessage="Secret copied" />
            <div className="flex justify-end">
              <Button variant="primary" onClick={() => setShown(null)}>
                I have copied it
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </Card>
  );
}
