// A campaign's row actions: copy the public link (not a live ticket's), edit, scans, download, archive (asked once).
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { Link } from '@tanstack/react-router';
import { Archive, BarChart3, Copy, Download, MoreHorizontal, Pencil } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useRef, useState } from 'react';
import { archiveCampaign, downloadCampaignImage, PNG_SIZES, rememberCampaign } from '../api/campaigns.ts';
import { errorText } from '../api/field-errors.ts';
import type { Campaign } from '../api/types.ts';
import { copyText } from '../lib/clipboard.ts';
import { ConfirmDialog } from './ui/dialog.tsx';
import { toast, toastError } from './ui/toast.tsx';

const item =
  'flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm max-sm:min-h-11 outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800 [&_svg]:size-4 [&_svg]:text-zinc-500';

/** The archive confirmation, shared by the list and the editor. */
export function ArchiveDialog({ campaign, open, onOpenChange, onArchived }: { campaign: Campaign; open: boolean; onOpenChange: (open: boolean) => void; onArchived?: () => void }) {
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: () => archiveCampaign(campaign.id),
    onSuccess: (archived) => {
      rememberCampaign(queryClient, archived);
      toast(`“${campaign.name}” archived`);
      onOpenChange(false);
      onArchived?.();
    },
  });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Archive “${campaign.name}”?`}
      description={
        <>
          {campaign.qr_type === 'static'
            ? 'Its code leads straight to its destination, so copies already printed or saved keep working: Tessera never sees those scans. Archiving takes it off your active list and stops serving its image. Its settings are kept, but it can no longer be edited.'
            : 'Its code stops leading anywhere: people who scan it, including from codes already printed, will see a page saying the campaign has ended. Its scans and settings are kept, but it can no longer be edited.'}
          {archive.error && <span className="mt-2 block text-red-700 dark:text-red-400">{errorText(archive.error)}</span>}
        </>
      }
      confirmLabel="Archive campaign"
      pending={archive.isPending}
      onConfirm={() => archive.mutate()}
    />
  );
}

export function CampaignActions({ campaign }: { campaign: Campaign }) {
  const [confirming, setConfirming] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const active = campaign.status === 'active';
  const renderable = active && campaign.qr_type !== 'morphing';
  const download = (format: 'svg' | 'png', size?: number) => {
    downloadCampaignImage(campaign, format, size).catch((error: unknown) => toastError(`Download failed: ${errorText(error)}`));
  };
  return (
    <>
      {/* Not modal: a modal menu hides the rest of the page from assistive technology while focus can still reach it. */}
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger
          ref={trigger}
          aria-label={`Actions for ${campaign.name}`}
          className="inline-flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 data-[state=open]:bg-zinc-100 max-sm:size-11 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:data-[state=open]:bg-zinc-800"
        >
          <MoreHorizontal aria-hidden="true" className="size-4" />
        </DropdownMenu.Trigger>
        {/* Rendered in place (positioned fixed by Radix), so the menu stays inside the page's landmarks. */}
        <DropdownMenu.Content
          // A non-modal menu leaves focus where it was on close; put it back on the trigger.
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            trigger.current?.focus();
          }}
          align="end"
          sideOffset={4}
          className="z-50 min-w-52 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {/* A live ticket's short link alone only shows "This code has expired": nothing worth copying. */}
          {campaign.qr_type !== 'morphing' && (
            <DropdownMenu.Item className={item} onSelect={() => void copyText(campaign.public_url).then(() => toast('Link copied'))}>
              <Copy aria-hidden="true" /> Copy public link
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Item asChild className={item}>
            <Link to="/app/campaigns/$campaignId" params={{ campaignId: campaign.id }}>
              <Pencil aria-hidden="true" /> {active ? 'Edit' : 'View'}
            </Link>
          </DropdownMenu.Item>
          {campaign.qr_type !== 'static' && (
            <DropdownMenu.Item asChild className={item}>
              <Link to="/app/campaigns/$campaignId/scans" params={{ campaignId: campaign.id }}>
                <BarChart3 aria-hidden="true" /> Scans
              </Link>
            </DropdownMenu.Item>
          )}
          {renderable && (
            <>
              <DropdownMenu.Separator className="my-1 h-px bg-zinc-200 dark:bg-zinc-700" />
              <DropdownMenu.Item className={item} onSelect={() => download('svg')}>
                <Download aria-hidden="true" /> Download SVG
              </DropdownMenu.Item>
              {PNG_SIZES.map((size) => (
                <DropdownMenu.Item key={size} className={item} onSelect={() => download('png', size)}>
                  <Download aria-hidden="true" /> Download PNG, {size} px
                </DropdownMenu.Item>
              ))}
            </>
          )}
          {active && (
            <>
              <DropdownMenu.Separator className="my-1 h-px bg-zinc-200 dark:bg-zinc-700" />
              <DropdownMenu.Item className={`${item} text-red-700 dark:text-red-400 [&_svg]:text-red-600`} onSelect={() => setConfirming(true)}>
                <Archive aria-hidden="true" /> Archive…
              </DropdownMenu.Item>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Root>
      {active && <ArchiveDialog campaign={campaign} open={confirming} onOpenChange={setConfirming} />}
    </>
  );
}
