// A live ticket's scans are phones opening it, not the door: a ticket checked in at the gate,
// even twice, still read "No scans" here with no word of why. This says where check-ins are.
import { Link } from '@tanstack/react-router';
import type { Campaign } from '../api/types.ts';

export function TicketScansNote({ campaign }: { campaign: Campaign }) {
  const batchId = campaign.batch_id;
  return (
    <p data-testid="ticket-scans-note" className="mb-4 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
      Scans are phones opening the live ticket. Check-ins at the door are not counted here:{' '}
      {batchId ? (
        <Link to="/app/checkins/$batchId" params={{ batchId }} className="font-medium text-accent-ink underline">
          see them on the event’s door page
        </Link>
      ) : (
        <Link to="/app/campaigns/$campaignId" params={{ campaignId: campaign.id }} className="font-medium text-accent-ink underline">
          the ticket’s page says whether it got in
        </Link>
      )}
      .
    </p>
  );
}
