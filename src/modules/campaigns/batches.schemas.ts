// The batch list's shapes, written once: validation, handler types, OpenAPI and the typed client
// come from here. A batch is one bulk request (`POST /api/v1/qrs/bulk`): an event's tickets.
import { DefaultsOptional, IsoDateTime, NOT_BLANK, NullOr, Page, PageQuery, type Static, StringEnum, TextMatching, Type } from '../../http/schema.ts';
import { QR_TYPES } from './campaign.ts';

/** Longest batch name. */
export const MAX_BATCH_NAME_LENGTH = 200;

/** A batch's name as a request gives it: trimmed by the service. */
export const BatchName = TextMatching(NOT_BLANK, 'must not be blank', {
  minLength: 1,
  maxLength: MAX_BATCH_NAME_LENGTH,
  description: 'What people know the batch by, e.g. the event: shown instead of its first code on the dashboard.',
  examples: ['Spring fair, 14 March'],
});

/** GET /api/v1/qrs/batches filters. */
export const BatchListQuery = DefaultsOptional(
  Type.Object(
    {
      ...PageQuery.properties,
      qr_type: Type.Optional(StringEnum(QR_TYPES, { description: 'Only batches of this code type, e.g. `morphing` for events.' })),
    },
    { additionalProperties: false },
  ),
);

export const BatchJson = Type.Object(
  {
    batch_id: Type.String({
      examples: ['bat_01JQ8Z3W5N7R2T4V6X8Y0A1B2C'],
      description: 'Pass to `GET /api/v1/campaigns?batch_id=`, `GET /api/v1/checkins/summary?batch_id=` and the check-in log and export.',
    }),
    qr_type: StringEnum(QR_TYPES, { description: 'The type of every code of the batch.' }),
    codes: Type.Integer({ minimum: 1, description: 'Codes the request created, archived ones included.' }),
    created_at: IsoDateTime(),
    livemode: Type.Boolean({ description: 'false for a batch made with a `tst` key (its codes are test campaigns).' }),
    first_name: Type.String({ description: 'The name of the first code sent (`names[0]`, or its default `#1 …`): what a person knows the batch by.' }),
    first_destination: Type.String({ description: 'The destination of the first code sent (`urls[0]`).' }),
    name: NullOr(Type.String(), { description: 'The batch’s name (`batch_name` of the request, or set later), or null for a batch never named.' }),
  },
  { title: 'Batch', description: 'One bulk request and the codes it created, summed up by the database.' },
);
export type BatchJson = Static<typeof BatchJson>;

export const BatchList = Page(BatchJson, 'BatchList', 'A page of bulk requests, newest first; pass `next_cursor` as `cursor` for the next (null on the last page).');

/** The batch a route is about. */
export const BatchParams = Type.Object({ batch_id: Type.String({ minLength: 1, maxLength: 64 }) });

/** PATCH /api/v1/qrs/batches/{batch_id}. */
export const BatchUpdate = Type.Object({ name: NullOr(BatchName, { description: 'The new name, or null to take the name away.' }) }, { additionalProperties: false });
export type BatchUpdate = Static<typeof BatchUpdate>;

/** PUT /api/v1/qrs/batches/{batch_id}/reentry. */
export const BatchReentryBody = Type.Object(
  { allow_reentry: Type.Boolean({ description: 'true: a ticket checked out (an exit) may enter again; false: each ticket enters once.' }) },
  { additionalProperties: false },
);

export const BatchReentryJson = Type.Object(
  {
    batch_id: Type.String(),
    allow_reentry: NullOr(Type.Boolean(), {
      description: 'true when every ticket of the event may enter again after an exit, false when none may, null when they differ (set one by one with `PATCH /api/v1/campaigns/{id}/morph`).',
    }),
    tickets: Type.Integer({ minimum: 0, description: 'Tickets of the event, archived ones included.' }),
    allowing: Type.Integer({ minimum: 0, description: 'Of those, the tickets that may enter again after an exit.' }),
  },
  { title: 'BatchReentry', description: 'An event’s re-entry policy, for all its tickets at once.' },
);
export type BatchReentryJson = Static<typeof BatchReentryJson>;
