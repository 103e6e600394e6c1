// One event's door: its title, the scan field, the figures and the log, on the organiser's page
// (/app/checkins/…) and on a door link's page (/door/…) alike. Each page adds around it what it
// may do (rename, CSV, door link) and says in its own words when the event cannot be opened.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { doorEventQuery, doorSummaryQuery } from '../api/checkins.ts';
import type { TicketBatch } from '../api/types.ts';
import { PageHeader } from '../components/ui/misc.tsx';
import { formatCount } from '../lib/dates.ts';
import { useTitle } from '../lib/use-title.ts';
import { useDoorApi } from './door-api.tsx';
import { DoorFigures } from './door-figures.tsx';
import { DoorLog } from './door-log.tsx';
import { ScanPanel } from './scan-panel.tsx';

export function DoorView({
  batchId,
  actions,
  missing,
  aside,
}: {
  batchId: string;
  /** What the page adds under the figures (the organiser's event settings). */
  aside?: ReactNode;
  /** The page's buttons beside the title (the event once it is known). */
  actions?: (event: TicketBatch | undefined) => ReactNode;
  /** What to show when the event cannot be loaded (not found, or refused). */
  missing: (error: unknown) => ReactNode;
}) {
  const door = useDoorApi();
  const summary = useQuery(doorSummaryQuery(door, batchId));
  const event = useQuery(doorEventQuery(door, batchId)).data;
  useTitle(event?.name ? `${event.name} · Door check-in` : 'Door check-in');
  if (summary.isError && !summary.data) return missing(summary.error);
  const total = summary.data?.tickets.total;
  // A named event is known by its name; an unnamed one by its first ticket, as the list shows it.
  const firstTicket = event && !event.name ? `, starting with ${event.first_name}` : '';
  return (
    <>
      <PageHeader
        title={event?.name ?? 'Door check-in'}
        description={
          total === undefined ? 'Scan each ticket as its holder arrives.' : `${formatCount(total)} ${total === 1 ? 'ticket' : 'tickets'}${firstTicket}. Scan each one as its holder arrives.`
        }
        actions={actions?.(event)}
      />
      {event?.livemode === false && (
        <div className="mb-6">
          <p role="status" className="rounded-lg bg-amber-400 px-4 py-3 text-sm text-zinc-950">
            <span className="font-semibold">Test tickets</span>, for rehearsing the door: made with a test key, they are not the tickets of a real event.
          </p>
        </div>
      )}
      <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <ScanPanel batchId={batchId} />
        <div className="space-y-4">
          <DoorFigures batchId={batchId} />
          {aside}
        </div>
      </div>
      <div className="mt-6">
        <DoorLog batchId={batchId} />
      </div>
    </>
  );
}
