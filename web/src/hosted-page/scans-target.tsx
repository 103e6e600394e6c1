// Where the campaign's code leads, seen from its hosted page. A published page that the code does
// not lead to offers one action: make the page's address (as the API gives it) the campaign's
// destination, after a confirmation naming the destination it replaces. When scans already go to
// the page, it says so; when they go to it while it is unpublished, it warns. A static code holds
// its destination itself, so it gets a sentence instead; archived campaigns can no longer change.
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { unwrap } from '@tessera/client';
import { CheckCircle2, Send } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { rememberCampaign } from '../api/campaigns.ts';
import { api } from '../api/client.ts';
import { errorText } from '../api/field-errors.ts';
import { useMutation } from '../api/mutation.ts';
import type { Campaign } from '../api/types.ts';
import { leadsToHostedPage, passesThroughTessera } from '../campaigns/hosted-page-target.ts';
import { Button } from '../components/ui/button.tsx';
import { ConfirmDialog } from '../components/ui/dialog.tsx';
import { Alert, Card } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { readableUrl } from '../lib/url.ts';

const url = 'font-medium break-all text-zinc-900 dark:text-zinc-100';

export function ScansTarget({ campaign }: { campaign: Campaign }) {
  const queryClient = useQueryClient();
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [sentCount, setSentCount] = useState(0);
  const status = useRef<HTMLDivElement>(null);
  const send = useMutation({
    mutationFn: (destination: string) => unwrap(api.PUT('/api/v1/campaigns/{id}', { params: { path: { id: campaign.id } }, body: { destination } })),
    onSuccess: (stored) => {
      setConfirmOpen(false);
      rememberCampaign(queryClient, stored);
      setSentCount((n) => n + 1);
      toast('Scans now lead to this page');
    },
  });
  // The button that was pressed is gone once scans lead here: focus goes to the sentence that took
  // its place, after the dialog has handed focus back (on the next task).
  useEffect(() => {
    if (sentCount === 0) return;
    const timer = setTimeout(() => status.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [sentCount]);

  const page = campaign.hosted_page;
  const pageUrl = campaign.hosted_page_url;
  if (!page || !pageUrl || campaign.status === 'archived') return null;
  if (!passesThroughTessera(campaign))
    return (
      <Alert tone="info" title="This code cannot lead to the page">
        A static code holds its destination itself, so Tessera cannot send the people who scan it here. Share the page’s address, or make a dynamic code that leads to it.
      </Alert>
    );
  const leads = leadsToHostedPage(campaign);
  if (leads && !page.published)
    return (
      <Alert title="Scans lead to this page, but it is not published">
        People who scan the code see “page not found”. Publish the page, or change the destination in{' '}
        <Link to="/app/campaigns/$campaignId" params={{ campaignId: campaign.id }} className="underline">
          the campaign
        </Link>
        .
      </Alert>
    );
  if (leads)
    return (
      <Card className="flex items-start gap-3 p-5">
        <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-green-600 dark:text-green-500" />
        <div ref={status} tabIndex={-1} className="min-w-0 rounded-sm focus:outline-none">
          <h2 className="text-sm font-semibold">Scans lead to this page</h2>
          <p className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400">
            People who scan the code land here. To send them elsewhere, change the destination in{' '}
            <Link to="/app/campaigns/$campaignId" params={{ campaignId: campaign.id }} className="text-accent-ink underline">
              the campaign
            </Link>
            .
          </p>
        </div>
      </Card>
    );
  if (!page.published) return null;
  return (
    <Card className="flex flex-col gap-3 p-5 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <h2 className="text-sm font-semibold">The code does not lead here yet</h2>
        <p className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400">
          People who scan it still go to <span className={url}>{readableUrl(campaign.destination)}</span>.
        </p>
      </div>
      <Button variant="primary" onClick={() => setConfirmOpen(true)}>
        <Send aria-hidden="true" />
        Send scans to this page
      </Button>
      <ConfirmDialog
        open={confirmOpen}
        onOpenChange={(open) => {
          setConfirmOpen(open);
          if (!open) send.reset();
        }}
        title="Send scans to this page?"
        description={
          <>
            People who scan “{campaign.name}”, {campaign.qr_type === 'morphing' ? 'including tickets already handed out' : 'including codes already printed'}, will land on{' '}
            <span className={url}>{readableUrl(pageUrl)}</span> instead of <span className={url}>{readableUrl(campaign.destination)}</span>. You can change the destination back in the campaign at any
            time.
            {send.error ? <span className="mt-2 block text-red-700 dark:text-red-400">{errorText(send.error)}</span> : null}
          </>
        }
        confirmLabel="Send scans to this page"
        confirmVariant="primary"
        pending={send.isPending}
        onConfirm={() => send.mutate(pageUrl)}
      />
    </Card>
  );
}
