// The end of a bulk run: what was made, its download again, and where to go next. Codes come as
// a ZIP of images; live tickets (an event) as tickets.csv, and the way to the event's door.
import { Link } from '@tanstack/react-router';
import { CheckCircle2, DoorOpen, Download } from 'lucide-react';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { Card, PageHeader } from '../components/ui/misc.tsx';
import { formatCount } from '../lib/dates.ts';
import { fileSafe, saveBlob } from '../lib/download.ts';
import type { BulkOutcome } from './bulk-run.ts';

/** "tessera-Spring-fair-bat_….zip" (or "…-tickets.csv" for live tickets), the batch's name first when it has one. */
export function downloadName(outcome: BulkOutcome): string {
  const stem = outcome.batchName ? fileSafe(outcome.batchName, '') : '';
  return `tessera-${stem ? `${stem}-` : ''}${outcome.batchId}${outcome.live ? '-tickets.csv' : '.zip'}`;
}

/** "50 codes created" (or "120 tickets created"), and the batch's name when it has one. */
export function createdTitle(outcome: BulkOutcome): string {
  const n = outcome.campaigns.length;
  const what = outcome.live ? (n === 1 ? 'ticket' : 'tickets') : n === 1 ? 'code' : 'codes';
  const count = `${formatCount(n)} ${what} created`;
  return outcome.batchName ? `${count} for “${outcome.batchName}”` : count;
}

export function BulkCreated({ outcome, format, onAnother }: { outcome: BulkOutcome; format: 'svg' | 'png'; onAnother: () => void }) {
  const download = (
    <Button variant={outcome.live ? 'secondary' : 'primary'} onClick={() => saveBlob(outcome.file, downloadName(outcome))}>
      <Download aria-hidden="true" />
      {outcome.live ? 'Download tickets.csv again' : 'Download the ZIP again'}
    </Button>
  );
  return (
    <>
      <PageHeader title="Bulk create" />
      <Card className="flex flex-col items-center px-6 py-12 text-center">
        <CheckCircle2 aria-hidden="true" className="size-10 text-green-600" />
        <h2 className="mt-4 max-w-md text-lg font-semibold break-words">{createdTitle(outcome)}</h2>
        {outcome.live ? (
          <div className="mt-1.5 max-w-lg space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
            <p>
              Your download has started: <code>tickets.csv</code> lists each ticket’s name, short code, id, destination and <strong className="font-medium">secret key</strong>. Your ticketing system
              shows each holder their live ticket by signing its picture with that key, so it changes every few seconds and a screenshot does not get in.
            </p>
            <p>Keep the file private: a ticket’s secret key shows that ticket. Check the tickets in on the event’s door page.</p>
          </div>
        ) : (
          <p className="mt-1.5 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
            Your download has started: a ZIP with one {format.toUpperCase()} per code and <code>manifest.csv</code> listing each name, short code, public link and destination.
          </p>
        )}
        <div className="mt-6 flex flex-wrap justify-center gap-2">
          {outcome.live ? (
            <>
              <Link to="/app/checkins/$batchId" params={{ batchId: outcome.batchId }} className={buttonClass('primary')}>
                <DoorOpen aria-hidden="true" />
                Open the event’s door
              </Link>
              {download}
            </>
          ) : (
            <>
              {download}
              <Link to="/app" className={buttonClass('secondary')}>
                See them in Campaigns
              </Link>
            </>
          )}
          <Button variant="ghost" onClick={onAnother}>
            Start another batch
          </Button>
        </div>
      </Card>
    </>
  );
}
