// What a batch of live tickets ends with: no images (a ticket's picture exists only as a signed,
// changing render), but tickets.csv for the ticketing system to import: each ticket's name, short
// code, id and destination, and the secret key it signs that ticket's live picture with. Written
// with the server's own CSV cell rules, so names cannot run as spreadsheet formulas.
import { csvRow } from '../../../src/csv.ts';
import type { Campaign } from '../api/types.ts';

/** Columns of tickets.csv. */
export const TICKETS_HEADER = ['name', 'short_code', 'campaign_id', 'destination', 'secret_key'] as const;

/** tickets.csv for created live tickets; a ticket without its secret (never, from a creation) is refused rather than written half. */
export function ticketsCsv(campaigns: ReadonlyArray<Pick<Campaign, 'id' | 'name' | 'short_code' | 'destination' | 'secret_key'>>): string {
  return (
    csvRow([...TICKETS_HEADER]) +
    campaigns
      .map((c) => {
        if (!c.secret_key) throw new Error(`The server sent no secret key for ticket ${c.short_code}.`);
        return csvRow([c.name, c.short_code, c.id, c.destination, c.secret_key]);
      })
      .join('')
  );
}
