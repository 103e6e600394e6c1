// What people know an event (a batch of tickets) by: the name it was given, else its size and first ticket.
import type { TicketBatch } from '../api/types.ts';
import { formatCount } from '../lib/dates.ts';

/** "Spring fair", or "120 tickets, starting with Priya Raman · 001" for an event never named. */
export function eventTitle(batch: Pick<TicketBatch, 'name' | 'codes' | 'first_name'>): string {
  return batch.name ?? `${formatCount(batch.codes)} ${batch.codes === 1 ? 'ticket' : 'tickets'}, starting with ${batch.first_name}`;
}
