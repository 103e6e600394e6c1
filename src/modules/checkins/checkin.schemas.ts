// The check-in API's shapes and its vocabulary (results and directions), written once:
// validation, handler and service types and OpenAPI come from here.
import type { CheckinsTable } from '../../db/schema.ts';
import { DefaultsOptional, IsoDateTime, NullOr, PageQuery, type Static, StringEnum, TextMatching, Type } from '../../http/schema.ts';

/** Results of a check-in (pretix's names). */
export const CHECKIN_RESULTS = ['ok', 'already_redeemed', 'expired', 'invalid', 'revoked'] as const satisfies readonly CheckinsTable['result'][];
/** Directions through the gate. */
export const CHECKIN_TYPES = ['entry', 'exit'] as const satisfies readonly CheckinsTable['type'][];

export const CheckinJson = Type.Object(
  {
    result: StringEnum(CHECKIN_RESULTS, {
      description:
        "pretix-style: `ok`, `already_redeemed`, `expired` (stale or missing token, or the campaign's `active_until` has passed), `invalid` (also an exit of a ticket that is not inside, and a ticket before its campaign's `active_from`), `revoked` (archived code).",
    }),
    reason: Type.String({ description: 'Finer cause, e.g. `admitted`, `left`, `already_used`, `not_inside`, `token_stale`, `not_yet_active`, `ended`, `unknown_ticket`, `other_event`.' }),
    checkin_id: Type.String({ examples: ['chk_4hT9xQ2mZpL8vN3bK7wR1c'] }),
    type: StringEnum(CHECKIN_TYPES),
    campaign_id: NullOr(Type.String()),
    batch_id: NullOr(Type.String(), {
      description: "The event the check-in counts toward: the ticket's bulk request (bulk-created tickets share it), or the gate's `batch_id` when it sent one.",
    }),
    scanner_id: NullOr(Type.String()),
    ticket: NullOr(Type.Object({ short_code: Type.String(), destination: Type.String(), name: Type.String({ description: 'The attendee reference.' }) })),
    admission: NullOr(Type.Object({ checkin_id: Type.String(), scanner_id: NullOr(Type.String()), created_at: IsoDateTime() }, { title: 'CheckinAdmission' }), {
      description: 'On `already_redeemed` only: the entry that admitted the ticket (its only one without re-entry; with re-entry, the one it is inside on). null otherwise.',
    }),
    opens_at: NullOr(IsoDateTime(), {
      description: "On reason `not_yet_active` only: when the ticket's admission opens (its campaign's `active_from`), so the gate can say when to come back. null otherwise.",
    }),
    reentry: NullOr(Type.Boolean(), {
      description:
        "On a recorded exit (reason `left`) only: whether the ticket may enter again (its code's `allow_reentry`). With `false` the holder has left for good: the next entry is `already_redeemed`/`already_used`, so tell them before they go. null otherwise.",
    }),
    created_at: IsoDateTime(),
  },
  { title: 'Checkin', description: 'The answer to one scan at the door, as recorded.' },
);
export type CheckinJson = Static<typeof CheckinJson>;

export const CheckinList = Type.Object({ data: Type.Array(CheckinJson), next_cursor: NullOr(Type.String()) }, { title: 'CheckinList' });

/** POST /api/v1/checkins body. */
export const CheckinBody = DefaultsOptional(
  Type.Object(
    {
      payload: Type.String({ minLength: 1, maxLength: 2048 }),
      type: StringEnum(CHECKIN_TYPES, { default: 'entry' }),
      scanner_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      batch_id: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 64,
          description:
            'Keep this gate to one event (a bulk request): a ticket of any other batch is answered `invalid`, reason `other_event`, and stays unused. Every answer this gate gets counts toward this event (its log, summary and export), refusals included. An unknown `batch_id` is a 404.',
        }),
      ),
      nonce: Type.Optional(TextMatching('^[\\x21-\\x7e]+$', 'must be printable ASCII without spaces', { minLength: 1, maxLength: 100, description: 'Printable ASCII, unique per scan.' })),
    },
    { additionalProperties: false },
  ),
);
export type CheckinBody = Static<typeof CheckinBody>;

/** GET /api/v1/checkins filters. */
export const CheckinListQuery = DefaultsOptional(
  Type.Object(
    {
      ...PageQuery.properties,
      campaign_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      batch_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      scanner_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only what one gate or scanner recorded.' })),
      result: Type.Optional(StringEnum(CHECKIN_RESULTS, { description: 'Only answers with this result, e.g. `already_redeemed` for the night’s collisions.' })),
      type: Type.Optional(StringEnum(CHECKIN_TYPES)),
    },
    { additionalProperties: false },
  ),
);
