// Hands the door to staff devices without a sign-in: makes a check-in key kept to this event (live
// or test, as the event's tickets are) that stops working after the time chosen, named after the
// event so it can be found and revoked on the API keys page, and shows once the link that carries
// it, with its QR code.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiKeysQuery, createApiKey } from '../api/api-keys.ts';
import { errorText } from '../api/field-errors.ts';
import { useMutation } from '../api/mutation.ts';
import type { TicketBatch } from '../api/types.ts';
import { SecretBox } from '../components/secret-box.tsx';
import { Button } from '../components/ui/button.tsx';
import { Dialog } from '../components/ui/dialog.tsx';
import { Field, Select } from '../components/ui/field.tsx';
import { Alert } from '../components/ui/misc.tsx';
import { doorLinkUrl, onlyThisComputer } from './door-key.ts';
import { DoorLinkQr } from './door-link-qr.tsx';
import { eventTitle } from './event-title.ts';

/** Key names are at most 100 characters (the API's limit). */
const KEY_NAME_MAX = 100;

/** "Door: Gala night", shortened with an ellipsis to fit a key's name. */
export function doorKeyName(event: Pick<TicketBatch, 'name' | 'codes' | 'first_name'>): string {
  const name = `Door: ${eventTitle(event)}`;
  return name.length <= KEY_NAME_MAX ? name : `${name.slice(0, KEY_NAME_MAX - 1).trimEnd()}…`;
}

/** How long a door link works: a night's door, a festival's, or until it is revoked. */
const VALIDITY = [
  { value: '1', label: '1 day' },
  { value: '3', label: '3 days' },
  { value: '7', label: '1 week' },
  { value: '30', label: '30 days' },
  { value: 'revoked', label: 'Until I revoke it' },
] as const;
type Validity = (typeof VALIDITY)[number]['value'];

function expiresAt(validity: Validity, now: number): string | undefined {
  return validity === 'revoked' ? undefined : new Date(now + Number(validity) * 86_400_000).toISOString();
}

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `limit`: "for 3 days" before the link exists, "until …" once it does; null when only revoking ends it. */
function Reach({ keyName, limit }: { keyName: string; limit: string | null }) {
  return (
    <p className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-[13px] text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      Anyone with the link can check tickets in for this event, and no other, {limit ? `${limit} or ` : ''}until you revoke the key <strong className="font-semibold">“{keyName}”</strong> on the API
      keys page. It cannot change codes, see payments or open the rest of the dashboard.
    </p>
  );
}

export function DoorLinkDialog({ event, open, onOpenChange }: { event: TicketBatch; open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const keyName = doorKeyName(event);
  const [validity, setValidity] = useState<Validity>('3');
  const create = useMutation({
    mutationFn: () => {
      const until = expiresAt(validity, Date.now());
      return createApiKey({ env: event.livemode ? 'prd' : 'tst', scope: 'checkin', batch_id: event.batch_id, name: keyName, ...(until ? { expires_at: until } : {}) });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey }),
  });
  const close = () => {
    onOpenChange(false);
    create.reset();
    setValidity('3');
  };
  const link = create.data && doorLinkUrl(event.batch_id, create.data.fullKey);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => (o ? onOpenChange(true) : close())}
      title={link ? 'Door link created' : 'Door link for staff'}
      description={link ? undefined : 'Staff open it on a phone or tablet to check tickets in at this event’s door, without signing in. They see the door and nothing else.'}
      // The link is shown once: a stray Escape or click outside must not throw it away.
      holdOpen={Boolean(link)}
    >
      {link ? (
        <div className="space-y-4">
          <DoorLinkQr link={link} />
          <SecretBox secret={link} label="Door link" copiedMessage="Link copied" />
          {onlyThisComputer(new URL(link).hostname) && (
            <Alert title="Phones cannot open this link">
              It starts with {new URL(link).host}, the address of this computer only. Open the dashboard at the address staff phones reach (the one people scan your codes at), make a door link there,
              and revoke the key of this one.
            </Alert>
          )}
          <Reach keyName={keyName} limit={create.data?.apiKey.expires_at ? `until ${WHEN.format(new Date(create.data.apiKey.expires_at))}` : null} />
          <div className="flex justify-end">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          {create.error && <Alert>{errorText(create.error)}</Alert>}
          <Field label="Works for" hint="Then the link stops working, on every device it was opened on.">
            {(props) => (
              <Select {...props} value={validity} onChange={(e) => setValidity(e.target.value as Validity)}>
                {VALIDITY.map((v) => (
                  <option key={v.value} value={v.value}>
                    {v.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Reach keyName={keyName} limit={validity === 'revoked' ? null : `for ${VALIDITY.find((v) => v.value === validity)!.label}`} />
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Cancel</Button>
            <Button variant="primary" pending={create.isPending} onClick={() => create.mutate()}>
              Create door link
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
