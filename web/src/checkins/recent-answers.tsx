// The answers just before the one on show, newest first. A scanner reads a ticket every moment: a
// refusal followed at once by the next holder's "Admitted" would otherwise be gone before anyone
// saw it, though that person was turned away.
import type { Checkin } from '../api/types.ts';
import { Badge } from '../components/ui/misc.tsx';
import { VERDICT_BADGE, verdictOf } from './verdict.ts';

/** How many earlier answers stay listed. */
export const RECENT = 4;

export interface RecentAnswer {
  checkin: Checkin;
}

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function RecentAnswers({ answers }: { answers: readonly RecentAnswer[] }) {
  if (answers.length === 0) return null;
  return (
    <section aria-label="Earlier scans">
      <h2 className="text-[13px] font-medium text-zinc-600 dark:text-zinc-400">Earlier scans</h2>
      <ul className="mt-1.5 divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
        {answers.slice(0, RECENT).map(({ checkin }) => {
          const verdict = verdictOf(checkin);
          return (
            <li key={checkin.checkin_id} className="flex items-center gap-3 py-1.5">
              <span className="tabular shrink-0 text-xs text-zinc-500 dark:text-zinc-400">{clock.format(new Date(checkin.created_at))}</span>
              <Badge tone={VERDICT_BADGE[verdict.tone]}>{verdict.title}</Badge>
              <span className="min-w-0 truncate">{checkin.ticket ? <bdi>{checkin.ticket.name}</bdi> : null}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
