// The campaigns API's shapes, written once: validation, handler types and OpenAPI come from here.
// The campaign JSON is shared by campaign responses and bulk results.
import { DefaultsOptional, IsoDateTime, NOT_BLANK, NullOr, Page, PageQuery, type Static, StringEnum, TextMatching, type TSchema, type TUnsafe, Type } from '../../http/schema.ts';
import { HostedPageInput, HostedPageJson } from '../pages/index.ts';
import { imageSizeField, PNG_SIZES } from '../render/index.ts';
import { designConfigField } from '../templates/index.ts';
import { CAMPAIGN_STATUSES, QR_TYPES } from './campaign.ts';
import { MAX_DESTINATION_LENGTH } from './destination.ts';

const designConfig = Type.Unsafe<Record<string, unknown>>(designConfigField);

// Integrators follow the response more than the docs: an unsigned morphing URL put in 1,000
// confirmation e-mails would show EXPIRED in every one.
const MORPH_RENDER_NOTE = 'A morphing code draws its live ticket only when signed (append `t` and `sig`, made with its `secret_key`); as given, it draws the EXPIRED image.';

export const CampaignJson = Type.Object(
  {
    id: Type.String({ examples: ['cmp_4hT9xQ2mZpL8vN3bK7wR1c'] }),
    name: Type.String(),
    slug: NullOr(Type.String()),
    qr_type: StringEnum(QR_TYPES),
    status: StringEnum(CAMPAIGN_STATUSES),
    destination: Type.String({ format: 'uri' }),
    short_code: Type.String({ examples: ['Xk4mP9q'] }),
    public_url: Type.String({ description: 'What the code encodes: the short link (dynamic, morphing) or the destination (static).' }),
    svg_url: Type.String({
      description: `Scales to its box; ?size=N gives it width and height attributes of N pixels. ${MORPH_RENDER_NOTE}`,
    }),
    png_url: Type.String({
      description: `Accepts ?size=${PNG_SIZES.campaignImage.min}–${PNG_SIZES.campaignImage.max} (default ${PNG_SIZES.campaignImage.default}). ${MORPH_RENDER_NOTE}`,
    }),
    design_config: designConfig,
    template_id: NullOr(Type.String()),
    batch_id: NullOr(Type.String(), { description: 'The bulk request that created this code.' }),
    hosted_page: NullOr(HostedPageJson),
    hosted_page_url: NullOr(Type.String(), {
      description: 'Where the published page lives: `{public URL}/p/{account slug}/{campaign slug}`. Point a dynamic code here to use the page as its destination.',
    }),
    created_at: IsoDateTime(),
    updated_at: IsoDateTime(),
    active_from: NullOr(IsoDateTime(), { description: 'The code leads on from this instant; before it, it answers a "not active yet" page (403). null: at once.' }),
    active_until: NullOr(IsoDateTime(), { description: 'The code stops leading on at this instant; from then on it answers an "ended" page (410). null: never.' }),
    livemode: Type.Boolean({
      description: 'false for test campaigns, made with a `tst` key: the only ones a `tst` key may change, archive or reach the secrets and form answers of. Set at creation; never changes.',
    }),
    // Every field but these optional extras is always present, null or not.
    svg: Type.Optional(Type.String({ description: 'The SVG itself, when inlined on request.' })),
    secret_key: Type.Optional(
      Type.String({
        description:
          'Morphing codes, in creation responses only: the secret to sign render URLs with (`sig` = hex HMAC-SHA256 of `t` under this string). Bound to this one code; read or rotate it at `/api/v1/campaigns/{id}/secret`.',
      }),
    ),
  },
  {
    title: 'Campaign',
    description: 'A QR code and what it leads to: `static` (encodes the destination), `dynamic` (a short link whose destination can change) or `morphing` (an anti-screenshot ticket).',
    examples: [
      {
        id: 'cmp_4hT9xQ2mZpL8vN3bK7wR1c',
        name: 'Spring fair poster',
        slug: 'spring-fair',
        qr_type: 'dynamic',
        status: 'active',
        destination: 'https://example.com/spring',
        short_code: 'Xk4mP9q',
        public_url: 'https://qr.example.com/Xk4mP9q',
        svg_url: 'https://qr.example.com/api/render/Xk4mP9q.svg',
        png_url: 'https://qr.example.com/api/render/Xk4mP9q.png',
        design_config: { preset: 'ocean' },
        template_id: null,
        batch_id: null,
        hosted_page: null,
        hosted_page_url: null,
        created_at: '2026-03-01T12:00:00.000Z',
        updated_at: '2026-03-01T12:00:00.000Z',
        active_from: '2026-04-01T08:00:00.000Z',
        active_until: null,
        livemode: true,
      },
    ],
  },
);
export type CampaignJson = Static<typeof CampaignJson>;

export const CampaignList = Page(CampaignJson, 'CampaignList', 'A page of campaigns; pass `next_cursor` as `cursor` for the next (null on the last page).');

export const CampaignListQuery = DefaultsOptional(
  Type.Object(
    {
      ...PageQuery.properties,
      status: Type.Optional(StringEnum(CAMPAIGN_STATUSES)),
      qr_type: Type.Optional(StringEnum(QR_TYPES)),
      q: Type.Optional(Type.String({ maxLength: 200, description: 'Only campaigns whose name contains this text (case-insensitive).' })),
      batch_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only the codes one bulk request created (its `batch_id`), e.g. the tickets of one event.' })),
    },
    { additionalProperties: false },
  ),
);

const QR_TYPE_DESCRIPTION = '`morphing`: an anti-screenshot ticket whose QR payload rotates; render it through signed URLs with the returned `secret_key`.';
const scheduleInstant = { format: 'date-time', maxLength: 40 } as const;
/** The fields a campaign is created or updated with. */
const fields = {
  name: TextMatching(NOT_BLANK, 'must not be blank', { minLength: 1, maxLength: 200 }),
  slug: NullOr(TextMatching('^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$', 'must be 1–64 lowercase letters, digits and hyphens, not starting or ending with a hyphen'), {
    description: 'Unique within the account; lowercase letters, digits, inner hyphens.',
  }),
  qr_type: StringEnum(QR_TYPES, { description: QR_TYPE_DESCRIPTION }),
  // The scheme is checked here as well as in checkDestination, so a body with a blank name and a
  // `javascript:` link is told both at once: a schema failure stops the request before the service.
  destination: TextMatching('^$|^\\s*[Hh][Tt][Tt][Pp][Ss]?://', 'must be a web link starting with https:// or http://', {
    minLength: 1,
    maxLength: MAX_DESTINATION_LENGTH,
    description: 'Absolute http(s) URL.',
  }),
  design_config: designConfig,
  template_id: NullOr(Type.String({ maxLength: 64 })),
  hosted_page: HostedPageInput,
  active_from: NullOr(Type.String(scheduleInstant), {
    description:
      'RFC 3339 instant from which the code leads on (2000–2199); before it the code answers a "not active yet" page (403, problem code `code_not_yet_active`) and counts no scan. null: at once.',
  }),
  active_until: NullOr(Type.String(scheduleInstant), {
    description:
      'RFC 3339 instant at which the code stops leading on (later than active_from); from then on it answers an "ended" page (410, problem code `code_ended`) and counts no scan. null: never.',
  }),
};

/** Input of createCampaign; `qr_type` is optional to the caller (default `dynamic`). */
export const CreateCampaignBody = DefaultsOptional(
  Type.Object(
    {
      name: fields.name,
      slug: Type.Optional(fields.slug),
      qr_type: StringEnum(QR_TYPES, { description: QR_TYPE_DESCRIPTION, default: 'dynamic' }),
      destination: fields.destination,
      design_config: Type.Optional(fields.design_config),
      template_id: Type.Optional(fields.template_id),
      hosted_page: Type.Optional(fields.hosted_page),
      active_from: Type.Optional(fields.active_from),
      active_until: Type.Optional(fields.active_until),
    },
    { additionalProperties: false },
  ),
);
export type CreateCampaignBody = Static<typeof CreateCampaignBody>;

/** The fields of a campaign's JSON that Tessera sets, which no update can change. */
export const SERVER_SET_FIELDS = ['id', 'status', 'short_code', 'public_url', 'svg_url', 'png_url', 'batch_id', 'hosted_page_url', 'created_at', 'updated_at', 'livemode'] as const;
export type ServerSetField = (typeof SERVER_SET_FIELDS)[number];

// A client that GETs a campaign, changes a field and PUTs the whole body back sends these too:
// they are accepted when they equal what GET answers (and ignored), so that common REST pattern
// works, and refused when they differ, since the change would otherwise be dropped unseen.
const serverSet = <T extends TSchema>(schema: T) =>
  Type.Unsafe<Static<T>>({
    ...schema,
    readOnly: true,
    description: 'Set by Tessera: accepted and ignored when equal to the value GET answers (so a GET body can be sent back), refused (400) otherwise.',
  });
const serverSetFields = Object.fromEntries(SERVER_SET_FIELDS.map((name) => [name, serverSet(CampaignJson.properties[name])])) as {
  [K in ServerSetField]: TUnsafe<Static<(typeof CampaignJson.properties)[K]>>;
};

/** Input of updateCampaign: every field optional, at least one; the server-set ones only as GET answers them. */
export const UpdateCampaignBody = Type.Partial(Type.Object({ ...fields, ...serverSetFields }), { additionalProperties: false, minProperties: 1 });
export type UpdateCampaignBody = Static<typeof UpdateCampaignBody>;

/** `/api/render/{short_code}.svg` or `.png`. */
export const RenderFileParams = Type.Object({ file: Type.String({ maxLength: 40, examples: ['Xk4mP9q.svg'] }) });

export const RenderQuery = DefaultsOptional(
  Type.Object({
    size: Type.Optional(imageSizeField(PNG_SIZES.campaignImage)),
    // Left untyped on purpose: a malformed signature gets the EXPIRED image, not a 400.
    t: Type.Optional(Type.Unknown({ description: 'Morphing codes: signing time, milliseconds since the epoch (decimal).', examples: ['1772366400000'] })),
    sig: Type.Optional(Type.Unknown({ description: "Morphing codes: hex HMAC-SHA256 of `t` under the code's secret_key (64 hex characters)." })),
  }),
);

export const NotModified = Type.Unsafe<void>({ description: 'Not modified', type: 'null' });
