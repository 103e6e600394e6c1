// Hands the door to staff devices without a sign-in: makes a check-in key for the event's account
// (live or test, as the event's tickets are), named after the event so it can be found and revoked
// on the API keys page, and shows once the link that carries it, with its QR code.
import { useQueryClient } from '@tanstack/react-query';
import { apiKeysQuery, createApiKey } from '../api/api-keys.ts';
import { errorText } from '../api/field-errors.ts';
import { useMutation } from '../api/mutation.ts';
import type { TicketBatch } from '../api/types.ts';
import { SecretBox } from '../components/secret-box.tsx';
import { Button } from '../components/ui/button.tsx';
import { Dialog } from '../components/ui/dialog.tsx';
import { Alert } from '../components/ui/misc.tsx';
import { doorLinkUrl } from './door-key.ts';
import { DoorLinkQr } from './door-link-qr.tsx';
import { eventTitle } from './event-title.ts';

/** Key names are at most 100 characters (the API's limit). */
const KEY_NAME_MAX = 100;

/** "Door: Gala night", shortened with an ellipsis to fit a key's name. */
export function doorKeyName(event: Pick<TicketBatch, 'name' | 'codes' | 'first_name'>): string {
  const name = `Door: ${eventTitle(event)}`;
  return name.length <= KEY_NAME_MAX ? name : `${name.slice(0, KEY_NAME_MAX - 1).trimEnd()}…`;
}

function Reach({ keyName }: { keyName: string }) {
  return (
    <p className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-[13px] text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      Anyone with the link can check tickets in for this event, and for any other event of this account, until you revoke the key <strong className="font-semibold">“{keyName}”</strong> on the API keys
      page. It cannot change codes, see payments or open the rest of the dashboard.
    </p>
  );
}

export function DoorLinkDialog({ event, open, onOpenChange }: { event: TicketBatch; open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const keyName = doorKeyName(event);
  const create = useMutation({
    mutationFn: () => createApiKey({ env: event.livemode ? 'prd' : 'tst', scope: 'checkin', name: keyName }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey }),
  });
  const close = () => {
    onOpenChange(false);
    create.reset();
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
          <Reach keyName={keyName} />
          <div className="flex justify-end">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          {create.error && <Alert>{errorText(create.error)}</Alert>}
          <Reach keyName={keyName} />
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
