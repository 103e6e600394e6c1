// The page's title, language, address and whether it is published. The address is the campaign's
// slug, below the account's: /p/{account}/{slug}. Publishing needs one, so an empty slug field
// offers one made from the campaign's name.
import { CopyButton } from '../components/ui/copy-button.tsx';
import { Field, Select, TextInput } from '../components/ui/field.tsx';
import { Toggle } from '../designer/inputs.tsx';
import { PAGE_LANGUAGES as LANGUAGES, type PageDraft, slugFrom, slugWhileTyping, suggestedSlug } from './draft.ts';

export function PageSettings({
  draft,
  onChange,
  slug,
  onSlugChange,
  campaignName,
  accountSlug,
  pageUrl,
  scansLeadHere,
  errors,
  disabled,
}: {
  draft: PageDraft;
  onChange: (next: Partial<PageDraft>) => void;
  slug: string;
  onSlugChange: (slug: string) => void;
  campaignName: string;
  accountSlug: string;
  pageUrl: string | null;
  /** The campaign's destination is this page's address: moving the page takes scans off it. */
  scansLeadHere?: boolean;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const address = `${window.location.origin}/p/${accountSlug}/`;
  return (
    <div className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <Field label="Title" field="title" hint="The page's main heading and the browser tab's title." error={errors.title}>
          {(props) => <TextInput {...props} required maxLength={200} disabled={disabled} value={draft.title} onChange={(e) => onChange({ title: e.target.value })} />}
        </Field>
        <Field label="Language" field="language" hint="Of the page's buttons and messages." error={errors.language}>
          {(props) => (
            <Select {...props} disabled={disabled} value={draft.language} onChange={(e) => onChange({ language: e.target.value })}>
              {Object.entries(LANGUAGES).map(([tag, name]) => (
                <option key={tag} value={tag} lang={tag}>
                  {name}
                </option>
              ))}
              {!(draft.language in LANGUAGES) && <option value={draft.language}>{draft.language}</option>}
            </Select>
          )}
        </Field>
      </div>
      <Field
        label="Address"
        field="slug"
        optional={!draft.published}
        hint={
          pageUrl ? (
            `Lowercase letters, digits and hyphens. Changing it moves the page: links to the old address stop working${scansLeadHere ? ', and so do scans of the code until you send them to the new one' : ''}.`
          ) : (
            <>
              The page will be at <span className="break-all">{address}</span>
              <strong className="font-medium text-zinc-700 dark:text-zinc-300">{slugFrom(slug) || '…'}</strong>. Lowercase letters, digits and hyphens.
            </>
          )
        }
        error={errors.slug}
      >
        {(props) => (
          <TextInput
            {...props}
            maxLength={64}
            autoCapitalize="none"
            spellCheck={false}
            disabled={disabled}
            value={slug}
            placeholder={suggestedSlug(campaignName) || 'spring-fair'}
            onChange={(e) => onSlugChange(slugWhileTyping(e.target.value))}
            // A hyphen may end the address while it is typed ("spring-" on the way to
            // "spring-fair"), never once the person moves on: it is not part of the address saved.
            onBlur={() => {
              const settled = slugFrom(slug);
              if (settled !== slug) onSlugChange(settled);
            }}
          />
        )}
      </Field>
      <Toggle
        label="Published"
        hint={
          draft.published
            ? pageUrl
              ? 'Anyone with the address sees the page.'
              : 'Anyone with the address will see the page once you save.'
            : 'Only you see it here; its address shows “page not found” until you publish it.'
        }
        checked={draft.published}
        disabled={disabled}
        onChange={(published) => {
          onChange({ published });
          if (published && !slug) onSlugChange(suggestedSlug(campaignName));
        }}
      />
      {pageUrl && draft.published && (
        <div className="flex items-center gap-2">
          <code className="min-w-0 flex-1 rounded-md bg-zinc-100 px-2.5 py-1.5 text-[13px] break-all dark:bg-zinc-800">{pageUrl}</code>
          <CopyButton size="sm" text={pageUrl} label="Copy" copiedMessage="Link copied" aria-label="Copy the page's link" />
        </div>
      )}
    </div>
  );
}
