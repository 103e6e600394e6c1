// The event's latest check-ins, newest first, from every gate: what each scan was answered, for
// the steward who wants to know what happened a moment ago, and for the organiser afterwards.
import { useInfiniteQuery } from '@tanstack/react-query';
import { ClipboardList } from 'lucide-react';
import { doorLogQuery } from '../api/checkins.ts';
import { errorText } from '../api/field-errors.ts';
import type { Checkin } from '../api/types.ts';
import { Button } from '../components/ui/button.tsx';
import { Alert, Badge, Card, EmptyState, Skeleton } from '../components/ui/misc.tsx';
import { ScrollingTable } from '../components/ui/scrolling-table.tsx';
import { useDoorApi } from './door-api.tsx';
import { VERDICT_BADGE, verdictOf } from './verdict.ts';

// On a phone the ticket, gate and direction are shown under their answer: columns of their own
// would be off screen, and the direction (an exit refused, say) with them.
const COLUMNS = [
  { key: 'time', title: 'When' },
  {
    key: 'answer',
    title: (
      <>
        Answer<span className="sm:hidden">, ticket and gate</span>
      </>
    ),
  },
  { key: 'ticket', title: 'Ticket', className: 'max-sm:hidden' },
  { key: 'gate', title: 'Gate', className: 'max-sm:hidden' },
  { key: 'direction', title: 'Direction', className: 'max-sm:hidden' },
] as const;

// A night's log reads in clock times ("21:04:12"), the date on hover: every row of a busy door
// would otherwise say "just now" or "2 hours ago".
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

// Names and gates wrap between words; `anywhere` let a narrow screen squeeze a column to one letter
// ("Edsge|r"), so they keep a readable width and the table scrolls sideways instead.
// A door link's key is not told another event's ticket (ADR 0041), so such a refusal names none.
function TicketName({ checkin }: { checkin: Checkin }) {
  if (checkin.ticket) return <bdi>{checkin.ticket.name}</bdi>;
  return <span className="text-zinc-500 dark:text-zinc-400">{checkin.reason === 'other_event' ? 'Another event’s ticket' : 'Not a ticket'}</span>;
}

function GateName({ checkin }: { checkin: Checkin }) {
  return checkin.scanner_id ? <bdi>{checkin.scanner_id}</bdi> : <span className="text-zinc-500 dark:text-zinc-400">No gate name</span>;
}

function Row({ checkin }: { checkin: Checkin }) {
  const verdict = verdictOf(checkin);
  const direction = checkin.type === 'entry' ? 'Entry' : 'Exit';
  return (
    <tr>
      <td className="px-4 py-2 whitespace-nowrap">
        <time dateTime={checkin.created_at} title={full.format(new Date(checkin.created_at))} className="tabular">
          {clock.format(new Date(checkin.created_at))}
        </time>
      </td>
      <td className="px-4 py-2">
        <Badge tone={VERDICT_BADGE[verdict.tone]}>{verdict.title}</Badge>
        <div className="mt-1 min-w-[8rem] max-w-[14rem] [overflow-wrap:break-word] sm:hidden">
          <TicketName checkin={checkin} />
          <div className="text-zinc-600 dark:text-zinc-400">
            <GateName checkin={checkin} /> · {direction}
          </div>
        </div>
      </td>
      <td className="max-w-[20rem] min-w-[8rem] px-4 py-2 [overflow-wrap:break-word] max-sm:hidden">
        <TicketName checkin={checkin} />
      </td>
      <td className="max-w-[14rem] min-w-[7rem] px-4 py-2 [overflow-wrap:break-word] max-sm:hidden">
        <GateName checkin={checkin} />
      </td>
      <td className="px-4 py-2 max-sm:hidden">{direction}</td>
    </tr>
  );
}

export function DoorLog({ batchId }: { batchId: string }) {
  const log = useInfiniteQuery(doorLogQuery(useDoorApi(), batchId));
  if (log.isError && !log.data) return <Alert title="The check-ins could not be loaded">{errorText(log.error)}</Alert>;
  if (!log.data) return <Skeleton className="h-48" />;
  const rows = log.data.pages.flatMap((p) => p.data);
  if (rows.length === 0)
    return (
      <EmptyState icon={<ClipboardList />} title="No check-ins yet">
        Every scan of this event’s tickets, at any gate, is listed here with its answer.
      </EmptyState>
    );
  return (
    <Card>
      <h2 id="door-log" className="border-b border-zinc-200 px-4 py-3 text-sm font-semibold dark:border-zinc-800">
        Latest check-ins
      </h2>
      <ScrollingTable labelledBy="door-log" columns={COLUMNS}>
        {rows.map((c) => (
          <Row key={c.checkin_id} checkin={c} />
        ))}
      </ScrollingTable>
      {log.hasNextPage && (
        <div className="border-t border-zinc-200 p-3 text-center dark:border-zinc-800">
          <Button size="sm" pending={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            Show older check-ins
          </Button>
        </div>
      )}
    </Card>
  );
}
