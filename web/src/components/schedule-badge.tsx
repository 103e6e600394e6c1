// Where a campaign stands: archived, not started yet or ended (its code answers a "not active yet"
// or "ended" page then), or active. One place for the list's rows and the campaign page's header.
import type { Campaign } from '../api/types.ts';
import { exactTime, relativeTime } from '../lib/dates.ts';
import { Badge } from './ui/misc.tsx';

/**
 * The campaign's state as a badge. A static code has no schedule (phones follow it without
 * Tessera). `showActive` also labels a campaign that runs now; the list leaves it unlabelled.
 */
export function CampaignStateBadge({ campaign, showActive = false }: { campaign: Campaign; showActive?: boolean }) {
  if (campaign.status === 'archived') return <Badge tone="warning">Archived</Badge>;
  const now = Date.now();
  const { active_from: from, active_until: until } = campaign.qr_type === 'static' ? { active_from: null, active_until: null } : campaign;
  if (from && Date.parse(from) > now)
    return (
      <span className="shrink-0" title={exactTime(from)}>
        <Badge tone="accent">Starts {relativeTime(from, now)}</Badge>
      </span>
    );
  if (until && Date.parse(until) <= now)
    return (
      <span className="shrink-0" title={exactTime(until)}>
        <Badge tone="neutral">Ended</Badge>
      </span>
    );
  return showActive ? <Badge tone="success">Active</Badge> : null;
}
