// A campaign's hosted page: the landing page Tessera serves at /p/{account}/{campaign slug}, with
// its content, an optional form and its look. Saved whole through the campaign (PUT hosted_page);
// the server checks the document and its answer puts each problem beside its field.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { useParams } from '@tanstack/react-router';
import { unwrap } from '@tessera/client';
import { ExternalLink, Eye, Save, Trash2 } from 'lucide-react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { campaignQuery, rememberCampaign } from '../api/campaigns.ts';
import { api } from '../api/client.ts';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import { sessionQuery } from '../api/session.ts';
import type { Campaign } from '../api/types.ts';
import { CampaignLoadError } from '../components/campaign-load-error.tsx';
import { CampaignPageHeader } from '../components/campaign-page-header.tsx';
import { LeaveGuard } from '../components/leave-guard.tsx';
import { PhoneSaveBar } from '../components/phone-save-bar.tsx';
import { ProblemSummary } from '../components/problem-summary.tsx';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { ConfirmDialog } from '../components/ui/dialog.tsx';
import { Alert, Card, Skeleton } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { Toggle } from '../designer/inputs.tsx';
import { BlockEditor } from '../hosted-page/block-editor.tsx';
import { blockNames, newForm, type PageDraft, toDocument, toDraft } from '../hosted-page/draft.ts';
import { describeField, pageMessage } from '../hosted-page/field-names.ts';
import { FormEditor } from '../hosted-page/form-editor.tsx';
import { dropPage, peekPage, stashPage } from '../hosted-page/page-stash.ts';
import { PageSettings } from '../hosted-page/page-settings.tsx';
import { ScansTarget } from '../hosted-page/scans-target.tsx';
import { ThemeEditor } from '../hosted-page/theme-editor.tsx';
import { leadsToHostedPage, passesThroughTessera } from '../campaigns/hosted-page-target.ts';
import { useOutOfView } from '../lib/use-out-of-view.ts';
import { useTitle } from '../lib/use-title.ts';

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card className="p-5">
      <h2 className="text-sm font-semibold">{title}</h2>
      {description && <p className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400">{description}</p>}
      <div className="mt-5">{children}</div>
    </Card>
  );
}

function PageEditor({ campaign, accountSlug }: { campaign: Campaign; accountSlug: string }) {
  const queryClient = useQueryClient();
  const readOnly = campaign.status === 'archived';
  // Edits a save could not send because the session had ended come back after signing in.
  const [restored] = useState(() => (readOnly ? null : peekPage(campaign.id)));
  const [draft, setDraft] = useState<PageDraft>(() => restored?.draft ?? toDraft(campaign));
  const [slug, setSlug] = useState(restored?.slug ?? campaign.slug ?? '');
  useEffect(() => {
    if (!restored) return;
    dropPage(campaign.id);
    toast('Your unsaved changes are back: review them and save.');
  }, [restored, campaign.id]);
  const [removeOpen, setRemoveOpen] = useState(false);
  const baseline = (c: Campaign) => JSON.stringify([toDocument(toDraft(c)), c.slug ?? '']);
  const saved = useRef(baseline(campaign));
  const dirty = !campaign.hosted_page || JSON.stringify([toDocument(draft), slug]) !== saved.current;
  const header = useRef<HTMLDivElement>(null);
  const headerOutOfView = useOutOfView(header);
  // After a save or a removal the editor starts again from what the server stored, in place:
  // focus stays on the button that was pressed. Edits made while a save was on its way are kept
  // (the page then stays unsaved): writing the answer over them lost what was typed meanwhile.
  const sent = useRef<{ draft: PageDraft; slug: string } | null>(null);
  const restart = (stored: Campaign) => {
    const was = sent.current;
    sent.current = null;
    saved.current = baseline(stored);
    setDraft((now) => (was === null || now === was.draft ? toDraft(stored) : now));
    setSlug((now) => (was === null || now === was.slug ? (stored.slug ?? '') : now));
  };

  const save = useMutation({
    mutationFn: () => {
      sent.current = { draft, slug };
      stashPage(campaign.id, { draft, slug });
      const body: Record<string, unknown> = { hosted_page: toDocument(draft) };
      // A hyphen typed last (on the way to the next word) is not part of the address.
      const address = slug.replace(/-+$/, '');
      if (address !== (campaign.slug ?? '')) body.slug = address || null;
      return unwrap(api.PUT('/api/v1/campaigns/{id}', { params: { path: { id: campaign.id } }, body }));
    },
    // Only an ended session keeps the stash: any other answer leaves the edits in the form.
    onError: (error) => {
      if ((error as { status?: number }).status !== 401) dropPage(campaign.id);
    },
    onSuccess: (stored) => {
      dropPage(campaign.id);
      rememberCampaign(queryClient, stored);
      restart(stored);
      toast(stored.hosted_page?.published ? 'Page saved and published' : 'Page saved');
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/campaigns/{id}', { params: { path: { id: campaign.id } }, body: { hosted_page: null } })),
    onSuccess: (stored) => {
      setRemoveOpen(false);
      rememberCampaign(queryClient, stored);
      restart(stored);
      toast('Page removed');
    },
  });
  // Any edit puts the last refusal away: its field names (block 2, question 3) may no longer hold.
  const edit = (next: Partial<PageDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    if (save.isError) save.reset();
  };
  const removeProblem = remove.error ? <span className="mt-2 block text-red-700 dark:text-red-400">{errorText(remove.error)}</span> : null;
  const refused = fieldMessages(save.error);
  const errors = Object.fromEntries(Object.entries(refused).map(([field, message]) => [field.replace(/^hosted_page\/?/, ''), pageMessage(message)]));
  const summary = Object.entries(errors);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!readOnly) save.mutate();
  };
  const pageUrl = campaign.hosted_page?.published ? campaign.hosted_page_url : null;

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl">
      <div ref={header}>
        <CampaignPageHeader
          campaignId={campaign.id}
          campaignName={campaign.name}
          title="Hosted page"
          actions={
            <>
              {campaign.hosted_page && (
                // The server renders the saved page (published or not) as people will see it.
                <a className={buttonClass('secondary', 'md')} href={`/api/v1/campaigns/${encodeURIComponent(campaign.id)}/page/preview`} target="_blank" rel="noreferrer">
                  <Eye aria-hidden="true" />
                  {dirty ? 'Preview the saved page' : 'Preview'}
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
              )}
              {pageUrl && !dirty && (
                <a className={buttonClass('secondary', 'md')} href={pageUrl} target="_blank" rel="noreferrer">
                  <ExternalLink aria-hidden="true" />
                  Open the page
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
              )}
              {!readOnly && (
                <Button type="submit" variant="primary" pending={save.isPending} disabled={!dirty}>
                  <Save aria-hidden="true" />
                  {campaign.hosted_page ? 'Save changes' : 'Create the page'}
                </Button>
              )}
            </>
          }
        />
      </div>
      {readOnly && (
        <div className="mb-6">
          <Alert tone="info" title="This campaign is archived">
            Its page is no longer shown to anyone. Its content is kept for reference and can no longer change.
          </Alert>
        </div>
      )}
      {!campaign.hosted_page && !readOnly && (
        <div className="mb-6">
          <Alert tone="info" title="This campaign has no page yet">
            Write it below and create it. Nobody sees it until you publish it
            {passesThroughTessera(campaign)
              ? '; then you can send the people who scan this code to it.'
              : '. A static code holds its destination itself, so this one cannot lead to the page: share the page’s address instead.'}
          </Alert>
        </div>
      )}
      {save.isError && (
        <ProblemSummary error={save.error} notSaved="The page was not saved" problems={summary.map(([field, message]) => [field, `${describeField(field, blockNames(draft.blocks))} ${message}`])} />
      )}

      <div className="space-y-6">
        <ScansTarget campaign={campaign} />
        <Section title="Page">
          <PageSettings
            draft={draft}
            onChange={edit}
            slug={slug}
            onSlugChange={(next) => {
              setSlug(next);
              if (save.isError) save.reset();
            }}
            campaignName={campaign.name}
            pageUrl={pageUrl}
            scansLeadHere={leadsToHostedPage(campaign)}
            accountSlug={accountSlug}
            errors={errors}
            disabled={readOnly}
          />
        </Section>
        <Section title="Content" description="Shown under the title, in this order.">
          <BlockEditor blocks={draft.blocks} onChange={(blocks) => edit({ blocks })} errors={errors} disabled={readOnly} />
        </Section>
        <Section title="Form" description="Questions people answer on the page; their answers show under Form answers.">
          <div className="space-y-5">
            <Toggle
              label="Ask people to fill in a form"
              hint={draft.form && campaign.hosted_page?.form && !readOnly ? 'Turning it off removes the form from the page; answers already sent are kept.' : undefined}
              checked={draft.form !== null}
              disabled={readOnly}
              onChange={(on) => edit({ form: on ? (toDraft(campaign).form ?? newForm()) : null })}
            />
            {draft.form && <FormEditor form={draft.form} onChange={(form) => edit({ form })} errors={errors} disabled={readOnly} />}
          </div>
        </Section>
        <Section title="Look" description="Colours and images of this page only. Your account's name and logo (Settings) show when no logo is set here.">
          <ThemeEditor theme={draft.theme} onChange={(theme) => edit({ theme })} errors={errors} disabled={readOnly} />
        </Section>
        {campaign.hosted_page && !readOnly && (
          <Card className="flex flex-col gap-3 p-5 sm:flex-row sm:items-center sm:justify-between">
            <div>
              <h2 className="text-sm font-semibold">Remove the page</h2>
              <p className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400">Its address then shows “page not found”. Form answers already sent are kept.</p>
            </div>
            <Button variant="danger" onClick={() => setRemoveOpen(true)}>
              <Trash2 aria-hidden="true" />
              Remove the page
            </Button>
          </Card>
        )}
      </div>
      <ConfirmDialog
        open={removeOpen}
        onOpenChange={(open) => {
          setRemoveOpen(open);
          if (!open) remove.reset();
        }}
        title="Remove this page?"
        description={
          <>
            The page of “{campaign.name}” goes, with its content and form. Answers already sent stay under Form answers.
            {leadsToHostedPage(campaign) && ' Scans of the code lead to this page: they will show “page not found” until you change the campaign’s destination.'}
            {removeProblem}
          </>
        }
        confirmLabel="Remove the page"
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
      <PhoneSaveBar
        reachable={headerOutOfView && !readOnly}
        dirty={dirty}
        pending={save.isPending}
        label={campaign.hosted_page ? 'Save' : 'Create'}
        status={campaign.hosted_page ? 'Unsaved changes' : 'Page not created yet'}
      />
      {/* A stashed page is safe to leave: the session-ended redirect must not stop at the leave prompt. */}
      <LeaveGuard unsaved={() => !readOnly && dirty && peekPage(campaign.id) === null && (Boolean(campaign.hosted_page) || draft.blocks.length > 0 || draft.form !== null)} what="this page" />
    </form>
  );
}

export function HostedPagePage() {
  const { campaignId } = useParams({ from: '/app/campaigns/$campaignId/page' });
  const campaign = useQuery(campaignQuery(campaignId));
  const session = useQuery(sessionQuery);
  useTitle(campaign.data ? `Hosted page · ${campaign.data.name}` : 'Hosted page');
  if (campaign.isError) return <CampaignLoadError error={campaign.error} />;
  if (campaign.isPending || session.isPending) return <Skeleton className="h-96 max-w-3xl" />;
  // Keyed by the campaign (and its archiving, which makes the editor read-only): a refetch, even of
  // a page changed elsewhere, never throws away what is being typed; saving it replaces that version.
  return <PageEditor key={`${campaign.data.id}:${campaign.data.status}`} campaign={campaign.data} accountSlug={session.data?.account.slug ?? ''} />;
}
