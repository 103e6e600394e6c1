// /api/v1/analytics: the seed's overview, timeline and device (OS) reports, per account and per
// campaign, plus browser / device type / country / referrer / hour-of-day breakdowns and a CSV
// export of raw scans. Handlers parse, call one service function and shape the reply.
import { fileResponse } from '../../http/openapi-media.ts';
import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { type Breakdown, type BreakdownDimension, breakdown, hourOfDay, overview, type ReportQuery, timeline } from './analytics.service.ts';
import { exportScans } from './export.service.ts';
import { IdParams, type Static } from '../../http/schema.ts';
import { AnalyticsBreakdown, AnalyticsHours, AnalyticsOverviewResponse, AnalyticsTimeline, OverviewQuery, RangeQuery } from './analytics.schemas.ts';

const TAGS = ['analytics'];

/** Path segment, reply key and summary of each breakdown. */
const BREAKDOWN_ROUTES: ReadonlyArray<{ path: string; dimension: BreakdownDimension; key: string; summary: string }> = [
  { path: 'devices', dimension: 'os', key: 'os', summary: 'OS breakdown (iOS, Android, Windows, macOS, Linux, ChromeOS, other)' },
  { path: 'browsers', dimension: 'browser', key: 'browser', summary: 'Browser breakdown' },
  { path: 'device-types', dimension: 'device_type', key: 'device_type', summary: 'Device type breakdown (mobile, tablet, desktop, other)' },
  { path: 'countries', dimension: 'country', key: 'country', summary: 'Country breakdown (ISO 3166-1 alpha-2; null = unknown)' },
  { path: 'referrers', dimension: 'referrer', key: 'referrer', summary: 'Referrer host breakdown (null = direct / none)' },
];

function reportQuery(q: RangeQuery): ReportQuery {
  return { tz: q.tz, from: q.from, to: q.to, includeBots: q.include_bots ?? false };
}

function campaignId(request: FastifyRequest): string {
  return (request.params as Static<typeof IdParams>).id;
}

function shapeBreakdown(result: Breakdown, key: string) {
  return {
    tz: result.tz,
    from: result.from,
    to: result.to,
    total: result.total,
    data: result.data.map((d) => ({ [key]: d.value, scans: d.scans, share: d.share, ...(d.other ? { other: true as const } : {}) })),
  };
}

/** Registers the analytics routes. */
export async function analyticsRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/analytics/overview',
    {
      schema: {
        tags: TAGS,
        security: SIGNED_IN,
        summary: 'Global scan counts: total, unique, today, last 7 and 30 days, active campaigns',
        querystring: OverviewQuery,
        response: { 200: AnalyticsOverviewResponse },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return { data: await overview(ctx, principal.accountId, reportQuery(request.query)) };
    },
  );

  for (const scope of ['account', 'campaign'] as const) {
    const base = scope === 'account' ? '/api/v1/analytics' : '/api/v1/analytics/campaign/:id';
    const what = scope === 'account' ? 'all campaigns' : 'one campaign';
    const params = scope === 'campaign' ? { params: IdParams } : {};
    const idOf = (request: FastifyRequest) => (scope === 'campaign' ? campaignId(request) : null);

    app.get(
      `${base}/timeline`,
      {
        schema: {
          tags: TAGS,
          security: SIGNED_IN,
          summary: `Daily scans and unique scans of ${what}, zero-filled, oldest first (default: last 30 days)`,
          ...params,
          querystring: RangeQuery,
          response: { 200: AnalyticsTimeline },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return timeline(ctx, principal.accountId, idOf(request), reportQuery(request.query));
      },
    );

    for (const route of BREAKDOWN_ROUTES) {
      app.get(
        `${base}/${route.path}`,
        { schema: { tags: TAGS, security: SIGNED_IN, summary: `${route.summary} of ${what}`, ...params, querystring: RangeQuery, response: { 200: AnalyticsBreakdown(route.key) } } },
        async (request) => {
          const principal = requirePrincipal(request);
          return shapeBreakdown(await breakdown(ctx, principal.accountId, idOf(request), route.dimension, reportQuery(request.query)), route.key);
        },
      );
    }

    app.get(
      `${base}/hours`,
      { schema: { tags: TAGS, security: SIGNED_IN, summary: `Scans of ${what} by local hour of day (0–23 in tz)`, ...params, querystring: RangeQuery, response: { 200: AnalyticsHours } } },
      async (request) => {
        const principal = requirePrincipal(request);
        return hourOfDay(ctx, principal.accountId, idOf(request), reportQuery(request.query));
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
        params: IdParams,
        querystring: RangeQuery,
        response: { 200: fileResponse('CSV (RFC 4180), one row per scan, oldest first.', ['text/csv']) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = request.params.id;
      const result = await exportScans(ctx, principal.accountId, id, reportQuery(request.query));
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="scans-${id.replace(/[^A-Za-z0-9_-]/g, '')}-${result.from}-${result.to}.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(Readable.from(result.chunks));
    },
  );
}
