// A campaign's scans page before any scan in the period: what shows here, and how to try the
// code. A live ticket's short link opened on its own only shows "This code has expired", so for
// one the way to try is scanning the live ticket on the campaign page.
import { Link } from '@tanstack/react-router';
import { ScanLine, Ticket } from 'lucide-react';
import type { Campaign } from '../api/types.ts';
import { buttonClass } from '../components/ui/button.tsx';
import { CopyButton } from '../components/ui/copy-button.tsx';
import { EmptyState } from '../components/ui/misc.tsx';

export function ScansEmpty({ campaign, days }: { campaign: Campaign; days: number }) {
  const title = `No scans in the last ${days} days`;
  if (campaign.qr_type === 'morphing') {
    const active = campaign.status === 'active';
    return (
      <EmptyState
        icon={<ScanLine />}
        title={title}
        actions={
          active && (
            <Link to="/app/campaigns/$campaignId" params={{ campaignId: campaign.id }} className={buttonClass('secondary', 'md')}>
              <Ticket aria-hidden="true" />
              Show the live ticket
            </Link>
          )
        }
      >
        Scans show here within a few seconds of happening.
        {active && ' To try it, scan the live ticket on the campaign page with your phone: its short link opened on its own only shows “This code has expired”.'}
      </EmptyState>
    );
  }
  return (
    <EmptyState icon={<ScanLine />} title={title} actions={<CopyButton text={campaign.public_url} label="Copy the public link" copiedMessage="Link copied" />}>
      Scans show here within a few seconds of happening. Print or share the code, or open its public link to try it.
    </EmptyState>
  );
}
