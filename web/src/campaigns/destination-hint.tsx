// Under the campaign's destination, when it is the address of the campaign's own hosted page: say
// that scans lead to the page (and warn when the page is not published), with the way to it.
import { Link } from '@tanstack/react-router';
import type { Campaign } from '../api/types.ts';

export function PageDestinationHint({ campaign }: { campaign: Campaign }) {
  const link = (
    <Link to="/app/campaigns/$campaignId/page" params={{ campaignId: campaign.id }} className="text-accent-ink underline">
      hosted page
    </Link>
  );
  if (!campaign.hosted_page?.published) return <>This is the address of this campaign’s {link}, which is not published: people who scan the code see “page not found”.</>;
  return <>Scans lead to this campaign’s {link}. Type another address to send them elsewhere.</>;
}
