// An event's re-entry policy on the organiser's door page: whether a ticket checked out at an exit
// may come back in. It is set for all the event's tickets at once (one per ticket took a thousand
// API calls for a thousand tickets); each exit's answer then tells the steward which it is.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { eventReentryQuery, setEventReentry } from '../api/checkins.ts';
import { errorText } from '../api/field-errors.ts';
import { useMutation } from '../api/mutation.ts';
import { Card, Skeleton } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { Toggle } from '../designer/inputs.tsx';
import { formatCount } from '../lib/dates.ts';

export function ReentrySetting({ batchId }: { batchId: string }) {
  const queryClient = useQueryClient();
  const policy = useQuery(eventReentryQuery(batchId));
  const [wanted, setWanted] = useState<boolean | null>(null);
  const save = useMutation({
    mutationFn: (allow: boolean) => setEventReentry(batchId, allow),
    onSuccess: (stored) => {
      queryClient.setQueryData(eventReentryQuery(batchId).queryKey, stored);
      toast(stored.allow_reentry ? 'Tickets checked out can now come back in' : 'Each ticket now enters once');
    },
  });
  let body: React.ReactNode;
  if (policy.isPending) body = <Skeleton className="h-5 w-56" />;
  else if (policy.isError) body = <p className="text-[13px] text-red-700 dark:text-red-400">{errorText(policy.error)}</p>;
  else {
    const { allow_reentry: allowed, tickets, allowing } = policy.data;
    const hint =
      allowed === null
        ? `${formatCount(allowing)} of ${formatCount(tickets)} tickets let their holder back in (set one by one); switching sets them all.`
        : allowed
          ? 'A ticket checked out at an exit can be scanned in again.'
          : 'Each ticket enters once: after checking out, it is turned away at the door.';
    body = (
      <>
        {/* Shows the choice at once (UI.md: feedback within 100 ms), in React state set by the click
            itself: the mutation's own pending state arrives a tick later, after React has put a
            controlled checkbox back. A refusal puts it back, with the reason. */}
        <Toggle
          label="Let people who check out come back in"
          checked={wanted ?? allowed === true}
          onChange={(on) => {
            setWanted(on);
            save.mutate(on, { onSettled: () => setWanted(null) });
          }}
          hint={hint}
        />
        {save.error && <p className="mt-2 text-[13px] text-red-700 dark:text-red-400">{errorText(save.error)}</p>}
      </>
    );
  }
  return (
    <Card className="p-4">
      <h2 className="mb-2 text-[13px] font-medium text-zinc-600 dark:text-zinc-400">Re-entry</h2>
      {body}
    </Card>
  );
}
