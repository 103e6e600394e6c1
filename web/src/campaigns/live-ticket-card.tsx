// A live ticket's campaign page shows the ticket itself: the image a holder's screen shows now,
// with its real token, changing as each step begins (so a phone can scan it to try). The design
// preview beside the form has no token; this is the one that scans.
import { type UseQueryResult, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { DoorOpen } from 'lucide-react';
import { useEffect } from 'react';
import { campaignQuery } from '../api/campaigns.ts';
import { doorEventQuery, sessionDoorApi, ticketAdmissionQuery } from '../api/checkins.ts';
import { errorText } from '../api/field-errors.ts';
import { finalError, type LiveTicket, liveTicketQuery } from '../api/live-ticket.ts';
import type { Campaign } from '../api/types.ts';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { cn } from '../components/ui/cn.ts';
import { Card, Skeleton, Time } from '../components/ui/misc.tsx';
import { svgDataUri } from '../designer/preview.tsx';
import { eventTitle } from '../checkins/event-title.ts';

function TicketImage({ campaign, live }: { campaign: Campaign; live: UseQueryResult<LiveTicket> }) {
  const queryClient = useQueryClient();
  const archived = finalError(live.error) && live.error.status === 410;
  // Archived elsewhere: the campaign is read again, and the page shows it as archived.
  useEffect(() => {
    if (archived) void queryClient.invalidateQueries({ queryKey: campaignQuery(campaign.id).queryKey });
  }, [archived, campaign.id, queryClient]);
  const transparent = campaign.design_config.background === 'transparent';
  const box = cn(
    'relative flex aspect-square w-full items-center justify-center overflow-hidden rounded-lg border border-zinc-200 p-3 dark:border-zinc-700',
    transparent ? 'checkerboard' : 'bg-white',
  );
  if (live.isPending) return <Skeleton className="aspect-square w-full" />;
  // An old picture no longer scans: one that could not be refreshed is dimmed, with why.
  const failed = live.isError;
  return (
    <div className={box}>
      {live.data && (
        <img
          src={svgDataUri(live.data.svg)}
          alt={`Live ticket of “${campaign.name}”, as ticket holders see it now`}
          data-testid="live-ticket"
          data-state={failed ? 'stale' : 'live'}
          className={cn('max-h-full max-w-full object-contain', failed && 'opacity-25 grayscale')}
        />
      )}
      {failed && (
        <div role="alert" className="absolute inset-x-3 top-1/2 -translate-y-1/2 rounded-lg border border-red-200 bg-white/95 px-3 py-2 text-center text-[13px] text-red-800 shadow-sm">
          <p className="font-medium">{archived ? 'This campaign has been archived: its ticket is no longer shown.' : 'The live ticket could not be shown.'}</p>
          {!archived && (
            <>
              <p className="mt-1">{errorText(live.error)}</p>
              <Button size="sm" className="mt-2" pending={live.isFetching} onClick={() => void live.refetch()}>
                Try again
              </Button>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Whether the ticket got in (or went out again), when and where, and the way to its event's door (tickets made in bulk). */
function AtTheDoor({ campaign }: { campaign: Campaign }) {
  const admission = useQuery(ticketAdmissionQuery(campaign.id));
  const batchId = campaign.batch_id;
  const event = useQuery({ ...doorEventQuery(sessionDoorApi, batchId ?? ''), enabled: batchId !== null });
  const entry = admission.data;
  return (
    <div className="space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
      <h3 className="font-medium text-zinc-900 dark:text-zinc-100">At the door</h3>
      {admission.isPending ? (
        <Skeleton className="h-5 w-48" />
      ) : admission.isError ? (
        <p>Whether it got in could not be loaded: {errorText(admission.error)}</p>
      ) : entry?.type === 'exit' ? (
        <p data-testid="ticket-admission">
          Checked out <Time value={entry.created_at} />
          {entry.scanner_id ? ` at ${entry.scanner_id}` : ''}. {entry.reentry === false ? 'Left for good: re-entry is off for this ticket.' : 'It can come back in.'}
        </p>
      ) : entry ? (
        <p data-testid="ticket-admission">
          Admitted <Time value={entry.created_at} />
          {entry.scanner_id ? ` at ${entry.scanner_id}` : ''}.
        </p>
      ) : (
        <p data-testid="ticket-admission">Not checked in yet.</p>
      )}
      {batchId && (
        <p>
          {event.data && <>Part of the event “{eventTitle(event.data)}”. </>}
          <Link to="/app/checkins/$batchId" params={{ batchId }} className={buttonClass('secondary', 'md', 'mt-1')}>
            <DoorOpen aria-hidden="true" />
            Open the event’s door
          </Link>
        </p>
      )}
    </div>
  );
}

/** The live ticket of an active morphing campaign, and what it is for. */
export function LiveTicketCard({ campaign, dirty }: { campaign: Campaign; dirty: boolean }) {
  const live = useQuery(liveTicketQuery(campaign));
  const every = live.data ? `every ${live.data.stepSeconds} seconds` : 'every few seconds';
  return (
    <Card className="mb-6 p-5">
      <section aria-labelledby="live-ticket-title">
        <h2 id="live-ticket-title" className="mb-3 text-sm font-semibold">
          Live ticket
        </h2>
        <div className="flex flex-col gap-5 sm:flex-row sm:items-start">
          <div className="w-full max-w-64 shrink-0 self-center sm:w-56 sm:self-start lg:w-64">
            <TicketImage campaign={campaign} live={live} />
          </div>
          <div className="min-w-0 max-w-prose space-y-2 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
            <p>This is what ticket holders see on their screen right now. It changes {every}, so screenshots and printouts of it stop working.</p>
            <p>To try it, scan it with your phone: it opens the destination, and the scan counts like a holder’s.</p>
            {dirty && <p className="text-zinc-600 dark:text-zinc-400">It shows the saved design: save your changes to see them here.</p>}
            <AtTheDoor campaign={campaign} />
          </div>
        </div>
      </section>
    </Card>
  );
}
