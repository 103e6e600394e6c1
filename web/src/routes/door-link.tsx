// An event's door opened from a door link on a staff device: no sign-in, no dashboard around it,
// only the door, calling Tessera with the link's check-in key. The key is checked first (it must
// be a check-in key: a full key pasted into a link is refused, not used), and a key refused then
// or later (revoked, expired) is forgotten, with the steward told to ask for a new link.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { TesseraApiError } from '@tessera/client';
import { type ReactNode, useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { type DoorApi, doorKeyQuery, doorSummaryQuery, linkDoorApi } from '../api/checkins.ts';
import { errorText } from '../api/field-errors.ts';
import { DoorApiProvider } from '../checkins/door-api.tsx';
import { doorKeyRefused, forgetRefusedDoorKey, storedDoorKey, subscribeDoorKeys } from '../checkins/door-key.ts';
import { DoorView } from '../checkins/door-view.tsx';
import { Brand } from '../components/brand.tsx';
import { Button } from '../components/ui/button.tsx';
import { Alert, Skeleton } from '../components/ui/misc.tsx';
import { useTitle } from '../lib/use-title.ts';

/** The page around the door: Tessera's name, what this page can do, and nothing to navigate to. */
function DoorLinkFrame({ caption, children }: { caption?: string; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex h-14 w-full max-w-6xl items-center justify-between gap-4 px-4 sm:px-6 lg:px-8">
          <Brand />
          {caption && <p className="text-right text-[13px] text-zinc-600 dark:text-zinc-400">{caption}</p>}
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 md:py-8 lg:px-8">
        {children}
      </main>
    </div>
  );
}

function LinkProblem({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  useTitle(title);
  return (
    <div className="max-w-xl space-y-3">
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <div className="space-y-3 text-sm text-zinc-700 dark:text-zinc-300">{children}</div>
      {action}
    </div>
  );
}

/** Refused as a credential: unknown or mistyped (401), revoked, expired or not allowed here (403). */
function keyRefused(error: unknown): boolean {
  return error instanceof TesseraApiError && (error.status === 401 || error.status === 403);
}

function EventMissing({ error }: { error: unknown }) {
  if (error instanceof TesseraApiError && error.status === 404)
    return (
      <LinkProblem title="Event not found">
        <p>This door link is for an event that is not in the account any more, or the link was not copied completely. Ask the organiser for a new door link.</p>
      </LinkProblem>
    );
  return (
    <LinkProblem title="This event could not be opened">
      <Alert>{errorText(error)}</Alert>
    </LinkProblem>
  );
}

function Opening() {
  return (
    <div role="status" aria-busy="true" aria-label="Opening the door" className="space-y-4">
      <Skeleton className="h-8 w-64 max-w-full" />
      <Skeleton className="h-48" />
    </div>
  );
}

/** The door, once Tessera has said the key is a working check-in key; `onRefused` when it is not (or stops being one). */
function CheckedDoor({ batchId, door, onRefused }: { batchId: string; door: DoorApi; onRefused: () => void }) {
  const me = useQuery(doorKeyQuery(door));
  const keptElsewhere = Boolean(me.data?.batch_id) && me.data?.batch_id !== batchId;
  const usable = me.data?.scope === 'checkin' && !keptElsewhere;
  // The same query the figures show: a key revoked mid-shift is noticed on its next refresh.
  const summary = useQuery({ ...doorSummaryQuery(door, batchId), enabled: usable });
  const refused = keyRefused(me.error) || keyRefused(summary.error) || (me.data !== undefined && me.data.scope !== 'checkin');
  useEffect(() => {
    if (refused) onRefused();
  }, [refused, onRefused]);
  if (refused) return null;
  if (me.isError)
    return (
      <LinkProblem
        title="The door could not be opened"
        action={
          <Button pending={me.isFetching} onClick={() => void me.refetch()}>
            Try again
          </Button>
        }
      >
        <Alert>{errorText(me.error)}</Alert>
      </LinkProblem>
    );
  // A working key for another event: the address was changed, or two links were mixed up.
  if (keptElsewhere)
    return (
      <LinkProblem title="This door link is for another event">
        <p>The link opens the door of the event it was made for, and this address names a different one. Open the door link you were given again, or ask the organiser for this event’s link.</p>
      </LinkProblem>
    );
  if (!usable) return <Opening />;
  return (
    <DoorApiProvider value={door}>
      <DoorView batchId={batchId} missing={(error) => <EventMissing error={error} />} />
    </DoorApiProvider>
  );
}

export function DoorLinkPage() {
  const { batchId } = useParams({ from: '/door/$batchId' });
  const queryClient = useQueryClient();
  // The router's check of this page already moved a key in the address bar into storage.
  const apiKey = useSyncExternalStore(subscribeDoorKeys, () => storedDoorKey(batchId));
  const refused = useSyncExternalStore(subscribeDoorKeys, () => doorKeyRefused(batchId));
  const door = useMemo(() => (apiKey ? linkDoorApi(apiKey) : null), [apiKey]);
  const onRefused = useCallback(() => {
    if (door) queryClient.removeQueries({ queryKey: door.keys });
    forgetRefusedDoorKey(batchId);
  }, [batchId, door, queryClient]);

  if (!door)
    return (
      <DoorLinkFrame>
        {refused ? (
          <LinkProblem title="This door link no longer works">
            <p>It was turned off by the organiser, or it has expired. Ask the organiser for a new door link, then open that one.</p>
          </LinkProblem>
        ) : (
          <LinkProblem title="This door link is incomplete">
            <p>The link is missing the part that lets this device check tickets in. It may have been cut off when it was copied. Ask the organiser for a new door link.</p>
          </LinkProblem>
        )}
      </DoorLinkFrame>
    );
  return (
    <DoorLinkFrame caption="Door link · checks tickets in only">
      <CheckedDoor batchId={batchId} door={door} onRefused={onRefused} />
    </DoorLinkFrame>
  );
}
