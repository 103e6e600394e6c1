// The campaign editor's title row: the way back to the list, the campaign's name and status, and
// its actions (its hosted page, form answers, scans, archive, save). A static code holds its
// destination itself: it is offered no page to lead to and has no scans to show.
import { Link } from '@tanstack/react-router';
import { Archive, ArrowLeft, BarChart3, FileText, Inbox, Save } from 'lucide-react';
import type { Campaign } from '../api/types.ts';
import { CampaignStateBadge } from '../components/schedule-badge.tsx';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { cn } from '../components/ui/cn.ts';
import { pageHeaderClass } from '../components/ui/misc.tsx';
import { passesThroughTessera } from './hosted-page-target.ts';

export function EditorHeader({ campaign, readOnly, dirty, saving, onArchive }: { campaign: Campaign | undefined; readOnly: boolean; dirty: boolean; saving: boolean; onArchive: () => void }) {
  // An existing page stays reachable (to read or remove it); a new one only where the code can lead to it.
  const pageLink = campaign && (campaign.hosted_page || (!readOnly && passesThroughTessera(campaign)));
  const scans = campaign && passesThroughTessera(campaign);
  return (
    <div className={cn(pageHeaderClass.row, 'sm:items-center')}>
      <div className={pageHeaderClass.title}>
        <Link to="/app" className="mb-2 inline-flex max-sm:min-h-11 items-center gap-1 rounded text-[13px] text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
          <ArrowLeft aria-hidden="true" className="size-3.5" />
          Campaigns
        </Link>
        <div className="flex items-center gap-2">
          {/* Wraps rather than cut: a cut name hid its end from touch and keyboard users (the title
              attribute is a mouse's), and an ellipsis inside mixed-direction text split a word. */}
          <h1 dir="auto" className="line-clamp-3 min-w-0 text-xl font-semibold tracking-tight" title={campaign?.name}>
            {campaign ? campaign.name : 'New campaign'}
          </h1>
          {campaign && <CampaignStateBadge campaign={campaign} showActive />}
        </div>
      </div>
      {(pageLink || scans || !readOnly) && (
        <div className={pageHeaderClass.actions}>
          {campaign && pageLink && (
            <Link to="/app/campaigns/$campaignId/page" params={{ campaignId: campaign.id }} className={buttonClass('secondary', 'md')}>
              <FileText aria-hidden="true" />
              {campaign.hosted_page ? 'Hosted page' : 'Add a page'}
            </Link>
          )}
          {campaign?.hosted_page?.form && (
            <Link to="/app/campaigns/$campaignId/answers" params={{ campaignId: campaign.id }} className={buttonClass('secondary', 'md')}>
              <Inbox aria-hidden="true" />
              Form answers
            </Link>
          )}
          {campaign && scans && (
            <Link to="/app/campaigns/$campaignId/scans" params={{ campaignId: campaign.id }} className={buttonClass('secondary', 'md')}>
              <BarChart3 aria-hidden="true" />
              Scans
            </Link>
          )}
          {campaign && !readOnly && (
            <Button onClick={onArchive}>
              <Archive aria-hidden="true" />
              Archive
            </Button>
          )}
          {!readOnly && (
            <Button type="submit" variant="primary" pending={saving} disabled={!dirty}>
              <Save aria-hidden="true" />
              {campaign ? 'Save changes' : 'Create campaign'}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
