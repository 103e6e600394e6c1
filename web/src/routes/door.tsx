// One event's door: scan tickets in and out, watch who is inside, and read what every gate was
// answered. Several devices can run it side by side, each with its own gate name.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { TesseraApiError } from '@tessera/client';
import { ChevronLeft, Download, Pencil } from 'lucide-react';
import { useState } from 'react';
import { checkinsCsvUrl, doorEventQuery, doorSummaryQuery } from '../api/checkins.ts';
import { errorText } from '../api/field-errors.ts';
import { DoorFigures } from '../checkins/door-figures.tsx';
import { DoorLog } from '../checkins/door-log.tsx';
import { ScanPanel } from '../checkins/scan-panel.tsx';
import { RenameEventDialog } from '../checkins/rename-event-dialog.tsx';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { Alert, PageHeader } from '../components/ui/misc.tsx';
import { formatCount } from '../lib/dates.ts';
import { useTitle } from '../lib/use-title.ts';

function BackToEvents() {
  return (
    <Link to="/app/checkins" className="mb-3 inline-flex items-center gap-1 rounded-sm text-sm max-sm:min-h-11 text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
      <ChevronLeft aria-hidden="true" className="size-4" />
      All events
    </Link>
  );
}

function EventMissing({ error }: { error: unknown }) {
  const notFound = error instanceof TesseraApiError && error.status === 404;
  return (
    <div className="space-y-4">
      <BackToEvents />
      <h1 className="text-xl font-semibold tracking-tight">{notFound ? 'Event not found' : 'This event could not be opened'}</h1>
      <Alert>{notFound ? 'This event is not in this account. Check the link, or pick the event from All events.' : errorText(error)}</Alert>
    </div>
  );
}

export function DoorPage() {
  const { batchId } = useParams({ from: '/app/checkins/$batchId' });
  const summary = useQuery(doorSummaryQuery(batchId));
  const event = useQuery(doorEventQuery(batchId)).data;
  const [renaming, setRenaming] = useState(false);
  useTitle(event?.name ? `${event.name} · Door check-in` : 'Door check-in');
  const testEvent = event?.livemode === false;
  if (summary.isError && !summary.data) return <EventMissing error={summary.error} />;
  const total = summary.data?.tickets.total;
  // A named event is known by its name; an unnamed one by its first ticket, as the list shows it.
  const firstTicket = event && !event.name ? `, starting with ${event.first_name}` : '';
  return (
    <>
      <BackToEvents />
      <PageHeader
        title={event?.name ?? 'Door check-in'}
        description={
          total === undefined ? 'Scan each ticket as its holder arrives.' : `${formatCount(total)} ${total === 1 ? 'ticket' : 'tickets'}${firstTicket}. Scan each one as its holder arrives.`
        }
        actions={
          <>
            {event && (
              <Button onClick={() => setRenaming(true)}>
                <Pencil aria-hidden="true" />
                {event.name ? 'Rename event' : 'Name event'}
              </Button>
            )}
            <a href={checkinsCsvUrl(batchId)} download className={buttonClass('secondary', 'md')}>
              <Download aria-hidden="true" />
              {/* Shorter on a phone, so both actions fit one row above the scan field. */}
              <span className="max-sm:hidden">Download check-ins (CSV)</span>
              <span className="sm:hidden">Download CSV</span>
            </a>
          </>
        }
      />
      {event && <RenameEventDialog batchId={batchId} name={event.name} open={renaming} onOpenChange={setRenaming} />}
      {testEvent && (
        <div className="mb-6">
          <p role="status" className="rounded-lg bg-amber-400 px-4 py-3 text-sm text-zinc-950">
            <span className="font-semibold">Test tickets</span>, for rehearsing the door: made with a test key, they are not the tickets of a real event.
          </p>
        </div>
      )}
      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <ScanPanel batchId={batchId} />
        <DoorFigures batchId={batchId} />
      </div>
      <div className="mt-6">
        <DoorLog batchId={batchId} />
      </div>
    </>
  );
}
