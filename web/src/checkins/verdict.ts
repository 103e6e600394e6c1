// What the door steward is told about a scan: one plain headline, what to do, and a colour. The
// API answers in pretix's vocabulary (result, reason); this is the only place it becomes words.
import type { Checkin } from '../api/types.ts';
import { clockAndDay, relativeTime } from '../lib/dates.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type VerdictTone = 'go' | 'stop' | 'retry';

/** The badge tone a verdict is listed with (the log, earlier scans). */
export const VERDICT_BADGE = { go: 'success', stop: 'danger', retry: 'warning' } as const satisfies Record<VerdictTone, string>;

export interface Verdict {
  tone: VerdictTone;
  title: string;
  detail: string;
}

const ASK_FOR_LIVE = 'Ask them to open the ticket on their phone and scan again.';

const VERDICTS: Record<string, Verdict> = {
  admitted: { tone: 'go', title: 'Admitted', detail: 'Let them in.' },
  left: { tone: 'go', title: 'Left', detail: 'Checked out: the ticket is recorded as having left.' },
  already_used: { tone: 'stop', title: 'Already used', detail: 'Do not let them in: this ticket has already been admitted.' },
  already_inside: { tone: 'stop', title: 'Already inside', detail: 'Check this ticket out before it can enter again.' },
  token_stale: { tone: 'retry', title: 'Old picture of the ticket', detail: `This is a screenshot or an old image. ${ASK_FOR_LIVE}` },
  token_missing: { tone: 'retry', title: 'Not the live ticket', detail: `This is a printed or copied link. ${ASK_FOR_LIVE}` },
  not_yet_active: { tone: 'stop', title: 'Not valid yet', detail: 'Do not let them in yet: admission for this ticket has not started.' },
  ended: { tone: 'stop', title: 'No longer valid', detail: 'Do not let them in: admission for this ticket has ended.' },
  campaign_archived: { tone: 'stop', title: 'Ticket cancelled', detail: 'Do not let them in: the organiser cancelled this ticket.' },
  not_inside: { tone: 'stop', title: 'Not inside', detail: 'This ticket is not inside, so it cannot be checked out. Nothing was changed. Checking people in? Switch to Entry.' },
  token_malformed: { tone: 'retry', title: 'Scan again', detail: `The scan did not read properly. ${ASK_FOR_LIVE}` },
  not_a_ticket: { tone: 'stop', title: 'Not a ticket', detail: 'This is one of your codes, but not a ticket.' },
  other_event: { tone: 'stop', title: 'Ticket for another event', detail: 'This ticket is not for this event. It was not used, so it still works at its own event.' },
};

// unknown_ticket, not_a_ticket_url, and any reason added later.
const NOT_A_TICKET: Verdict = {
  tone: 'stop',
  title: 'Not a ticket',
  detail: 'This code is not a ticket for your events. If it should be, scan it again; if it fails twice, send them to the box office.',
};

/** The headline for a reason, as the steward read it (the figures list refusals by it). */
export function reasonTitle(reason: string): string {
  return (VERDICTS[reason] ?? NOT_A_TICKET).title;
}

/** The verdict on one answered scan, as of `now` (for "it got in 2 minutes ago at North door"). */
export function verdictOf(checkin: Pick<Checkin, 'reason' | 'admission' | 'opens_at'> & { reentry?: boolean | null }, now: number = Date.now()): Verdict {
  const verdict = VERDICTS[checkin.reason] ?? NOT_A_TICKET;
  const { admission, opens_at: opensAt } = checkin;
  // Said as they leave: without re-entry their ticket will be turned away if they come back.
  // (Exits logged before the API said so have no reentry: the plain words stand.)
  if (checkin.reason === 'left' && checkin.reentry === false)
    return { ...verdict, title: 'Left for good', detail: 'Checked out. Tell them they cannot come back in: re-entry is off for this ticket.' };
  if (checkin.reason === 'left' && checkin.reentry === true) return { ...verdict, detail: 'Checked out: they can come back in with this ticket.' };
  // Answers logged before the API said when admission opens have no opens_at.
  if (checkin.reason === 'not_yet_active' && opensAt) {
    // The clock time to tell the guest, and how long that is while it is within a few hours. A
    // device clock ahead of the server's would say "in a moment" of a ticket just refused: no wait then.
    const wait = Date.parse(opensAt) - now;
    const soon = wait > MINUTE && wait < 6 * HOUR ? ` (${relativeTime(opensAt, now)})` : '';
    return { ...verdict, detail: `Do not let them in yet: admission opens at ${clockAndDay(opensAt, now)}${soon}.` };
  }
  if (!admission) return verdict;
  const where = admission.scanner_id ? ` at ${admission.scanner_id}` : '';
  return { ...verdict, detail: `${verdict.detail} It got in ${relativeTime(admission.created_at, now)}${where}.` };
}
