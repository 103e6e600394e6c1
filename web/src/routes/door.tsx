// One event's door, for the signed-in organiser: scan tickets in and out, watch who is inside, and
// read what every gate was answered. Several devices can run it side by side, each with its own
// gate name; staff devices without a sign-in get a door link to the same door.
import { Link, useParams } from '@tanstack/react-router';
import { TesseraApiError } from '@tessera/client';
import { ArrowLeft, Download, Pencil, Share2 } from 'lucide-react';
import { useState } from 'react';
import { checkinsCsvUrl } from '../api/checkins.ts';
import { errorText } from '../api/field-errors.ts';
import type { TicketBatch } from '../api/types.ts';
import { DoorLinkDialog } from '../checkins/door-link-dialog.tsx';
import { DoorView } from '../checkins/door-view.tsx';
import { ReentrySetting } from '../checkins/reentry-setting.tsx';
import { RenameEventDialog } from '../checkins/rename-event-dialog.tsx';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { Alert } from '../components/ui/misc.tsx';

function BackToEvents() {
  return (
    <Link to="/app/checkins" className="mb-2 inline-flex items-center gap-1 rounded text-[13px] max-sm:min-h-11 text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
      <ArrowLeft aria-hidden="true" className="size-3.5" />
      All events
    </Link>
  );
}

function EventMissing({ error }: { error: unknown }) {
  const notFound = error instanceof TesseraApiError && error.status === 404;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">{notFound ? 'Event not found' : 'This event could not be opened'}</h1>
      <Alert>{notFound ? 'This event is not in this account. Check the link, or pick the event from All events.' : errorText(error)}</Alert>
    </div>
  );
}

/** Rename, door link and CSV: what only the organiser's session can do. */
function OrganiserActions({ batchId, event }: { batchId: string; event: TicketBatch | undefined }) {
  const [renaming, setRenaming] = useState(false);
  const [sharing, setSharing] = useState(false);
  return (
    <>
      {event && (
        <>
          <Button onClick={() => setRenaming(true)}>
            <Pencil aria-hidden="true" />
            {/* Shorter on a phone, so the three actions fit one row above the scan field. One
                span: the button spaces its children apart, which doubled the space before "event". */}
            <span>
              {event.name ? 'Rename' : 'Name'}
              <span className="max-sm:hidden"> event</span>
            </span>
          </Button>
          <Button onClick={() => setSharing(true)}>
            <Share2 aria-hidden="true" />
            Door link
          </Button>
          <RenameEventDialog batchId={batchId} name={event.name} open={renaming} onOpenChange={setRenaming} />
          <DoorLinkDialog event={event} open={sharing} onOpenChange={setSharing} />
        </>
      )}
      <a href={checkinsCsvUrl(batchId)} download className={buttonClass('secondary', 'md')}>
        <Download aria-hidden="true" />
        <span className="max-sm:hidden">Download check-ins (CSV)</span>
        <span className="sm:hidden">
          <span className="sr-only">Download check-ins </span>CSV
        </span>
      </a>
    </>
  );
}

export function DoorPage() {
  const { batchId } = useParams({ from: '/app/checkins/$batchId' });
  return (
    <>
      <BackToEvents />
      <DoorView
        batchId={batchId}
        actions={(event) => <OrganiserActions batchId={batchId} event={event} />}
        aside={<ReentrySetting batchId={batchId} />}
        missing={(error) => <EventMissing error={error} />}
      />
    </>
  );
}
