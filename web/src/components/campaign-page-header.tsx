// The header of a page about one campaign (its scans, its form answers): the way back to the
// campaign by name, the page's title, and its actions.
import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { pageHeaderClass } from './ui/misc.tsx';

export function CampaignPageHeader({ campaignId, campaignName, title, actions }: { campaignId: string; campaignName: string | undefined; title: string; actions?: ReactNode }) {
  return (
    <div className={pageHeaderClass.row}>
      <div className={pageHeaderClass.title}>
        <Link
          to="/app/campaigns/$campaignId"
          params={{ campaignId }}
          className="mb-2 inline-flex max-sm:min-h-11 max-w-full items-center gap-1 rounded text-[13px] text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          <ArrowLeft aria-hidden="true" className="size-3.5 shrink-0" />
          <span className="truncate">{campaignName ?? 'Campaign'}</span>
        </Link>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      </div>
      {actions && <div className={pageHeaderClass.actions}>{actions}</div>}
    </div>
  );
}
