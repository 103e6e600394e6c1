// The public JSON shape of a hosted page (`GET /api/v1/resolve/…`) and its schema.
import { documentedAs } from '../../http/openapi-components.ts';
import type { PublicPage } from './page.service.ts';
import { toIso } from '../../http/iso.ts';

/** A published page as JSON, for clients that render it themselves. */
export function publicPageJson(page: PublicPage) {
  const { title, language, blocks, theme, form } = page.config;
  return {
    title,
    language,
    blocks,
    theme,
    form,
    page_url: page.url,
    submit_url: page.submitUrl,
    short_code: page.shortCode,
    updated_at: toIso(page.updatedAt),
  };
}

const field = {
  title: 'FormField',
  type: 'object',
  required: ['name', 'label', 'type', 'required', 'max_length', 'options', 'placeholder', 'help_text', 'min', 'max'],
  properties: {
    name: { type: 'string' },
    label: { type: 'string' },
    type: { type: 'string', enum: ['text', 'email', 'tel', 'number', 'textarea', 'select', 'checkbox', 'date'] },
    required: { type: 'boolean' },
    max_length: { type: ['integer', 'null'] },
    options: { type: ['array', 'null'], items: { type: 'string' } },
    placeholder: { type: ['string', 'null'] },
    help_text: { type: ['string', 'null'] },
    min: { type: ['number', 'null'] },
    max: { type: ['number', 'null'] },
  },
} as const;

const text = { type: 'string', maxLength: 2000 } as const;
// Stored as written (checked to be http(s)), so not promised to be an RFC 3986 `uri`.
const httpUrl = { type: 'string', description: 'An absolute http(s) URL.' } as const;
/** What the document shows for a block: one shape per `type`, so typed clients can narrow on it. */
const blockVariants = {
  oneOf: [
    { type: 'object', required: ['type', 'text', 'level'], additionalProperties: false, properties: { type: { const: 'heading' }, text, level: { type: 'integer', enum: [1, 2, 3] } } },
    { type: 'object', required: ['type', 'text'], additionalProperties: false, properties: { type: { const: 'paragraph' }, text } },
    { type: 'object', required: ['type', 'url', 'alt'], additionalProperties: false, properties: { type: { const: 'image' }, url: httpUrl, alt: { type: 'string' } } },
    { type: 'object', required: ['type', 'text', 'url'], additionalProperties: false, properties: { type: { const: 'link' }, text, url: httpUrl } },
    { type: 'object', required: ['type', 'text', 'url'], additionalProperties: false, properties: { type: { const: 'button' }, text, url: httpUrl } },
  ],
  description: 'heading {text, level 1–3} · paragraph {text} · image {url, alt} · link {text, url} · button {text, url}; URLs are http(s) only.',
};
// Serialised through one loose shape (fast-json-stringify picks oneOf branches slowly); documented as the union.
const block = documentedAs('PageBlock', blockVariants, {
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string', enum: ['heading', 'paragraph', 'image', 'link', 'button'] }, text: { type: 'string' }, level: { type: 'integer' }, url: { type: 'string' }, alt: { type: 'string' } },
} as const);

const theme = {
  title: 'PageTheme',
  type: 'object',
  required: ['background_color', 'text_color', 'accent_color', 'logo_url', 'logo_alt', 'hero_image_url', 'hero_image_alt'],
  properties: {
        background_color: { type: 'string', examples: ['#ffffff'] },
        text_color: { type: 'string', examples: ['#1a1a1a'] },
        accent_color: { type: 'string', examples: ['#7c3aed'] },
        logo_url: { type: ['string', 'null'], description: "Shown at the top instead of the account's logo or name." },
        logo_alt: { type: 'string' },
        hero_image_url: { type: ['string', 'null'], description: 'A wide image above the title.' },
        hero_image_alt: { type: 'string' },
  },
} as const;

const form = {
  title: 'PageForm',
  type: ['object', 'null'],
  description: 'The form of the page, or null for none.',
  required: ['fields', 'submit_label', 'success_message', 'next_url', 'next_label'],
  properties: {
    fields: { type: 'array', items: field },
    submit_label: { type: 'string' },
    success_message: { type: 'string' },
    next_url: { type: ['string', 'null'], description: "The thank-you page's main button leads here." },
    next_label: { type: ['string', 'null'], description: 'That button\'s text ("Continue" in the page language when null).' },
  },
} as const;

/** JSON schema of a page document (responses; requests are validated by validatePageConfig for precise errors). */
export const pageConfigSchema = {
  title: 'HostedPage',
  type: 'object',
  description: 'A landing page Tessera hosts at `/p/{account slug}/{campaign slug}`, as stored (every field present).',
  required: ['title', 'language', 'blocks', 'theme', 'form', 'published'],
  examples: [
    {
      title: 'Spring fair',
      language: 'en',
      blocks: [
        { type: 'heading', text: 'Welcome', level: 1 },
        { type: 'paragraph', text: 'Leave your email for the raffle.' },
      ],
      theme: { background_color: '#ffffff', text_color: '#1a1a1a', accent_color: '#7c3aed', logo_url: null, logo_alt: '', hero_image_url: null, hero_image_alt: '' },
      form: {
        fields: [{ name: 'email', label: 'Email', type: 'email', required: true, max_length: 500, options: null, placeholder: null, help_text: null, min: null, max: null }],
        submit_label: 'Send',
        success_message: 'Thank you!',
        next_url: null,
        next_label: null,
      },
      published: true,
    },
  ],
  properties: {
    title: { type: 'string', maxLength: 200 },
    language: { type: 'string', examples: ['en'] },
    blocks: { type: 'array', maxItems: 50, items: block },
    theme,
    form,
    published: { type: 'boolean' },
  },
} as const;

/**
 * What a request may send as `hosted_page`: the same document with only `title` required (the rest
 * takes defaults). The route validates it with validatePageConfig (precise errors), not this schema.
 */
export const hostedPageInputField = documentedAs(
  'HostedPageInput',
  {
    type: 'object',
    description: 'A hosted page to create or replace; omitted fields take their defaults (language `en`, default theme, no form, unpublished).',
    required: ['title'],
    additionalProperties: false,
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 200 },
      language: { type: 'string', examples: ['en'] },
      blocks: { type: 'array', maxItems: 50, items: { $ref: '#/components/schemas/PageBlock' } },
      theme: { type: 'object', additionalProperties: false, properties: theme.properties },
      form: {
        anyOf: [
          {
            type: 'object',
            required: ['fields'],
            additionalProperties: false,
            properties: {
              ...form.properties,
              fields: { type: 'array', items: { type: 'object', required: ['name', 'label', 'type'], additionalProperties: false, properties: field.properties } },
            },
          },
          { type: 'null' },
        ],
      },
      published: { type: 'boolean', default: false },
    },
  },
  { type: ['object', 'null'], description: 'A landing page Tessera hosts at /p/{account slug}/{campaign slug} (needs a slug to publish). null removes it.' } as const,
);

/** JSON schema of publicPageJson. */
export const publicPageSchema = {
  title: 'PublicPage',
  type: 'object',
  description: 'A published hosted page, for clients that render it themselves.',
  required: ['title', 'language', 'blocks', 'theme', 'form', 'page_url', 'submit_url', 'short_code', 'updated_at'],
  properties: {
    title: pageConfigSchema.properties.title,
    language: pageConfigSchema.properties.language,
    blocks: pageConfigSchema.properties.blocks,
    theme: pageConfigSchema.properties.theme,
    form: pageConfigSchema.properties.form,
    page_url: { type: 'string', format: 'uri' },
    submit_url: { type: ['string', 'null'], description: 'POST form answers here (JSON or urlencoded).' },
    short_code: { type: 'string' },
    updated_at: { type: 'string', format: 'date-time' },
  },
} as const;
