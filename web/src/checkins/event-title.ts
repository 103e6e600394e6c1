// What people know an event (a batch of tickets) by: the name it was given, else its size and first
// ticket; and what is no name for one.
import type { TicketBatch } from '../api/types.ts';
import { formatCount } from '../lib/dates.ts';

/** "Spring fair", or "120 tickets, starting with Priya Raman · 001" for an event never named. */
export function eventTitle(batch: Pick<TicketBatch, 'name' | 'codes' | 'first_name'>): string {
  return batch.name ?? `${formatCount(batch.codes)} ${batch.codes === 1 ? 'ticket' : 'tickets'}, starting with ${batch.first_name}`;
}

/** Whether text typed as a name is a link, as a scanner types a ticket: no event is called "https://…". */
export function looksScanned(text: string): boolean {
  return /[a-z][a-z0-9+.-]*:\/\//i.test(text);
}
