// The check-in summary's shapes, written once: validation, handler types, OpenAPI and the typed
// client come from here.
import { DefaultsOptional, IsoDateTime, NullOr, type Static, StringEnum, Type } from '../../http/schema.ts';
import { CHECKIN_RESULTS } from './checkin.schemas.ts';

/** The results that refuse a check-in: every one but `ok`. */
export const REFUSAL_RESULTS = ['already_redeemed', 'expired', 'invalid', 'revoked'] as const satisfies readonly Exclude<(typeof CHECKIN_RESULTS)[number], 'ok'>[];

/** Most scanners listed; the rest are counted in the totals only. */
export const MAX_SUMMARY_SCANNERS = 200;

/** GET /api/v1/checkins/summary: exactly one of the two (checked by the service, which says which). */
export const CheckinSummaryQuery = DefaultsOptional(
  Type.Object(
    {
      campaign_id: Type.Optional(Type.String({ maxLength: 64, description: 'One ticket. Send this or `batch_id`, not both.' })),
      batch_id: Type.Optional(
        Type.String({
          maxLength: 64,
          description:
            "One event: check-ins of the codes of one bulk request, and every answer a gate gave under this `batch_id` (another event's ticket it refused included). Send this or `campaign_id`, not both.",
        }),
      ),
    },
    { additionalProperties: false },
  ),
);
export type CheckinSummaryQuery = Static<typeof CheckinSummaryQuery>;

const count = (description: string) => Type.Integer({ minimum: 0, description });
const byResult = Type.Object(Object.fromEntries(CHECKIN_RESULTS.map((r) => [r, Type.Integer({ minimum: 0 })])) as Record<(typeof CHECKIN_RESULTS)[number], ReturnType<typeof Type.Integer>>, {
  title: 'CheckinResultCounts',
  description: 'Check-ins per `result`, every result present (0 when none).',
});

export const CheckinSummaryJson = Type.Object(
  {
    campaign_id: NullOr(Type.String(), { description: 'The ticket summed up, when asked by `campaign_id`.' }),
    batch_id: NullOr(Type.String(), { description: 'The bulk batch summed up, when asked by `batch_id`.' }),
    tickets: Type.Object(
      {
        total: count("Morphing codes in the scope, archived ones included (a batch's other codes are no tickets)."),
        archived: count('Of those, archived: their scans are refused as `revoked`.'),
        admitted: count('Tickets admitted at least once (an entry answered `ok`).'),
        inside: count('Tickets inside now: entered and not exited since.'),
      },
      { title: 'CheckinSummaryTickets' },
    ),
    checkins: Type.Object(
      {
        total: count('Every check-in stored for the scope, admitted or refused.'),
        admissions: count('Entries answered `ok` (`reason: admitted`). With re-entry one ticket can count more than once; `tickets.admitted` counts it once.'),
        exits: count('Exits answered `ok` (`reason: left`).'),
        refusals: count('Check-ins answered anything but `ok`.'),
        by_result: byResult,
        refusal_reasons: Type.Array(
          Type.Object(
            {
              reason: Type.String({ description: 'As in the check-in answer, e.g. `already_used`, `token_stale`, `not_inside`, `campaign_archived`.' }),
              result: StringEnum(REFUSAL_RESULTS, { description: 'The result this reason was answered with.' }),
              count: Type.Integer({ minimum: 1 }),
            },
            { title: 'CheckinRefusalReason' },
          ),
          { description: 'Refusals by reason, most frequent first.' },
        ),
        first_at: NullOr(IsoDateTime(), { description: 'The first check-in; null when there is none.' }),
        last_at: NullOr(IsoDateTime(), { description: 'The latest check-in; null when there is none.' }),
      },
      { title: 'CheckinSummaryCheckins' },
    ),
    scanners: Type.Array(
      Type.Object(
        {
          scanner_id: NullOr(Type.String(), { description: 'As the scanner sent it; null sums the check-ins sent without one.' }),
          checkins: count('Every check-in from this scanner.'),
          admissions: count('Entries it admitted (`ok`).'),
          exits: count('Exits it recorded (`ok`).'),
          refusals: count('Check-ins it was answered anything but `ok` for.'),
          first_at: IsoDateTime(),
          last_at: IsoDateTime({ description: 'Its latest check-in: a gate that stopped sending shows here.' }),
        },
        { title: 'CheckinScannerSummary' },
      ),
      { description: `Per \`scanner_id\`, busiest first; at most ${MAX_SUMMARY_SCANNERS}.` },
    ),
    scanners_truncated: Type.Boolean({ description: `True when more than ${MAX_SUMMARY_SCANNERS} scanner ids sent check-ins; the quietest are left out of \`scanners\` (the totals count them).` }),
  },
  {
    title: 'CheckinSummary',
    description:
      "Where an event stands at the gates. A check-in whose payload named none of the account's codes (`unknown_ticket`, `not_a_ticket_url`) belongs to no ticket or batch and is not counted here, unless a gate kept to this event (`batch_id` in the check-in) refused it; list it with `GET /api/v1/checkins`.",
    examples: [
      {
        campaign_id: null,
        batch_id: 'bat_01JQ8Z3W5N7R2T4V6X8Y0A1B2C',
        tickets: { total: 500, archived: 2, admitted: 412, inside: 398 },
        checkins: {
          total: 481,
          admissions: 412,
          exits: 14,
          refusals: 55,
          by_result: { ok: 426, already_redeemed: 41, expired: 12, invalid: 2, revoked: 0 },
          refusal_reasons: [
            { reason: 'already_used', result: 'already_redeemed', count: 41 },
            { reason: 'token_stale', result: 'expired', count: 12 },
            { reason: 'not_inside', result: 'invalid', count: 2 },
          ],
          first_at: '2026-03-01T18:02:11.000Z',
          last_at: '2026-03-01T20:31:40.000Z',
        },
        scanners: [
          { scanner_id: 'gate-A', checkins: 260, admissions: 231, exits: 0, refusals: 29, first_at: '2026-03-01T18:02:11.000Z', last_at: '2026-03-01T20:31:40.000Z' },
          { scanner_id: 'gate-B', checkins: 221, admissions: 181, exits: 14, refusals: 26, first_at: '2026-03-01T18:03:05.000Z', last_at: '2026-03-01T20:29:58.000Z' },
        ],
        scanners_truncated: false,
      },
    ],
  },
);
export type CheckinSummaryJson = Static<typeof CheckinSummaryJson>;

/** GET /api/v1/checkins/export.csv: the summary's scope, and the zone of its `local_time` column. */
export const CheckinExportQuery = DefaultsOptional(
  Type.Object(
    {
      ...CheckinSummaryQuery.properties,
      tz: Type.Optional(Type.String({ maxLength: 64, description: "IANA time zone of the `local_time` column, e.g. the event's (default 'UTC')." })),
    },
    { additionalProperties: false },
  ),
);
