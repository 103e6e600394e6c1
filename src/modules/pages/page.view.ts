// The public JSON shape of a hosted page (`GET /api/v1/resolve/…`) and its schema.
import type { PublicPage } from './page.service.ts';

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
    updated_at: new Date(page.updatedAt).toISOString(),
  };
}

const field = {
  type: 'object',
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

/** JSON schema of a page document (responses; requests are validated by validatePageConfig for precise errors). */
export const pageConfigSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', maxLength: 200 },
    language: { type: 'string', examples: ['en'] },
    blocks: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        description: 'heading {text, level 1–3} · paragraph {text} · image {url, alt} · link {text, url} · button {text, url}; URLs are http(s) only.',
        properties: { type: { type: 'string', enum: ['heading', 'paragraph', 'image', 'link', 'button'] }, text: { type: 'string' }, level: { type: 'integer' }, url: { type: 'string' }, alt: { type: 'string' } },
      },
    },
    theme: {
      type: 'object',
      properties: {
        background_color: { type: 'string', examples: ['#ffffff'] },
        text_color: { type: 'string', examples: ['#1a1a1a'] },
        accent_color: { type: 'string', examples: ['#7c3aed'] },
        logo_url: { type: ['string', 'null'], description: "Shown at the top instead of the account's logo or name." },
        logo_alt: { type: 'string' },
        hero_image_url: { type: ['string', 'null'], description: 'A wide image above the title.' },
        hero_image_alt: { type: 'string' },
      },
    },
    form: {
      type: ['object', 'null'],
      properties: {
        fields: { type: 'array', items: field },
        submit_label: { type: 'string' },
        success_message: { type: 'string' },
        next_url: { type: ['string', 'null'], description: "The thank-you page's main button leads here." },
        next_label: { type: ['string', 'null'], description: 'That button\'s text ("Continue" in the page language when null).' },
      },
    },
    published: { type: 'boolean' },
  },
} as const;

/** JSON schema of publicPageJson. */
export const publicPageSchema = {
  type: 'object',
  properties: {
    ...pageConfigSchema.properties,
    page_url: { type: 'string', format: 'uri' },
    submit_url: { type: ['string', 'null'], description: 'POST form answers here (JSON or urlencoded).' },
    short_code: { type: 'string' },
    updated_at: { type: 'string', format: 'date-time' },
  },
} as const;
