// /api/v1/analytics: the seed's overview, timeline and device (OS) reports, per account and per
// campaign, plus browser / device type / country / referrer / hour-of-day breakdowns and a CSV
// export of raw scans. Handlers parse, call one service function and shape the reply.
import { fileResponse } from '../../http/openapi-media.ts';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { type Breakdown, type BreakdownDimension, breakdown, hourOfDay, overview, type ReportQuery, timeline } from './analytics.service.ts';
import { exportScans } from './export.service.ts';
import { openGeoIp } from './ingest.service.ts';
import { idParams } from '../../http/route-schemas.ts';

const TAGS = ['analytics'];

const includeBots = { type: 'boolean', default: false, description: 'Count bots, crawlers and link-preview fetchers too (excluded by default).' } as const;
const tz = { type: 'string', maxLength: 64, description: "IANA time zone deciding where days start (default 'UTC')." } as const;
const dateParam = (what: string) => ({ type: 'string', maxLength: 32, description: `${what} local date (YYYY-MM-DD, inclusive).` }) as const;

const rangeQuery = {
  type: 'object',
  properties: { tz, from: dateParam('First'), to: dateParam('Last'), include_bots: includeBots },
} as const;


const localDate = { type: 'string', format: 'date', examples: ['2026-03-01'] } as const;
const rangeFields = { tz: { type: 'string', examples: ['Europe/Berlin'] }, from: localDate, to: localDate } as const;
const RANGE_REQUIRED = ['tz', 'from', 'to'] as const;

const timelineResponse = {
  title: 'AnalyticsTimeline',
  type: 'object',
  description: 'Scans per local day in the range, zero-filled, oldest first.',
  required: [...RANGE_REQUIRED, 'data'],
  examples: [{ tz: 'UTC', from: '2026-03-01', to: '2026-03-02', data: [{ date: '2026-03-01', scans: 42, unique_scans: 30 }, { date: '2026-03-02', scans: 0, unique_scans: 0 }] }],
  properties: {
    ...rangeFields,
    data: {
      type: 'array',
      items: {
        title: 'AnalyticsDay',
        type: 'object',
        required: ['date', 'scans', 'unique_scans'],
        properties: { date: localDate, scans: { type: 'integer', minimum: 0 }, unique_scans: { type: 'integer', minimum: 0, description: 'Distinct visitors that day (salted daily hash; no IP stored).' } },
      },
    },
  },
} as const;

const hoursResponse = {
  title: 'AnalyticsHours',
  type: 'object',
  description: 'Scans by local hour of day (0–23 in `tz`) over the range.',
  required: [...RANGE_REQUIRED, 'data'],
  properties: {
    ...rangeFields,
    data: {
      type: 'array',
      items: { title: 'AnalyticsHour', type: 'object', required: ['hour', 'scans'], properties: { hour: { type: 'integer', minimum: 0, maximum: 23 }, scans: { type: 'integer', minimum: 0 } } },
    },
  },
} as const;

const overviewResponse = {
  title: 'AnalyticsOverviewResponse',
  type: 'object',
  required: ['data'],
  properties: {
    data: {
      title: 'AnalyticsOverview',
      type: 'object',
      description: 'Scan counts of the account (bots excluded unless include_bots); days are local to `tz`.',
      required: ['total_scans', 'unique_scans', 'scans_today', 'scans_last_7_days', 'scans_last_30_days', 'active_campaigns'],
      examples: [{ total_scans: 1520, unique_scans: 980, scans_today: 12, scans_last_7_days: 140, scans_last_30_days: 610, active_campaigns: 8 }],
      properties: {
        total_scans: { type: 'integer' },
        unique_scans: { type: 'integer' },
        scans_today: { type: 'integer' },
        scans_last_7_days: { type: 'integer' },
        scans_last_30_days: { type: 'integer' },
        active_campaigns: { type: 'integer' },
      },
    },
  },
} as const;

function breakdownResponse(key: string) {
  const name = key
    .split('_')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return {
    title: `Analytics${name === 'Os' ? 'Os' : name}Breakdown`,
    type: 'object',
    description: `Scans per ${key.replace('_', ' ')} over the range, most first; \`share\` is the fraction of \`total\`.`,
    required: [...RANGE_REQUIRED, 'total', 'data'],
    properties: {
      ...rangeFields,
      total: { type: 'integer', minimum: 0 },
      data: {
        type: 'array',
        items: {
          type: 'object',
          required: [key, 'scans', 'share'],
          properties: { [key]: { type: ['string', 'null'] }, scans: { type: 'integer', minimum: 0 }, share: { type: 'number', minimum: 0, maximum: 1, description: 'Fraction of the total (0–1).' } },
        },
      },
    },
  } as const;
}

/** Path segment, reply key and summary of each breakdown. */
const BREAKDOWN_ROUTES: ReadonlyArray<{ path: string; dimension: BreakdownDimension; key: string; summary: string }> = [
  { path: 'devices', dimension: 'os', key: 'os', summary: 'OS breakdown (iOS, Android, Windows, macOS, Linux, ChromeOS, other)' },
  { path: 'browsers', dimension: 'browser', key: 'browser', summary: 'Browser breakdown' },
  { path: 'device-types', dimension: 'device_type', key: 'device_type', summary: 'Device type breakdown (mobile, tablet, desktop, other)' },
  { path: 'countries', dimension: 'country', key: 'country', summary: 'Country breakdown (ISO 3166-1 alpha-2; null = unknown)' },
  { path: 'referrers', dimension: 'referrer', key: 'referrer', summary: 'Referrer host breakdown (null = direct / none)' },
];

interface RangeQs {
  tz?: string;
  from?: string;
  to?: string;
  include_bots?: boolean;
}

function reportQuery(request: FastifyRequest): ReportQuery {
  const q = request.query as RangeQs;
  return { tz: q.tz, from: q.from, to: q.to, includeBots: q.include_bots ?? false };
}

function campaignId(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

function shapeBreakdown(result: Breakdown, key: string) {
  return { tz: result.tz, from: result.from, to: result.to, total: result.total, data: result.data.map((d) => ({ [key]: d.value, scans: d.scans, share: d.share })) };
}

/** Registers the analytics routes. */
export async function analyticsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // A configured GeoIP file that cannot be read fails the start, not the first flush.
  openGeoIp(ctx.config);
  app.get(
    '/api/v1/analytics/overview',
    {
      schema: {
        tags: TAGS,
        security: SIGNED_IN,
        summary: 'Global scan counts: total, unique, today, last 7 and 30 days, active campaigns',
        querystring: { type: 'object', properties: { tz, include_bots: includeBots } },
        response: { 200: overviewResponse },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return { data: await overview(ctx, principal.accountId, reportQuery(request)) };
    },
  );

  for (const scope of ['account', 'campaign'] as const) {
    const base = scope === 'account' ? '/api/v1/analytics' : '/api/v1/analytics/campaign/:id';
    const what = scope === 'account' ? 'all campaigns' : 'one campaign';
    const params = scope === 'campaign' ? { params: idParams } : {};
    const idOf = (request: FastifyRequest) => (scope === 'campaign' ? campaignId(request) : null);

    app.get(
      `${base}/timeline`,
      { schema: { tags: TAGS, security: SIGNED_IN, summary: `Daily scans and unique scans of ${what}, zero-filled, oldest first (default: last 30 days)`, ...params, querystring: rangeQuery, response: { 200: timelineResponse } } },
      async (request) => {
        const principal = requirePrincipal(request);
        return timeline(ctx, principal.accountId, idOf(request), reportQuery(request));
      },
    );

    for (const route of BREAKDOWN_ROUTES) {
      app.get(
        `${base}/${route.path}`,
        { schema: { tags: TAGS, security: SIGNED_IN, summary: `${route.summary} of ${what}`, ...params, querystring: rangeQuery, response: { 200: breakdownResponse(route.key) } } },
        async (request) => {
          const principal = requirePrincipal(request);
          return shapeBreakdown(await breakdown(ctx, principal.accountId, idOf(request), route.dimension, reportQuery(request)), route.key);
        },
      );
    }

    app.get(
      `${base}/hours`,
      { schema: { tags: TAGS, security: SIGNED_IN, summary: `Scans of ${what} by local hour of day (0–23 in tz)`, ...params, querystring: rangeQuery, response: { 200: hoursResponse } } },
      async (request) => {
        const principal = requirePrincipal(request);
        return hourOfDay(ctx, principal.accountId, idOf(request), reportQuery(request));
      },
    );
  }

  app.get(
    '/api/v1/analytics/campaign/:id/export.csv',
    {
      schema: {
        tags: TAGS,
        security: SIGNED_IN,
        summary: 'Raw scans of one campaign in a range as CSV (streamed; spreadsheet formulas neutralised)',
        params: idParams,
        querystring: rangeQuery,
        response: { 200: fileResponse('CSV (RFC 4180), one row per scan, oldest first.', ['text/csv']) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = campaignId(request);
      const result = await exportScans(ctx, principal.accountId, id, reportQuery(request));
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="scans-${id.replace(/[^A-Za-z0-9_-]/g, '')}-${result.from}-${result.to}.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(Readable.from(result.chunks));
    },
  );
}
