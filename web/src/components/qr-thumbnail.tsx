import { Archive, Ticket } from 'lucide-react';
import type { Campaign } from '../api/types.ts';
import { cn } from './ui/cn.ts';

/** A small picture of the code as the server renders it (morphing and archived codes have none to show). */
export function QrThumbnail({ campaign, className }: { campaign: Pick<Campaign, 'short_code' | 'qr_type' | 'status' | 'updated_at'>; className?: string }) {
  const box = cn('flex shrink-0 items-center justify-center overflow-hidden rounded-md border border-zinc-200 bg-white dark:border-zinc-700', className);
  if (campaign.status === 'archived') {
    return (
      <span className={cn(box, 'bg-zinc-50 text-zinc-400 dark:bg-zinc-800')}>
        <Archive aria-hidden="true" className="size-4" />
      </span>
    );
  }
  if (campaign.qr_type === 'morphing') {
    return (
      <span className={cn(box, 'bg-accent-soft text-accent-ink')}>
        <Ticket aria-hidden="true" className="size-4" />
      </span>
    );
  }
  // updated_at in the URL: a saved design change shows at once instead of the cached image.
  return (
    <span className={box}>
      <img src={`/api/render/${campaign.short_code}.svg?v=${Date.parse(campaign.updated_at)}`} alt="" loading="lazy" decoding="async" className="size-full object-contain" />
    </span>
  );
}
