// The analytics API's shapes, written once: validation, handler types and OpenAPI come from here.
import { DefaultsOptional, NullOr, type Static, Type } from '../../http/schema.ts';
import { MAX_VALUES } from './analytics.service.ts';

const includeBots = Type.Boolean({ default: false, description: 'Count bots, crawlers and link-preview fetchers too (excluded by default).' });
const tz = Type.Optional(
  Type.String({
    maxLength: 64,
    description:
      "IANA time zone deciding where days start (default 'UTC'), or an offset in quarter hours ('+05:30'). The timeline and hours count in 15-minute steps and follow any zone exactly; the breakdowns (devices, countries, referrers…) count by the hour, so in a zone whose days start at a half or quarter hour (Asia/Kolkata, Asia/Kathmandu) each end of their range moves back to the hour before it (up to 45 minutes early).",
  }),
);
const dateParam = (what: string) => Type.Optional(Type.String({ maxLength: 32, description: `${what} local date (YYYY-MM-DD, inclusive).` }));

// Unknown parameters are refused, as on every other list: a misspelt `form=` or a `start`/`end`
// answered the default 30 days with a 200, figures of another period than the one asked for.
/** The report range every report but the overview takes. */
export const RangeQuery = DefaultsOptional(Type.Object({ tz, from: dateParam('First'), to: dateParam('Last'), include_bots: includeBots }, { additionalProperties: false }));
export type RangeQuery = Static<typeof RangeQuery>;

/** The overview's figures are relative to now (today, the last 7 and 30 days): it takes no range. */
export const OverviewQuery = DefaultsOptional(Type.Object({ tz, include_bots: includeBots }, { additionalProperties: false }));

const localDate = Type.String({ format: 'date', examples: ['2026-03-01'] });
const rangeFields = { tz: Type.String({ examples: ['Europe/Berlin'] }), from: localDate, to: localDate };

export const AnalyticsTimeline = Type.Object(
  {
    ...rangeFields,
    data: Type.Array(
      Type.Object(
        {
          date: localDate,
          scans: Type.Integer({ minimum: 0 }),
          unique_scans: Type.Integer({ minimum: 0, description: 'Distinct visitors that day (salted daily hash; no IP stored).' }),
        },
        { title: 'AnalyticsDay' },
      ),
    ),
  },
  {
    title: 'AnalyticsTimeline',
    description: 'Scans per local day in the range, zero-filled, oldest first.',
    examples: [
      {
        tz: 'UTC',
        from: '2026-03-01',
        to: '2026-03-02',
        data: [
          { date: '2026-03-01', scans: 42, unique_scans: 30 },
          { date: '2026-03-02', scans: 0, unique_scans: 0 },
        ],
      },
    ],
  },
);

export const AnalyticsHours = Type.Object(
  {
    ...rangeFields,
    data: Type.Array(Type.Object({ hour: Type.Integer({ minimum: 0, maximum: 23 }), scans: Type.Integer({ minimum: 0 }) }, { title: 'AnalyticsHour' })),
  },
  { title: 'AnalyticsHours', description: 'Scans by local hour of day (0–23 in `tz`) over the range.' },
);

export const AnalyticsOverviewResponse = Type.Object(
  {
    data: Type.Object(
      {
        total_scans: Type.Integer(),
        unique_scans: Type.Integer(),
        scans_today: Type.Integer(),
        scans_last_7_days: Type.Integer(),
        scans_last_30_days: Type.Integer(),
        active_campaigns: Type.Integer(),
      },
      {
        title: 'AnalyticsOverview',
        description: 'Scan counts of the account (bots excluded unless include_bots); days are local to `tz`.',
        examples: [{ total_scans: 1520, unique_scans: 980, scans_today: 12, scans_last_7_days: 140, scans_last_30_days: 610, active_campaigns: 8 }],
      },
    ),
  },
  { title: 'AnalyticsOverviewResponse' },
);

/** Scans per value of one dimension; the value's key is the dimension's (`os`, `browser`, …). */
export function AnalyticsBreakdown(key: string) {
  const name = key
    .split('_')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return Type.Object(
    {
      ...rangeFields,
      total: Type.Integer({ minimum: 0 }),
      data: Type.Array(
        Type.Object({
          [key]: NullOr(Type.String()),
          scans: Type.Integer({ minimum: 0 }),
          share: Type.Number({ minimum: 0, maximum: 1, description: 'Fraction of the total (0–1).' }),
          other: Type.Optional(
            Type.Literal(true, { description: `Present (true) only on the last entry when more than ${MAX_VALUES} values were seen: it sums the rest, and its \`${key}\` is null.` }),
          ),
        }),
      ),
    },
    {
      title: `Analytics${name === 'Os' ? 'Os' : name}Breakdown`,
      description: `Scans per ${key.replace('_', ' ')} over the range, most first; \`share\` is the fraction of \`total\`. Open-ended breakdowns list at most ${MAX_VALUES} values, then one entry with \`other: true\` for the rest.`,
    },
  );
}
