// Check-in: the account's events (each bulk request of morphing tickets), newest first, each
// opening its door page. A ticket is a morphing code, so only those batches are listed.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ChevronRight, DoorOpen, KeyRound, Ticket } from 'lucide-react';
import { ticketBatchesQuery } from '../api/checkins.ts';
import { eventTitle } from '../checkins/event-title.ts';
import { errorText } from '../api/field-errors.ts';
import type { TicketBatch } from '../api/types.ts';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { Alert, Badge, Card, EmptyState, PageHeader, Skeleton, Time } from '../components/ui/misc.tsx';
import { formatCount } from '../lib/dates.ts';
import { readableUrl } from '../lib/url.ts';
import { useTitle } from '../lib/use-title.ts';

function EventRow({ batch }: { batch: TicketBatch }) {
  return (
    <li className="relative flex items-center gap-4 px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
          {/* The whole row opens the door; the link's name is what a person knows the event by. */}
          <Link
            to="/app/checkins/$batchId"
            params={{ batchId: batch.batch_id }}
            className="min-w-0 rounded-sm [overflow-wrap:anywhere] after:absolute after:inset-0 focus-visible:outline-2 focus-visible:outline-accent max-sm:inline-flex max-sm:min-h-11 max-sm:items-center"
          >
            {eventTitle(batch)}
          </Link>
          {!batch.livemode && <Badge tone="warning">Test</Badge>}
        </p>
        <p className="mt-0.5 truncate text-[13px] text-zinc-600 dark:text-zinc-400">
          {batch.name && `${formatCount(batch.codes)} ${batch.codes === 1 ? 'ticket' : 'tickets'} · `}Created <Time value={batch.created_at} /> · {readableUrl(batch.first_destination)}
        </p>
      </div>
      <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-zinc-400" />
    </li>
  );
}

export function CheckinsPage() {
  useTitle('Check-in');
  const list = useInfiniteQuery(ticketBatchesQuery);
  const batches = list.data?.pages.flatMap((p) => p.data);
  return (
    <>
      <PageHeader title="Check-in" description="Open an event’s door page on each device at the entrance, then scan tickets as people arrive." />
      {list.isError && !list.data ? (
        <Alert title="The events could not be loaded">{errorText(list.error)}</Alert>
      ) : !batches ? (
        <Skeleton className="h-40" />
      ) : batches.length === 0 ? (
        <EmptyState
          icon={<DoorOpen />}
          title="No events yet"
          actions={
            <>
              <Link to="/app/bulk" search={{ type: 'morphing' }} className={buttonClass('primary')}>
                <Ticket aria-hidden="true" />
                Make an event’s tickets
              </Link>
              <Link to="/app/api-keys" className={buttonClass('secondary')}>
                <KeyRound aria-hidden="true" />
                Get an API key
              </Link>
            </>
          }
        >
          Make an event’s tickets on the Bulk create page, or have your ticketing system create them through the API. Each event then gets a door page here to check its tickets in.
        </EmptyState>
      ) : (
        <Card>
          <h2 className="border-b border-zinc-200 px-4 py-3 text-sm font-semibold dark:border-zinc-800">Events</h2>
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {batches.map((b) => (
              <EventRow key={b.batch_id} batch={b} />
            ))}
          </ul>
          {list.hasNextPage && (
            <div className="border-t border-zinc-200 p-3 text-center dark:border-zinc-800">
              <Button size="sm" pending={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Show older events
              </Button>
            </div>
          )}
        </Card>
      )}
    </>
  );
}
