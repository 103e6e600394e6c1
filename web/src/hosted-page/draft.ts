// A campaign's hosted page as the editor holds it: the stored document plus a key per block and
// per field (React keeps each row's inputs while rows move), and the document sent back. The
// server validates the document; this only shapes it.
import type { Campaign } from '../api/types.ts';

export type HostedPage = NonNullable<Campaign['hosted_page']>;
export type Theme = HostedPage['theme'];
type StoredForm = NonNullable<HostedPage['form']>;
export type FormField = StoredForm['fields'][number];
export type FieldType = FormField['type'];
export type BlockType = HostedPage['blocks'][number]['type'];

/** A block being edited: every text property present, unused ones empty. */
export interface BlockDraft {
  key: string;
  type: BlockType;
  text: string;
  level: 1 | 2 | 3;
  url: string;
  alt: string;
}

export interface FieldDraft extends FormField {
  key: string;
  /** Whether the field is stored already: its name then stays, as answers are kept under it. */
  stored: boolean;
}

export interface FormDraft extends Omit<StoredForm, 'fields'> {
  fields: FieldDraft[];
}

export interface PageDraft {
  title: string;
  language: string;
  published: boolean;
  blocks: BlockDraft[];
  theme: Theme;
  form: FormDraft | null;
}

/** The server's theme for a page saved without one (page-config.ts; a unit test keeps them equal). */
export const DEFAULT_THEME: Theme = {
  background_color: '#ffffff',
  text_color: '#1a1a1a',
  accent_color: '#7c3aed',
  logo_url: null,
  logo_alt: '',
  hero_image_url: null,
  hero_image_alt: '',
};

/** The languages a page's own words (buttons, errors, the thank-you page) come in: the server's catalogues (a unit test keeps them equal). */
export const PAGE_LANGUAGES: Record<string, string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español' };

export const BLOCK_LABELS: Record<BlockType, string> = { heading: 'Heading', paragraph: 'Text', image: 'Image', link: 'Link', button: 'Button' };
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Short text',
  textarea: 'Long text',
  email: 'Email address',
  tel: 'Phone number',
  number: 'Number',
  date: 'Date',
  select: 'Choice from a list',
  checkbox: 'Tick box',
};

let counter = 0;
const nextKey = () => `k${++counter}`;

export function newBlock(type: BlockType): BlockDraft {
  return { key: nextKey(), type, text: '', level: 2, url: '', alt: '' };
}

export function newField(label: string, existing: readonly FieldDraft[]): FieldDraft {
  return {
    key: nextKey(),
    stored: false,
    name: fieldName(label, existing),
    label,
    type: 'text',
    required: false,
    max_length: null,
    options: null,
    placeholder: null,
    help_text: null,
    min: null,
    max: null,
  };
}

/** A new form: its button and thank-you texts left empty, for the server to fill in the page's language ("Senden", "Vielen Dank!"). */
export function newForm(): FormDraft {
  return { fields: [], submit_label: '', success_message: '', next_url: null, next_label: null };
}

// Latin letters NFKD leaves whole (ß, æ, ø…), spelled as people would in ASCII.
const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lowercase ASCII for a label or a name: accents dropped, ß as ss; anything else stays for the caller to strip. */
function asciiLower(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæœøłđðþı]/g, (c) => LETTERS[c] ?? c);
}

/**
 * The name answers are stored under, from a label: lowercase ASCII letters, digits and `_`,
 * starting with a letter, at most 40 characters (the server's FIELD_NAME_PATTERN), unique in the form.
 */
export function fieldName(label: string, existing: readonly Pick<FieldDraft, 'name' | 'key'>[], ownKey?: string): string {
  const base =
    asciiLower(label)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+/, '')
      .replace(/_+$/, '')
      .slice(0, 36)
      .replace(/_+$/, '') || 'field';
  const taken = new Set(existing.filter((f) => f.key !== ownKey).map((f) => f.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  return name;
}

/** A campaign's page to edit: the stored one, or a new unpublished page titled after the campaign. */
export function toDraft(campaign: Pick<Campaign, 'name' | 'hosted_page'>): PageDraft {
  const page = campaign.hosted_page;
  if (!page) return { title: campaign.name, language: 'en', published: false, blocks: [], theme: { ...DEFAULT_THEME }, form: null };
  return {
    title: page.title,
    language: page.language,
    published: page.published,
    // Each block type has its own properties (a union in the client's types); the draft has them all.
    blocks: page.blocks.map((block) => {
      const b: { type: BlockType; text?: string; level?: 1 | 2 | 3; url?: string; alt?: string } = block;
      return { key: nextKey(), type: b.type, text: b.text ?? '', level: b.level ?? 2, url: b.url ?? '', alt: b.alt ?? '' };
    }),
    theme: { ...page.theme },
    form: page.form && { ...page.form, fields: page.form.fields.map((f) => ({ ...f, key: nextKey(), stored: true })) },
  };
}

const orNull = (text: string | null) => (text?.trim() ? text.trim() : null);

function blockDocument(b: BlockDraft): Record<string, unknown> {
  switch (b.type) {
    case 'heading':
      return { type: b.type, text: b.text.trim(), level: b.level };
    case 'paragraph':
      return { type: b.type, text: b.text.trim() };
    case 'image':
      return { type: b.type, url: b.url.trim(), alt: b.alt.trim() };
    default:
      return { type: b.type, text: b.text.trim(), url: b.url.trim() };
  }
}

function fieldDocument({ key: _key, stored: _stored, ...f }: FieldDraft): Record<string, unknown> {
  return {
    ...f,
    label: f.label.trim(),
    options: f.type === 'select' ? (f.options ?? []).map((o) => o.trim()).filter(Boolean) : null,
    placeholder: orNull(f.placeholder),
    help_text: orNull(f.help_text),
    // Length limits and bounds belong to some types only; a changed type drops what no longer applies.
    max_length: ['text', 'email', 'tel', 'textarea'].includes(f.type) ? f.max_length : null,
    min: f.type === 'number' ? f.min : null,
    max: f.type === 'number' ? f.max : null,
  };
}

/** The document PUT /api/v1/campaigns/{id} takes as `hosted_page`. */
export function toDocument(draft: PageDraft): Record<string, unknown> {
  const theme = { ...draft.theme, logo_url: orNull(draft.theme.logo_url), hero_image_url: orNull(draft.theme.hero_image_url) };
  return {
    title: draft.title.trim(),
    language: draft.language,
    published: draft.published,
    blocks: draft.blocks.map(blockDocument),
    theme,
    form: draft.form && {
      ...draft.form,
      fields: draft.form.fields.map(fieldDocument),
      submit_label: draft.form.submit_label.trim(),
      success_message: draft.form.success_message.trim(),
      next_url: orNull(draft.form.next_url),
      next_label: orNull(draft.form.next_label),
    },
  };
}

/** Each block's name in the editor and in error messages: "Heading 1", "Text 2", "Link 1". */
export function blockNames(blocks: readonly Pick<BlockDraft, 'type'>[]): string[] {
  const counts = new Map<BlockType, number>();
  return blocks.map((b) => {
    const n = (counts.get(b.type) ?? 0) + 1;
    counts.set(b.type, n);
    return `${BLOCK_LABELS[b.type]} ${n}`;
  });
}

/** Moves item `from` of `list` by `by` places (a new array; out of range leaves it as it is). */
export function moved<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}

/**
 * The address field as it is typed: the same rule as slugFrom (lowercase ASCII letters, digits,
 * single hyphens), except that a hyphen may end it, so "spring " becomes "spring-" on the way to
 * "spring-fair" instead of a refusal at save.
 */
export function slugWhileTyping(value: string): string {
  return asciiLower(value)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64);
}

/** A slug for a campaign name (what /p/{account}/{slug} shows), or '' when nothing is left. */
export function slugFrom(name: string): string {
  return asciiLower(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * The address offered for a page from its campaign's name, or '' for none. An address may hold only
 * ASCII letters, digits and hyphens (the API's rule), so a name written mostly in another script
 * ("春のメニュー ポスター 2026 限定版") would leave only its digits or a stray letter ("2026"), which
 * looks like an address but says nothing: then nothing is offered, and the field's example and
 * hint show what to type. A name kept whole in Latin letters is offered as it is ("A1" → "a1"); one
 * that mixes scripts needs at least three Latin letters ("東京 Tokyo" → "tokyo").
 */
export function suggestedSlug(name: string): string {
  const slug = slugFrom(name);
  const latin = slug.match(/[a-z]/g)?.length ?? 0;
  const other = asciiLower(name).match(/[^a-z\P{L}]/gu)?.length ?? 0;
  return latin > 0 && (other === 0 || latin >= 3) ? slug : '';
}
