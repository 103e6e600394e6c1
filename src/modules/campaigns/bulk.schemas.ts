// The bulk API's shapes, written once: validation, handler types and OpenAPI come from here.
import { DefaultsOptional, NullOr, type Static, StringEnum, Type } from '../../http/schema.ts';
import { BatchName } from './batches.schemas.ts';
import { CampaignJson } from './campaign.schemas.ts';
import { QR_TYPES } from './campaign.ts';
import { MAX_DESTINATION_LENGTH } from './destination.ts';
import { designConfigField } from '../templates/index.ts';

/** Most URLs per bulk request. */
export const MAX_BULK_URLS = 1000;

/** Longest campaign name in a bulk request. */
export const MAX_BULK_NAME_LENGTH = 200;

/** A bulk request; `qr_type`, `inline_svg` and `dry_run` are optional to the caller (defaults). */
export const BulkBody = DefaultsOptional(
  Type.Object(
    {
      // Per-entry lengths are checked by the service with every other per-entry rule, not here: a
      // schema error stops the request before the handler, so one over-long URL hid every other
      // bad entry (the caller fixed one, sent again, and only then learnt of the rest).
      urls: Type.Array(Type.String(), {
        minItems: 1,
        maxItems: MAX_BULK_URLS,
        description: `1–${MAX_BULK_URLS} absolute http(s) URLs, each at most ${MAX_DESTINATION_LENGTH} characters.`,
      }),
      names: Type.Optional(
        Type.Array(Type.String(), {
          maxItems: MAX_BULK_URLS,
          description: `Optional campaign names (at most ${MAX_BULK_NAME_LENGTH} characters each), one per URL in the same order; an empty string keeps the default \`#{n} {url}\` (the URL without its scheme and \`www.\`, cut at 80 characters).`,
        }),
      ),
      batch_name: Type.Optional(BatchName),
      qr_type: StringEnum(QR_TYPES, { default: 'dynamic' }),
      design_config: Type.Optional(Type.Unsafe<Record<string, unknown>>(designConfigField)),
      template_id: Type.Optional(NullOr(Type.String({ maxLength: 64 }))),
      inline_svg: Type.Boolean({ default: false, description: 'Include each SVG in the response (`svg`).' }),
      dry_run: Type.Boolean({
        default: false,
        description: 'Run every check and create nothing: 200 `{dry_run: true, count}` when the request would succeed, otherwise the same 400 (every bad URL in `errors`) it would get.',
      }),
    },
    { additionalProperties: false },
  ),
);
export type BulkBody = Static<typeof BulkBody>;
/** What createBulk takes: the body without `dry_run`, which stays out of the idempotency fingerprint. */
export type BulkInput = Omit<BulkBody, 'dry_run'>;

export const BulkQuery = Type.Object({ inline: Type.Optional(StringEnum(['svg'])) });

export const BulkHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 255 })) });

export const BulkDryRun = Type.Object(
  {
    dry_run: Type.Unsafe<true>({ type: 'boolean', const: true }),
    count: Type.Integer({ description: 'How many codes the request would create.' }),
  },
  { description: 'Dry run: the request would succeed.' },
);

export const BulkResult = Type.Object(
  { data: Type.Array(CampaignJson), batch_id: Type.String(), count: Type.Integer() },
  { title: 'BulkResult', description: 'Every code created, in the order of `urls`, sharing one `batch_id`.' },
);
export type BulkResult = Static<typeof BulkResult>;
