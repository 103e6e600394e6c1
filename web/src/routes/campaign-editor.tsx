// Creating and editing a campaign: its details, the live designer, the preview with the lint,
// downloads, templates, and archiving; a saved live ticket also shows its real, changing image.
// Loaded on first use (a lazy chunk with the QR engine).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { unwrap } from '@tessera/client';
import { type FormEvent, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { campaignQuery, rememberCampaign } from '../api/campaigns.ts';
import { api } from '../api/client.ts';
import { fieldMessages } from '../api/field-errors.ts';
import { QR_TYPE_HINTS, QR_TYPE_LABELS } from '../api/labels.ts';
import { templatesQuery } from '../api/templates.ts';
import type { Campaign, DesignConfig, QrType } from '../api/types.ts';
import { ArchiveDialog } from '../components/campaign-actions.tsx';
import { CampaignLoadError } from '../components/campaign-load-error.tsx';
import { Downloads } from '../components/campaign-downloads.tsx';
import { LeaveGuard } from '../components/leave-guard.tsx';
import { PageDestinationHint } from '../campaigns/destination-hint.tsx';
import { EditorHeader } from '../campaigns/editor-header.tsx';
import { LiveTicketCard } from '../campaigns/live-ticket-card.tsx';
import { PublicLink } from '../campaigns/public-link.tsx';
import { describeProblem } from '../campaigns/field-names.ts';
import { dropDraft, peekDraft, stashDraft } from '../campaigns/draft-stash.ts';
import { leadsToHostedPage, STATIC_CODE_LIMITS } from '../campaigns/hosted-page-target.ts';
import { ProblemSummary } from '../components/problem-summary.tsx';
import { SaveTemplateDialog } from '../components/save-template-dialog.tsx';
import { TemplatePicker } from '../components/template-picker.tsx';
import { ScheduleFields, type ScheduleValue } from '../components/schedule-fields.tsx';
import { Button } from '../components/ui/button.tsx';
import { Field, TextInput } from '../components/ui/field.tsx';
import { UrlInput } from '../components/ui/url-input.tsx';
import { Alert, Card, Skeleton } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { DesignControls, ECC_NAMES } from '../designer/design-controls.tsx';
import { drawPreview } from '../designer/engine.ts';
import { FloatingPreview } from '../designer/floating-preview.tsx';
import { PhoneSaveBar } from '../components/phone-save-bar.tsx';
import { useOutOfView } from '../lib/use-out-of-view.ts';
import { LintPanel, QrPreview } from '../designer/preview.tsx';
import { readableUrl, withScheme } from '../lib/url.ts';
import { useTitle } from '../lib/use-title.ts';

const TYPES: QrType[] = ['dynamic', 'static', 'morphing'];
// A new dynamic code gets its short link on save; this stands in for it (same length, same version).
const PENDING_CODE = 'Preview';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The template a design was taken from, while the design is still that template's. */
interface PickedTemplate {
  id: string;
  design: DesignConfig;
}

function CampaignEditor({ campaign, initialTemplate }: { campaign?: Campaign; initialTemplate?: PickedTemplate }) {
  const initialDesign = initialTemplate?.design;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const readOnly = campaign?.status === 'archived';
  // Edits a save could not send because the session had ended come back after signing in.
  const [restored] = useState(() => (readOnly ? null : peekDraft(campaign?.id)));
  const [name, setName] = useState(restored?.name ?? campaign?.name ?? '');
  // The field shows the saved destination readable (non-Latin paths as letters, not %E6%96%B0…);
  // the API normalises what is sent, and an untouched field is not sent at all.
  const savedDestination = campaign ? readableUrl(campaign.destination) : '';
  const [destination, setDestination] = useState(restored?.destination ?? savedDestination);
  const [qrType, setQrType] = useState<QrType>(campaign?.qr_type ?? restored?.qrType ?? 'dynamic');
  const [design, setDesign] = useState<DesignConfig>(() => structuredClone(restored?.design ?? campaign?.design_config ?? initialDesign ?? {}));
  const [schedule, setSchedule] = useState<ScheduleValue>(restored?.schedule ?? { active_from: campaign?.active_from ?? null, active_until: campaign?.active_until ?? null });
  // Sent as template_id (the campaign then records where its design came from) unless the design
  // was changed since: a design edited after picking is no longer the template's.
  const [picked, setPicked] = useState<PickedTemplate | null>(initialTemplate ?? null);
  const pickTemplate = (templateDesign: DesignConfig, id: string) => {
    setDesign(templateDesign);
    setPicked({ id, design: structuredClone(templateDesign) });
  };
  const fromTemplateId = picked && sameJson(design, picked.design) ? picked.id : '';
  const [templateOpen, setTemplateOpen] = useState(false);
  const [archiveOpen, setArchiveOpen] = useState(false);
  useEffect(() => {
    if (!restored) return;
    dropDraft(campaign?.id);
    toast('Your unsaved changes are back: review them and save.');
  }, [restored, campaign?.id]);
  // A saved live ticket shows its real, changing image; the preview then only shows the design.
  const live = campaign?.qr_type === 'morphing' && !readOnly;

  // What the code encodes: the saved public URL, or for a static code the destination being typed
  // (the stored, encoded one while the field still shows it readable: that is what a download holds).
  const staticText = campaign && destination === savedDestination ? campaign.destination : destination.trim();
  const text = qrType === 'static' ? staticText || campaign?.public_url || 'https://example.com/' : (campaign?.public_url ?? `${window.location.origin}/${PENDING_CODE}`);
  const deferredDesign = useDeferredValue(design);
  const preview = useMemo(() => drawPreview(text, deferredDesign), [text, deferredDesign]);
  const lastSvg = useRef<string | null>(null);
  const previewCard = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const headerOutOfView = useOutOfView(header);
  if (preview.svg) lastSvg.current = preview.svg;

  const scheduleChanged = !!campaign && (schedule.active_from !== campaign.active_from || schedule.active_until !== campaign.active_until);
  const dirty = !campaign || name !== campaign.name || destination !== savedDestination || !sameJson(design, campaign.design_config) || scheduleChanged;
  // On a phone, once the header (and its Save button) has scrolled away, a bar at the bottom saves.
  const saveBar = headerOutOfView && dirty && !readOnly;
  const pristineNew = !campaign && name === '' && destination === '' && sameJson(design, initialDesign ?? {}) && schedule.active_from === null && schedule.active_until === null;
  const created = useRef(false);
  // A stashed draft is safe to leave: the session-ended redirect must not stop at the leave prompt.
  const unsaved = () => !readOnly && !created.current && peekDraft(campaign?.id) === null && (campaign ? dirty : !pristineNew);
  // What the last save sent: a field's server error stands only while the field still holds it, and
  // the saved answer replaces only the fields still holding it (see onSuccess).
  const sent = useRef({ name, destination, design, schedule });
  const save = useMutation({
    mutationFn: async () => {
      stashDraft(campaign?.id, { name, destination, qrType, design, schedule });
      // A static code is never scheduled: a schedule typed before choosing it is not sent.
      const scheduled = qrType === 'static' ? {} : schedule;
      const fromTemplate = fromTemplateId ? { template_id: fromTemplateId } : null;
      if (!campaign)
        return unwrap(
          api.POST('/api/v1/campaigns', { body: { name: name.trim(), destination: withScheme(destination), qr_type: qrType, ...(fromTemplate ?? { design_config: design }), ...scheduled } }),
        );
      const body: Record<string, unknown> = {};
      if (name !== campaign.name) body.name = name.trim();
      if (destination !== savedDestination) body.destination = withScheme(destination);
      if (!sameJson(design, campaign.design_config)) Object.assign(body, fromTemplate ?? { design_config: design });
      if (scheduleChanged) Object.assign(body, schedule);
      return unwrap(api.PUT('/api/v1/campaigns/{id}', { params: { path: { id: campaign.id } }, body }));
    },
    // Only an ended session keeps the stash: any other answer leaves the edits in the form.
    onError: (error) => {
      if ((error as { status?: number }).status !== 401) dropDraft(campaign?.id);
    },
    onSuccess: async (saved) => {
      dropDraft(campaign?.id);
      rememberCampaign(queryClient, saved);
      if (!campaign) {
        created.current = true;
        toast('Campaign created');
        // In place of the new-campaign form: Back then leads to where the person came from, not to
        // an empty form that would make the campaign a second time.
        await navigate({ to: '/app/campaigns/$campaignId', params: { campaignId: saved.id }, replace: true });
      } else {
        // A field edited while the save was on its way keeps the new edit (and the form stays
        // unsaved): writing the answer over it lost what was typed during a slow save.
        const was = sent.current;
        setName((now) => (now === was.name ? saved.name : now));
        setDestination((now) => (now === was.destination ? readableUrl(saved.destination) : now));
        setDesign((now) => (sameJson(now, was.design) ? structuredClone(saved.design_config) : now));
        setSchedule((now) => (sameJson(now, was.schedule) ? { active_from: saved.active_from, active_until: saved.active_until } : now));
        toast('Changes saved');
      }
    },
  });
  const refused = fieldMessages(save.error);
  const stillSent = (field: string) => {
    const was = sent.current;
    if (field === 'name') return name === was.name;
    if (field === 'destination') return destination === was.destination;
    if (field.startsWith('design_config')) return sameJson(design, was.design);
    if (field === 'active_from' || field === 'active_until') return sameJson(schedule, was.schedule);
    return true;
  };
  const serverErrors = Object.fromEntries(Object.entries(refused).filter(([field]) => stillSent(field)));
  // The engine names invalid design values (a colour being typed) before anything is sent.
  const designErrors = { ...serverErrors };
  for (const issue of preview.errors) if (issue.code === 'design_invalid' && issue.field) designErrors[`design_config/${issue.field}`] ??= issue.message;
  const summary = save.error ? Object.entries(serverErrors) : [];
  const showProblem = Boolean(save.error) && (summary.length > 0 || Object.keys(refused).length === 0);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (readOnly) return;
    sent.current = { name, destination, design, schedule };
    save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <div ref={header}>
        <EditorHeader campaign={campaign} readOnly={readOnly} dirty={dirty} saving={save.isPending} onArchive={() => setArchiveOpen(true)} />
      </div>

      {readOnly && (
        <div className="mb-6">
          <Alert tone="info" title="This campaign is archived">
            {campaign?.qr_type === 'static'
              ? 'Its code leads straight to its destination, so printed copies still work; Tessera no longer serves its image. Its settings are kept for reference and can no longer change.'
              : 'Its code no longer leads anywhere: scans show a page saying the campaign has ended. Its settings are kept for reference and can no longer change.'}
          </Alert>
        </div>
      )}
      {campaign && live && <LiveTicketCard campaign={campaign} dirty={dirty} />}
      {showProblem && <ProblemSummary error={save.error} notSaved="The campaign was not saved" problems={summary.map(([field, message]) => [field, describeProblem(field, message)])} />}

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_360px] xl:grid-cols-[minmax(0,1fr)_400px]">
        <div className="space-y-6">
          <Card className="space-y-5 p-5">
            <h2 className="text-sm font-semibold">Details</h2>
            <Field label="Name" field="name" hint="Only you see it; people who scan never do." error={serverErrors.name}>
              {(props) => <TextInput {...props} required maxLength={200} disabled={readOnly} value={name} onChange={(e) => setName(e.target.value)} placeholder="Spring menu poster" />}
            </Field>
            <Field
              label="Destination"
              field="destination"
              hint={
                campaign && destination === savedDestination && leadsToHostedPage(campaign) ? (
                  <PageDestinationHint campaign={campaign} />
                ) : qrType === 'static' && campaign ? (
                  'Changing where a static code leads changes the code itself: printed copies keep the old destination.'
                ) : (
                  'Where people land after scanning, such as https://example.com/menu (https:// is added if you leave it out)'
                )
              }
              error={serverErrors.destination}
            >
              {(props) => <UrlInput {...props} required disabled={readOnly} value={destination} onValueChange={setDestination} placeholder="https://example.com/menu" />}
            </Field>
            {campaign ? (
              <PublicLink campaign={campaign} />
            ) : (
              <fieldset>
                <legend className="mb-2 text-[13px] font-medium">Type</legend>
                <div className="grid gap-2 sm:grid-cols-3">
                  {TYPES.map((t) => (
                    <label
                      key={t}
                      className="flex cursor-pointer flex-col rounded-lg border border-zinc-200 p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent dark:border-zinc-700"
                    >
                      <span className="flex items-center gap-2 text-[13px] font-medium">
                        <input type="radio" name="qr-type" value={t} checked={qrType === t} onChange={() => setQrType(t)} className="accent-accent" />
                        {QR_TYPE_LABELS[t]}
                      </span>
                      <span className="mt-1 text-xs leading-relaxed text-zinc-600 dark:text-zinc-400">{QR_TYPE_HINTS[t]}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            {qrType === 'static' ? (
              <p className="text-[13px] text-zinc-500 dark:text-zinc-400">{STATIC_CODE_LIMITS}</p>
            ) : (
              <ScheduleFields value={schedule} onChange={setSchedule} errors={serverErrors} disabled={readOnly} />
            )}
            {!readOnly && <TemplatePicker value={fromTemplateId} onPick={pickTemplate} />}
          </Card>

          <Card>
            <div className="border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
              <h2 className="text-sm font-semibold">Design</h2>
              <p className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400">Every change shows in the preview at once.</p>
            </div>
            <DesignControls design={design} onChange={setDesign} errors={designErrors} disabled={readOnly} />
          </Card>
        </div>

        <div className="order-first lg:order-last">
          <div ref={previewCard} className="scroll-mt-20 lg:sticky lg:top-6">
            <Card className="p-5">
              <div className="mb-3 flex items-center justify-between">
                <h2 className="text-sm font-semibold">{live ? 'Design preview' : 'Preview'}</h2>
                {preview.version !== null && preview.ecc !== null && (
                  // In the words the design controls use (modules, error correction), not "Version 4 · ECC H".
                  <span className="tabular text-xs text-zinc-500 dark:text-zinc-400" title={`QR version ${preview.version}`}>
                    {17 + 4 * preview.version} × {17 + 4 * preview.version} modules · {ECC_NAMES[preview.ecc]} error correction
                  </span>
                )}
              </div>
              <QrPreview
                preview={preview}
                lastSvg={lastSvg.current}
                transparent={design.background === 'transparent'}
                label={campaign || qrType === 'static' ? `QR code preview for ${text}` : 'QR code preview (the short link is assigned when you create the campaign)'}
              />
              {!campaign && qrType !== 'static' && <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">The short link is assigned when you create the campaign.</p>}
              {qrType === 'morphing' && (
                <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
                  {live
                    ? 'Your design as you edit it. It has no live token, so a phone scanning it gets “This code has expired”: scan the live ticket instead.'
                    : 'Live tickets change their picture every few seconds; this shows their design.'}
                </p>
              )}
              <LintPanel preview={preview} design={design} onChange={setDesign} disabled={readOnly} />
              {!readOnly && (
                <div className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
                  <Button size="sm" onClick={() => setTemplateOpen(true)} disabled={preview.errors.length > 0}>
                    Save design as template
                  </Button>
                </div>
              )}
              {campaign && !readOnly && campaign.qr_type !== 'morphing' && !dirty && <Downloads campaign={campaign} />}
            </Card>
          </div>
        </div>
      </div>
      <FloatingPreview target={previewCard} svg={lastSvg.current} failing={!preview.svg} raised={saveBar} />
      <PhoneSaveBar reachable={headerOutOfView && !readOnly} dirty={dirty} pending={save.isPending} label={campaign ? 'Save' : 'Create'} status={campaign ? 'Unsaved changes' : 'Not created yet'} />
      <SaveTemplateDialog open={templateOpen} onOpenChange={setTemplateOpen} design={design} />
      <LeaveGuard unsaved={unsaved} what={campaign ? `“${campaign.name}”` : 'this new campaign'} />
      {campaign && !readOnly && <ArchiveDialog campaign={campaign} open={archiveOpen} onOpenChange={setArchiveOpen} />}
    </form>
  );
}

function EditorSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading campaign" className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_360px]">
      <div className="space-y-6">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-64" />
        <Skeleton className="h-96" />
      </div>
      <Skeleton className="aspect-square" />
    </div>
  );
}

export function NewCampaignPage() {
  useTitle('New campaign');
  const { template } = useSearch({ from: '/app/campaigns/new' });
  const templates = useQuery({ ...templatesQuery, enabled: Boolean(template) });
  if (template && templates.isPending) return <EditorSkeleton />;
  const found = templates.data?.find((t) => t.id === template);
  return <CampaignEditor initialTemplate={found ? { id: found.id, design: found.design_config } : undefined} />;
}

export function EditCampaignPage() {
  const { campaignId } = useParams({ from: '/app/campaigns/$campaignId' });
  const campaign = useQuery(campaignQuery(campaignId));
  useTitle(campaign.data?.name ?? 'Campaign');
  if (campaign.isPending) return <EditorSkeleton />;
  if (campaign.isError) return <CampaignLoadError error={campaign.error} />;
  // Keyed by id and update time: a save or archive elsewhere resets the form to what is stored.
  return <CampaignEditor key={`${campaign.data.id}:${campaign.data.status}`} campaign={campaign.data} />;
}
