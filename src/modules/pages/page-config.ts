// The hosted page document a campaign may carry: title, content blocks, theme and an optional
// form. Pure: validates untrusted JSON into a normalised PageConfig, or lists field-level errors
// as JSON pointers under the caller's prefix (e.g. `/hosted_page/form/fields/2/type`).
import type { FieldError } from '../../errors.ts';
import { pageLanguage, translator } from '../../http/page/language.ts';
import { type Json, MAX_URL_LENGTH, Reader } from './config-reader.ts';

/** Block types a page can show. */
export const BLOCK_TYPES = ['heading', 'paragraph', 'image', 'link', 'button'] as const;
/** Form field types; each maps to a native HTML input. */
export const FIELD_TYPES = ['text', 'email', 'tel', 'number', 'textarea', 'select', 'checkbox', 'date'] as const;
/** A form field type. */
export type FieldType = (typeof FIELD_TYPES)[number];

/** Limits of a page document. */
export const PAGE_LIMITS = {
  title: 200,
  blocks: 50,
  blockText: 5000,
  url: MAX_URL_LENGTH,
  alt: 500,
  fields: 30,
  label: 200,
  helpText: 500,
  placeholder: 200,
  options: 50,
  option: 200,
  maxLength: 5000,
  submitLabel: 60,
  successMessage: 1000,
} as const;

/** Form field names: safe as HTML names, JSON keys and CSV headers. */
export const FIELD_NAME_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const LANGUAGE = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8}){0,3}$/;

/** A content block. */
export type Block =
  | { type: 'heading'; text: string; level: 1 | 2 | 3 }
  | { type: 'paragraph'; text: string }
  | { type: 'image'; url: string; alt: string }
  | { type: 'link'; text: string; url: string }
  | { type: 'button'; text: string; url: string };

/** Page colours, logo and hero image; colours are `#rrggbb`. */
export interface Theme {
  background_color: string;
  text_color: string;
  accent_color: string;
  /** Shown at the top of the page instead of the account's logo or name. */
  logo_url: string | null;
  logo_alt: string;
  /** A wide image above the title. */
  hero_image_url: string | null;
  hero_image_alt: string;
}

/** One form field. */
export interface FormField {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** Longest accepted text (text-like types); defaults per type. */
  max_length: number | null;
  /** Choices of a select. */
  options: string[] | null;
  placeholder: string | null;
  help_text: string | null;
  /** Bounds of a number field. */
  min: number | null;
  max: number | null;
}

/** The form of a page. */
export interface FormConfig {
  fields: FormField[];
  submit_label: string;
  success_message: string;
  /** Where the thank-you page's main button leads, if anywhere. */
  next_url: string | null;
  /** That button's text (the page language's "Continue" when empty). */
  next_label: string | null;
}

/** A validated, normalised hosted page document. */
export interface PageConfig {
  title: string;
  language: string;
  blocks: Block[];
  theme: Theme;
  form: FormConfig | null;
  published: boolean;
}

/** Colours used when the owner sets none, or sets a pair that would be hard to read. */
export const DEFAULT_THEME: Theme = { background_color: '#ffffff', text_color: '#1a1a1a', accent_color: '#7c3aed', logo_url: null, logo_alt: '', hero_image_url: null, hero_image_alt: '' };

/** Default `max_length` per field type when the owner sets none. */
export function defaultMaxLength(type: FieldType): number | null {
  if (type === 'textarea') return 5000;
  if (type === 'text' || type === 'email' || type === 'tel') return type === 'tel' ? 32 : 500;
  return null;
}

/** The result of validating a page document. */
export type PageConfigResult = { ok: true; config: PageConfig } | { ok: false; errors: FieldError[] };

function readBlock(r: Reader, value: unknown, field: string): Block | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    r.fail(field, 'must be an object');
    return null;
  }
  const type = (value as Json).type;
  if (typeof type !== 'string' || !(BLOCK_TYPES as readonly string[]).includes(type)) {
    r.fail(`${field}/type`, `must be one of: ${BLOCK_TYPES.join(', ')}`);
    return null;
  }
  const text = { max: PAGE_LIMITS.blockText, required: true };
  switch (type) {
    case 'heading': {
      const obj = r.object(value, field, ['type', 'text', 'level'])!;
      const level = r.integer(obj, 'level', field, 1, 3) ?? 2;
      return { type, text: r.string(obj, 'text', field, text) ?? '', level: level as 1 | 2 | 3 };
    }
    case 'paragraph': {
      const obj = r.object(value, field, ['type', 'text'])!;
      return { type, text: r.string(obj, 'text', field, text) ?? '' };
    }
    case 'image': {
      const obj = r.object(value, field, ['type', 'url', 'alt'])!;
      return { type, url: r.url(obj, 'url', field, true) ?? '', alt: r.string(obj, 'alt', field, { max: PAGE_LIMITS.alt, fallback: '' }) ?? '' };
    }
    default: {
      const obj = r.object(value, field, ['type', 'text', 'url'])!;
      return { type: type as 'link' | 'button', text: r.string(obj, 'text', field, { max: 200, required: true }) ?? '', url: r.url(obj, 'url', field, true) ?? '' };
    }
  }
}

function readTheme(r: Reader, value: unknown, field: string): Theme {
  if (value === undefined || value === null) return { ...DEFAULT_THEME };
  const obj = r.object(value, field, ['background_color', 'text_color', 'accent_color', 'logo_url', 'logo_alt', 'hero_image_url', 'hero_image_alt']);
  if (!obj) return { ...DEFAULT_THEME };
  return {
    background_color: r.colour(obj, 'background_color', field, DEFAULT_THEME.background_color),
    text_color: r.colour(obj, 'text_color', field, DEFAULT_THEME.text_color),
    accent_color: r.colour(obj, 'accent_color', field, DEFAULT_THEME.accent_color),
    logo_url: r.url(obj, 'logo_url', field, false),
    logo_alt: r.string(obj, 'logo_alt', field, { max: PAGE_LIMITS.alt, fallback: '' }) ?? '',
    hero_image_url: r.url(obj, 'hero_image_url', field, false),
    hero_image_alt: r.string(obj, 'hero_image_alt', field, { max: PAGE_LIMITS.alt, fallback: '' }) ?? '',
  };
}

const FIELD_KEYS = ['name', 'label', 'type', 'required', 'max_length', 'options', 'placeholder', 'help_text', 'min', 'max'];

function readField(r: Reader, value: unknown, field: string, seen: Set<string>): FormField | null {
  const obj = r.object(value, field, FIELD_KEYS);
  if (!obj) return null;
  const name = r.string(obj, 'name', field, { max: 40, required: true }) ?? '';
  if (name && !FIELD_NAME_PATTERN.test(name)) r.fail(`${field}/name`, 'must start with a lowercase letter and use only a–z, 0–9 and _ (at most 40)');
  else if (name && seen.has(name)) r.fail(`${field}/name`, `repeats '${name}'; field names must be unique`);
  seen.add(name);
  const rawType = obj.type;
  let type: FieldType = 'text';
  if (rawType !== undefined && (typeof rawType !== 'string' || !(FIELD_TYPES as readonly string[]).includes(rawType))) {
    r.fail(`${field}/type`, `must be one of: ${FIELD_TYPES.join(', ')}`);
  } else if (typeof rawType === 'string') type = rawType as FieldType;
  const maxLength = r.integer(obj, 'max_length', field, 1, PAGE_LIMITS.maxLength);
  if (maxLength !== null && !['text', 'email', 'tel', 'textarea'].includes(type)) r.fail(`${field}/max_length`, `does not apply to ${type} fields`);
  let options: string[] | null = null;
  if (type === 'select') {
    const raw = obj.options;
    if (!Array.isArray(raw) || raw.length < 1 || raw.length > PAGE_LIMITS.options) {
      r.fail(`${field}/options`, `a select needs 1 to ${PAGE_LIMITS.options} options`);
    } else {
      options = raw.map((option, i) => {
        const text = typeof option === 'string' ? option.trim() : '';
        if (typeof option !== 'string' || text === '' || text.length > PAGE_LIMITS.option) r.fail(`${field}/options/${i}`, `must be a non-empty string of at most ${PAGE_LIMITS.option} characters`);
        return text;
      });
      if (new Set(options).size !== options.length) r.fail(`${field}/options`, 'must not repeat an option');
    }
  } else if (obj.options !== undefined && obj.options !== null) r.fail(`${field}/options`, 'only select fields have options');
  const min = r.number(obj, 'min', field);
  const max = r.number(obj, 'max', field);
  if ((min !== null || max !== null) && type !== 'number') r.fail(`${field}/${min !== null ? 'min' : 'max'}`, 'only number fields have bounds');
  if (min !== null && max !== null && min > max) r.fail(`${field}/min`, 'must not be greater than max');
  return {
    name,
    label: r.string(obj, 'label', field, { max: PAGE_LIMITS.label, required: true }) ?? '',
    type,
    required: r.boolean(obj, 'required', field, false),
    max_length: maxLength ?? defaultMaxLength(type),
    options,
    placeholder: r.string(obj, 'placeholder', field, { max: PAGE_LIMITS.placeholder }) || null,
    help_text: r.string(obj, 'help_text', field, { max: PAGE_LIMITS.helpText }) || null,
    min,
    max,
  };
}

/** `language` says the defaults of an empty button text and thank-you message. */
function readForm(r: Reader, value: unknown, field: string, language: string): FormConfig | null {
  if (value === undefined || value === null) return null;
  const obj = r.object(value, field, ['fields', 'submit_label', 'success_message', 'next_url', 'next_label']);
  if (!obj) return null;
  const fields: FormField[] = [];
  if (!Array.isArray(obj.fields) || obj.fields.length < 1 || obj.fields.length > PAGE_LIMITS.fields) {
    r.fail(`${field}/fields`, `a form needs 1 to ${PAGE_LIMITS.fields} fields`);
  } else {
    const seen = new Set<string>();
    obj.fields.forEach((f, i) => {
      const parsed = readField(r, f, `${field}/fields/${i}`, seen);
      if (parsed) fields.push(parsed);
    });
  }
  return {
    fields,
    submit_label: r.string(obj, 'submit_label', field, { max: PAGE_LIMITS.submitLabel }) || translator(pageLanguage(undefined, language)).text('form.submit'),
    // Shown under the thank-you page's heading, which already says the answer was sent.
    success_message: r.string(obj, 'success_message', field, { max: PAGE_LIMITS.successMessage }) || translator(pageLanguage(undefined, language)).text('form.thanks'),
    next_url: r.url(obj, 'next_url', field, false),
    next_label: r.string(obj, 'next_label', field, { max: PAGE_LIMITS.submitLabel }) || null,
  };
}

/** Validates an untrusted page document; errors are JSON pointers under `prefix`. */
export function validatePageConfig(input: unknown, prefix = ''): PageConfigResult {
  const r = new Reader();
  const obj = r.object(input, prefix, ['title', 'language', 'blocks', 'theme', 'form', 'published']);
  if (!obj) return { ok: false, errors: r.errors };
  const title = r.string(obj, 'title', prefix, { max: PAGE_LIMITS.title, required: true }) ?? '';
  const language = r.string(obj, 'language', prefix, { max: 35, fallback: 'en' }) || 'en';
  if (!LANGUAGE.test(language)) r.fail(`${prefix}/language`, 'must be a language tag such as en or pt-BR');
  const blocks: Block[] = [];
  if (obj.blocks !== undefined && obj.blocks !== null) {
    if (!Array.isArray(obj.blocks)) r.fail(`${prefix}/blocks`, 'must be an array');
    else if (obj.blocks.length > PAGE_LIMITS.blocks) r.fail(`${prefix}/blocks`, `must have at most ${PAGE_LIMITS.blocks} blocks`);
    else
      obj.blocks.forEach((b, i) => {
        const block = readBlock(r, b, `${prefix}/blocks/${i}`);
        if (block) blocks.push(block);
      });
  }
  const config: PageConfig = {
    title,
    language,
    blocks,
    theme: readTheme(r, obj.theme, `${prefix}/theme`),
    form: readForm(r, obj.form, `${prefix}/form`, language),
    published: r.boolean(obj, 'published', prefix, false),
  };
  return r.errors.length > 0 ? { ok: false, errors: r.errors } : { ok: true, config };
}
