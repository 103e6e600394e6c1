// The hosted page API's shapes, written once: the page document as stored and shown, what a request
// may send as `hosted_page`, and the public page JSON. Requests are validated by validatePageConfig
// (precise errors), so the input is loose to the validator and documented in full.
import { documentedAs } from '../../http/openapi-components.ts';
import { IsoDateTime, NullOr, type Static, StringEnum, Type } from '../../http/schema.ts';
import { BLOCK_TYPES, FIELD_TYPES } from './page-config.ts';

export const FormField = Type.Object(
  {
    name: Type.String(),
    label: Type.String(),
    type: StringEnum(FIELD_TYPES),
    required: Type.Boolean(),
    max_length: NullOr(Type.Integer()),
    options: NullOr(Type.Array(Type.String())),
    placeholder: NullOr(Type.String()),
    help_text: NullOr(Type.String()),
    min: NullOr(Type.Number()),
    max: NullOr(Type.Number()),
  },
  { title: 'FormField' },
);

const text = Type.String({ maxLength: 2000 });
// Stored as written (checked to be http(s)), so not promised to be an RFC 3986 `uri`.
const httpUrl = Type.String({ description: 'An absolute http(s) URL.' });
const blockType = <T extends string>(type: T) => Type.Unsafe<T>({ const: type });
/** What the document shows for a block: one shape per `type`, so typed clients can narrow on it. */
const blockVariants = {
  oneOf: [
    Type.Object({ type: blockType('heading'), text, level: Type.Unsafe<1 | 2 | 3>({ type: 'integer', enum: [1, 2, 3] }) }, { additionalProperties: false }),
    Type.Object({ type: blockType('paragraph'), text }, { additionalProperties: false }),
    Type.Object({ type: blockType('image'), url: httpUrl, alt: Type.String() }, { additionalProperties: false }),
    Type.Object({ type: blockType('link'), text, url: httpUrl }, { additionalProperties: false }),
    Type.Object({ type: blockType('button'), text, url: httpUrl }, { additionalProperties: false }),
  ],
  description: 'heading {text, level 1–3} · paragraph {text} · image {url, alt} · link {text, url} · button {text, url}; URLs are http(s) only.',
};
// Serialised through one loose shape (fast-json-stringify picks oneOf branches slowly); documented as the union.
const PageBlock = documentedAs(
  'PageBlock',
  blockVariants,
  Type.Object({
    type: StringEnum(BLOCK_TYPES),
    text: Type.Optional(Type.String()),
    level: Type.Optional(Type.Integer()),
    url: Type.Optional(Type.String()),
    alt: Type.Optional(Type.String()),
  }),
);

export const PageTheme = Type.Object(
  {
    background_color: Type.String({ examples: ['#ffffff'] }),
    text_color: Type.String({ examples: ['#1a1a1a'] }),
    accent_color: Type.String({ examples: ['#7c3aed'] }),
    logo_url: NullOr(Type.String(), { description: "Shown at the top instead of the account's logo or name." }),
    logo_alt: Type.String(),
    hero_image_url: NullOr(Type.String(), { description: 'A wide image above the title.' }),
    hero_image_alt: Type.String(),
  },
  { title: 'PageTheme' },
);

const formProperties = {
  fields: Type.Array(FormField),
  submit_label: Type.String({ description: "The form's button. Sent empty, it is 'Send' in the page's language ('Senden', 'Envoyer', 'Enviar')." }),
  success_message: Type.String({ description: "Shown on the thank-you page. Sent empty, it is 'Thank you!' in the page's language." }),
  next_url: NullOr(Type.String(), { description: "The thank-you page's main button leads here." }),
  next_label: NullOr(Type.String(), { description: 'That button\'s text ("Continue" in the page language when null).' }),
};
export const PageForm = NullOr(Type.Object(formProperties, { title: 'PageForm' }), { description: 'The form of the page, or null for none.' });

/** A page document (responses; requests are validated by validatePageConfig for precise errors). */
export const HostedPageJson = Type.Object(
  {
    title: Type.String({ maxLength: 200 }),
    language: Type.String({ examples: ['en'] }),
    blocks: Type.Array(PageBlock, { maxItems: 50 }),
    theme: PageTheme,
    form: PageForm,
    published: Type.Boolean(),
  },
  {
    title: 'HostedPage',
    description: 'A landing page Tessera hosts at `/p/{account slug}/{campaign slug}`, as stored (every field present).',
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
  },
);
export type HostedPageJson = Static<typeof HostedPageJson>;

/**
 * What a request may send as `hosted_page`: the same document with only `title` required (the rest
 * takes defaults). The route validates it with validatePageConfig (precise errors), not this schema.
 */
export const HostedPageInput = Type.Unsafe<unknown>(
  documentedAs(
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
        theme: { type: 'object', additionalProperties: false, properties: PageTheme.properties },
        form: {
          anyOf: [
            {
              type: 'object',
              required: ['fields'],
              additionalProperties: false,
              properties: {
                ...formProperties,
                fields: { type: 'array', items: { type: 'object', required: ['name', 'label', 'type'], additionalProperties: false, properties: FormField.properties } },
              },
            },
            { type: 'null' },
          ],
        },
        published: { type: 'boolean', default: false },
      },
    },
    { type: ['object', 'null'], description: 'A landing page Tessera hosts at /p/{account slug}/{campaign slug} (needs a slug to publish). null removes it.' },
  ),
);

export const PublicPageJson = Type.Object(
  {
    title: HostedPageJson.properties.title,
    language: HostedPageJson.properties.language,
    blocks: HostedPageJson.properties.blocks,
    theme: HostedPageJson.properties.theme,
    form: HostedPageJson.properties.form,
    page_url: Type.String({ format: 'uri' }),
    submit_url: NullOr(Type.String(), { description: 'POST form answers here (JSON or urlencoded).' }),
    short_code: Type.String(),
    updated_at: IsoDateTime(),
  },
  { title: 'PublicPage', description: 'A published hosted page, for clients that render it themselves.' },
);
export type PublicPageJson = Static<typeof PublicPageJson>;

/** `/api/v1/resolve/{userSlug}/{campaignSlug}`: the slugs as stored (64 characters at most). */
export const SlugParams = Type.Object({ userSlug: Type.String({ maxLength: 64 }), campaignSlug: Type.String({ maxLength: 64 }) });

/** The HTML routes' slugs: any length, so a mangled link gets the not-found page, not a JSON 400. */
export const PageSlugParams = Type.Object({ userSlug: Type.String(), campaignSlug: Type.String() });
export type PageSlugParams = Static<typeof PageSlugParams>;
