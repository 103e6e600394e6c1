// Under a saved campaign's details: its public link to copy, and what kind of code it is. A live
// ticket's short link opens only with the token a scan of the live ticket adds (alone it shows
// "This code has expired"), so it is explained instead of offered for copying.
import { QR_TYPE_HINTS, QR_TYPE_LABELS } from '../api/labels.ts';
import type { Campaign } from '../api/types.ts';
import { CopyButton } from '../components/ui/copy-button.tsx';
import { readableUrl } from '../lib/url.ts';

/** Where the API reference shows how to read a live ticket's render secret. */
export const RENDER_SECRET_DOCS = '/docs/#/morphing/getCampaignSecret';

const muted = 'text-[13px] leading-relaxed text-zinc-600 dark:text-zinc-400';

function TypeLine({ campaign }: { campaign: Campaign }) {
  return (
    <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
      <span className="font-medium">{QR_TYPE_LABELS[campaign.qr_type]} code.</span> {QR_TYPE_HINTS[campaign.qr_type]}
    </p>
  );
}

function TicketLink({ campaign }: { campaign: Campaign }) {
  return (
    <div className="space-y-1.5" data-testid="ticket-link">
      <p className="text-[13px] font-medium">Ticket link</p>
      <p className={muted}>
        Its short link, <code className="rounded bg-zinc-100 px-1 break-all text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{campaign.public_url}</code>, opens only with the live token that
        scanning the live ticket adds. Opened, shared or printed on its own, it shows “This code has expired”, so there is no link to copy.
      </p>
      <p className={muted}>
        Holders see their ticket in your own site or app: your server shows the image through a link it signs with this campaign’s render secret, and signs again every few seconds.{' '}
        <a href={RENDER_SECRET_DOCS} className="font-medium text-accent-ink underline">
          Get the render secret (API reference)
        </a>
      </p>
    </div>
  );
}

export function PublicLink({ campaign }: { campaign: Campaign }) {
  if (campaign.qr_type === 'morphing') return campaign.status === 'archived' ? <TypeLine campaign={campaign} /> : <TicketLink campaign={campaign} />;
  return (
    <div className="space-y-1.5">
      <p className="text-[13px] font-medium">Public link</p>
      <div className="flex items-center gap-2">
        {/* The host may break anywhere on a narrow screen; a short code never does. A static code's
            link is its destination, whose last segment can be any length: it breaks anywhere too. */}
        <code className="min-w-0 flex-1 rounded-md break-all bg-zinc-100 px-2.5 py-1.5 text-[13px] dark:bg-zinc-800">
          {campaign.qr_type === 'static' ? (
            readableUrl(campaign.public_url)
          ) : (
            <>
              {campaign.public_url.slice(0, campaign.public_url.lastIndexOf('/'))}
              <span className="whitespace-nowrap">{campaign.public_url.slice(campaign.public_url.lastIndexOf('/'))}</span>
            </>
          )}
        </code>
        <CopyButton size="sm" text={campaign.public_url} label="Copy" copiedMessage="Link copied" aria-label="Copy public link" />
      </div>
      <TypeLine campaign={campaign} />
    </div>
  );
}
