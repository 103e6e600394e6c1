// The event's latest check-ins, newest first, from every gate: what each scan was answered, for
// the steward who wants to know what happened a moment ago, and for the organiser afterwards.
import { useInfiniteQuery } from '@tanstack/react-query';
import { ClipboardList } from 'lucide-react';
import { doorLogQuery } from '../api/checkins.ts';
import { errorText } from '../api/field-errors.ts';
import type { Checkin } from '../api/types.ts';
import { Button } from '../components/ui/button.tsx';
import { Alert, Badge, Card, EmptyState, Skeleton, Time } from '../components/ui/misc.tsx';
import { ScrollingTable } from '../components/ui/scrolling-table.tsx';
import { verdictOf } from './verdict.ts';

const COLUMNS = [
  { key: 'time', title: 'When' },
  { key: 'ticket', title: 'Ticket' },
  { key: 'answer', title: 'Answer' },
  { key: 'direction', title: 'Direction' },
  { key: 'gate', title: 'Gate' },
] as const;

const BADGE = { go: 'success', stop: 'danger', retry: 'warning' } as const;

function Row({ checkin }: { checkin: Checkin }) {
  const verdict = verdictOf(checkin);
  return (
    <tr>
      <td className="px-4 py-2">
        <Time value={checkin.created_at} />
      </td>
      <td className="px-4 py-2">{checkin.ticket ? checkin.ticket.name : <span className="text-zinc-500 dark:text-zinc-400">Not a ticket</span>}</td>
      <td className="px-4 py-2">
        <Badge tone={BADGE[verdict.tone]}>{verdict.title}</Badge>
      </td>
      <td className="px-4 py-2">{checkin.type === 'entry' ? 'Entry' : 'Exit'}</td>
      <td className="px-4 py-2">{checkin.scanner_id ?? <span className="text-zinc-500 dark:text-zinc-400">Unnamed</span>}</td>
    </tr>
  );
}

export function DoorLog({ batchId }: { batchId: string }) {
  const log = useInfiniteQuery(doorLogQuery(batchId));
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
