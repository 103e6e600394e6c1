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

const TAGS = ['analytics'];
const security = [...SIGNED_IN];

const includeBots = { type: 'boolean', default: false, description: 'Count bots, crawlers and link-preview fetchers too (excluded by default).' } as const;
const tz = { type: 'string', maxLength: 64, description: "IANA time zone deciding where days start (default 'UTC')." } as const;
const dateParam = (what: string) => ({ type: 'string', maxLength: 32, description: `${what} local date (YYYY-MM-DD, inclusive).` }) as const;

const rangeQuery = {
  type: 'object',
  properties: { tz, from: dateParam('First'), to: dateParam('Last'), include_bots: includeBots },
} as const;

const campaignParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

const rangeFields = { tz: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } as const;

const timelineResponse = {
  type: 'object',
  properties: {
    ...rangeFields,
    data: {
      type: 'array',
      items: { type: 'object', properties: { date: { type: 'string' }, scans: { type: 'integer' }, unique_scans: { type: 'integer' } } },
    },
  },
} as const;

const hoursResponse = {
  type: 'object',
  properties: { ...rangeFields, data: { type: 'array', items: { type: 'object', properties: { hour: { type: 'integer' }, scans: { type: 'integer' } } } } },
} as const;

const overviewResponse = {
  type: 'object',
  properties: {
    data: {
      type: 'object',
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
  return {
    type: 'object',
    properties: {
      ...rangeFields,
      total: { type: 'integer' },
      data: {
        type: 'array',
        items: { type: 'object', properties: { [key]: { type: ['string', 'null'] }, scans: { type: 'integer' }, share: { type: 'number', description: 'Fraction of the total (0–1).' } } },
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
        security,
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
    const params = scope === 'campaign' ? { params: campaignParams } : {};
    const idOf = (request: FastifyRequest) => (scope === 'campaign' ? campaignId(request) : null);

    app.get(
      `${base}/timeline`,
      { schema: { tags: TAGS, security, summary: `Daily scans and unique scans of ${what}, zero-filled, oldest first (default: last 30 days)`, ...params, querystring: rangeQuery, response: { 200: timelineResponse } } },
      async (request) => {
        const principal = requirePrincipal(request);
        return timeline(ctx, principal.accountId, idOf(request), reportQuery(request));
      },
    );

    for (const route of BREAKDOWN_ROUTES) {
      app.get(
        `${base}/${route.path}`,
        { schema: { tags: TAGS, security, summary: `${route.summary} of ${what}`, ...params, querystring: rangeQuery, response: { 200: breakdownResponse(route.key) } } },
        async (request) => {
          const principal = requirePrincipal(request);
          return shapeBreakdown(await breakdown(ctx, principal.accountId, idOf(request), route.dimension, reportQuery(request)), route.key);
        },
      );
    }

    app.get(
      `${base}/hours`,
      { schema: { tags: TAGS, security, summary: `Scans of ${what} by local hour of day (0–23 in tz)`, ...params, querystring: rangeQuery, response: { 200: hoursResponse } } },
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
        security,
        summary: 'Raw scans of one campaign in a range as CSV (streamed; spreadsheet formulas neutralised)',
        params: campaignParams,
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
