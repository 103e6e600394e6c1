// Settings: how the account appears to the people who scan its codes (the name a person typed at
// sign-up is what strangers see on item, error and hosted pages, so it can be changed here), and
// the signed-in person's password.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { Save } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { type Branding, type BrandingPatch, brandingQuery, saveBranding } from '../api/branding.ts';
import { errorText, fieldMessages } from '../api/field-errors.ts';
import { sessionQuery } from '../api/session.ts';
import { Button } from '../components/ui/button.tsx';
import { Field, TextInput } from '../components/ui/field.tsx';
import { UrlInput } from '../components/ui/url-input.tsx';
import { Alert, Card, PageHeader, Skeleton } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { withScheme } from '../lib/url.ts';
import { useTitle } from '../lib/use-title.ts';
import { LogoPreview } from '../settings/logo-preview.tsx';
import { PasswordForm } from './password-form.tsx';

/** What the form edits, as typed (an empty logo address means no logo). */
interface Draft {
  name: string;
  logoUrl: string;
  logoAlt: string;
  madeWithTessera: boolean;
}

const toDraft = (b: Branding): Draft => ({ name: b.name, logoUrl: b.logo_url ?? '', logoAlt: b.logo_alt, madeWithTessera: b.made_with_tessera });

/** Only what changed goes to the API. */
function changes(saved: Branding, draft: Draft): BrandingPatch {
  const patch: BrandingPatch = {};
  if (draft.name !== saved.name) patch.name = draft.name.trim();
  const logo = withScheme(draft.logoUrl) || null;
  if (logo !== saved.logo_url) patch.logo_url = logo;
  if (draft.logoAlt !== saved.logo_alt) patch.logo_alt = draft.logoAlt.trim();
  if (draft.madeWithTessera !== saved.made_with_tessera) patch.made_with_tessera = draft.madeWithTessera;
  return patch;
}

function BrandingForm({ saved }: { saved: Branding }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => toDraft(saved));
  const patch = changes(saved, draft);
  const dirty = Object.keys(patch).length > 0;
  // What the last save sent: edits made while it was on its way are kept, not replaced by its answer.
  const sent = useRef(draft);
  const save = useMutation({
    mutationFn: () => {
      sent.current = draft;
      return saveBranding(patch);
    },
    onSuccess: (stored) => {
      queryClient.setQueryData(brandingQuery.queryKey, stored);
      // The account name shows in the dashboard too.
      void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
      setDraft((now) => (now === sent.current ? toDraft(stored) : now));
      toast('Public pages updated');
    },
  });
  const errors = fieldMessages(save.error);
  const set = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    if (save.isError) save.reset();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (dirty) save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Card className="space-y-5 p-5">
        <div>
          <h2 className="text-sm font-semibold">Public pages</h2>
          <p className="mt-1 text-[13px] text-zinc-600 dark:text-zinc-400">
            What people who scan your codes see at the top and bottom of the pages Tessera shows them: shared items, hosted pages and forms, and the pages of codes that are archived or not live yet.
          </p>
        </div>
        {save.isError && Object.keys(errors).length === 0 && <Alert title="The settings were not saved">{errorText(save.error)}</Alert>}
        <Field label="Name" hint="Your organisation or brand, as people know it." error={errors.name}>
          {(props) => <TextInput {...props} required maxLength={100} value={draft.name} onChange={(e) => set({ name: e.target.value })} autoComplete="organization" />}
        </Field>
        <Field label="Logo address" optional hint="An image on the web (https://…), shown instead of the name. Leave empty to show the name." error={errors.logo_url}>
          {(props) => <UrlInput {...props} value={draft.logoUrl} onValueChange={(logoUrl) => set({ logoUrl })} placeholder="https://example.com/logo.svg" />}
        </Field>
        {withScheme(draft.logoUrl).startsWith('https://') && <LogoPreview url={withScheme(draft.logoUrl)} alt={draft.logoAlt || draft.name} />}
        {draft.logoUrl.trim() !== '' && (
          <Field label="Logo description" optional hint="Read out by screen readers in place of the logo; the name when empty." error={errors.logo_alt}>
            {(props) => <TextInput {...props} maxLength={200} value={draft.logoAlt} onChange={(e) => set({ logoAlt: e.target.value })} />}
          </Field>
        )}
        <label className="flex items-start gap-2.5 text-sm">
          <input
            type="checkbox"
            checked={draft.madeWithTessera}
            onChange={(e) => set({ madeWithTessera: e.target.checked })}
            className="mt-0.5 size-4 shrink-0 accent-[var(--color-accent)] max-sm:size-5"
          />
          <span>
            End the pages with a small “Made with Tessera” link
            <span className="block text-[13px] text-zinc-500 dark:text-zinc-400">Tells visitors what runs the page; turn it off for pages entirely in your own name.</span>
          </span>
        </label>
        <div className="flex justify-end">
          <Button type="submit" variant="primary" pending={save.isPending} disabled={!dirty}>
            <Save aria-hidden="true" />
            Save changes
          </Button>
        </div>
      </Card>
    </form>
  );
}

export function SettingsPage() {
  useTitle('Settings');
  const branding = useQuery(brandingQuery);
  const session = useQuery(sessionQuery);
  return (
    <div className="max-w-2xl">
      <PageHeader title="Settings" description="How your account appears to the people who scan your codes, and your password." />
      {branding.isError ? (
        <Alert title="The settings could not be loaded">{errorText(branding.error)}</Alert>
      ) : branding.isPending ? (
        <Skeleton className="h-96" />
      ) : (
        <BrandingForm saved={branding.data} />
      )}
      {session.data?.user && (
        <div className="mt-6">
          <PasswordForm />
        </div>
      )}
    </div>
  );
}
