// The public side of a dynamic code: GET /{short_code} answers 302 to the destination and records
// a scan; HEAD answers the same without recording. This is the hot path: one cached lookup, the
// answer, and an in-memory event — nothing waits for the database.
import { redirectResponse } from '../../http/openapi-media.ts';
import type { IncomingHttpHeaders } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { isShortCode } from '../../ids.ts';
import { findRedirectTarget, type RedirectTarget, schedulePhase } from '../campaigns/index.ts';
import { isItemMagic } from '../items/index.ts';
import { checkToken } from '../morph/index.ts';
import { pageBranding } from '../accounts/index.ts';
import { MAX_REFERRER, MAX_USER_AGENT } from '../scans/index.ts';
import { clientIpOf } from '../../http/client-ip.ts';
import { logsEveryRequest } from '../../http/logging.ts';
import { pageLanguage, translator } from '../../http/page/language.ts';
import { wantsHtml } from '../../http/page/not-found.ts';
import { sendPage } from '../../http/page/reply.ts';
import { archivedCodePage, endedCodePage, notYetActivePage, staleTicketPage, unknownCodePage } from './error-pages.ts';
import { redirectFrontDoor } from './redirect-front-door.ts';
import { TtlCache } from './redirect-cache.ts';
import { ArchivedCode, CodeExpired, RedirectParams, UnknownCode } from './redirect.schemas.ts';
import { toIso } from '../../http/iso.ts';
import { databaseUnavailableReason } from '../../db/dialect.ts';
import { routeNotFound } from '../../http/problem.ts';

/** How long an instance trusts its cached copy of a code: another instance's change shows within this even when no notification reaches it (ADR 0026). */
export const REDIRECT_CACHE_TTL_MS = 1000;
const MAX_CACHED_CODES = 50_000;
/**
 * How old a cached copy of a code may be and still be answered while the database is unreachable:
 * a restart or a failover takes seconds to minutes, and meanwhile nobody can change the code
 * either (only an instance cut off alone could miss a change, for at most this long).
 */
export const REDIRECT_STALE_MAX_MS = 15 * 60_000;
/** How long a scan waits for its code's reload before the cached copy answers (a database that hangs). */
export const REDIRECT_SLOW_LOAD_MS = 250;

const routeSchema = {
  tags: ['public'],
  'x-html-errors': true,
  description:
    "Resolves a dynamic QR code: `302` to its destination (a scan is recorded for GET, not for HEAD). An unknown code is `404`, an archived campaign `410`, a code before its campaign's `active_from` `403` (`code_not_yet_active`) and from its `active_until` `410` (`code_ended`), none of them counted as scans: an HTML page for browsers (`Accept: text/html`), problem+json otherwise. " +
    'A morphing code leads on only with the token of its live image (`?k=`, current or previous step); without it or with a stale one (a screenshot) the answer is `403` ' +
    '("this code has expired — open the live ticket"; problem code `code_expired`) and a `stale` scan is recorded.',
  params: RedirectParams,
  response: {
    301: redirectResponse("An item's magic (22 characters, the seed's `publicUrl` shape): to the item's page, `/i/{magic}`. Spends no view."),
    302: redirectResponse('To the destination (`Cache-Control: private, max-age=0`).'),
    403: CodeExpired,
    404: UnknownCode,
    410: ArchivedCode,
  },
};

// @fastify/helmet rebuilds its middleware on every request (a third of a redirect's cost), so
// these routes skip it and send fixed headers instead: the same policy, computed once.
const REDIRECT_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'private, max-age=0',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function pageTranslator(request: FastifyRequest) {
  return translator(pageLanguage(request.headers['accept-language']));
}

function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!wantsHtml(request)) throw routeNotFound(request.method, request.url.split('?')[0]!);
  return sendPage(reply, 404, unknownCodePage(pageTranslator(request)));
}

/** Registers GET and HEAD /:code. */
export async function redirectRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const scans = ctx.scans;
  const cache = new TtlCache<RedirectTarget>({
    clock: ctx.clock,
    ttlMs: REDIRECT_CACHE_TTL_MS,
    maxEntries: MAX_CACHED_CODES,
    load: async (code) => (await findRedirectTarget(ctx, code)) ?? null,
    staleIfError: { maxAgeMs: REDIRECT_STALE_MAX_MS, when: (error) => databaseUnavailableReason(error) !== null, slowLoadMs: REDIRECT_SLOW_LOAD_MS },
  });
  ctx.campaignChanges.subscribe({ changed: (code) => cache.delete(code), missedSome: () => cache.clear() });
  const countryHeader = ctx.config.countryHeader;

  // The code is known here, so these pages wear its owner's branding (one query, off the 302 path).
  const sendArchived = async (request: FastifyRequest, reply: FastifyReply, target: RedirectTarget) => {
    if (!wantsHtml(request)) throw new AppError('gone', 'The campaign behind this code is archived; the code no longer leads anywhere.');
    return sendPage(reply, 410, archivedCodePage(pageTranslator(request), await pageBranding(ctx, target.accountId)));
  };
  // Outside its schedule a code is known but leads nowhere yet (or any more): say when.
  const sendOutsideSchedule = async (request: FastifyRequest, reply: FastifyReply, target: RedirectTarget, phase: 'not_yet_active' | 'ended') => {
    const now = ctx.clock.now();
    if (phase === 'not_yet_active') {
      const opensAt = target.activeFrom ?? now;
      if (!wantsHtml(request)) throw new AppError('code_not_yet_active', `The campaign behind this code starts at ${toIso(opensAt)}; the code leads on from then.`);
      return sendPage(reply, 403, notYetActivePage(pageTranslator(request), await pageBranding(ctx, target.accountId), opensAt, now));
    }
    const endedAt = target.activeUntil ?? now;
    if (!wantsHtml(request)) throw new AppError('code_ended', `The campaign behind this code ended at ${toIso(endedAt)}; the code no longer leads anywhere.`);
    return sendPage(reply, 410, endedCodePage(pageTranslator(request), await pageBranding(ctx, target.accountId), endedAt, now));
  };
  const sendExpired = async (request: FastifyRequest, reply: FastifyReply, target: RedirectTarget) => {
    if (!wantsHtml(request)) {
      throw new AppError('code_expired', 'This morphing code was scanned without the token of its live image (a screenshot or a printout); scan the live ticket.', {
        headers: { 'cache-control': 'no-store' },
      });
    }
    return sendPage(reply, 403, staleTicketPage(pageTranslator(request), await pageBranding(ctx, target.accountId)));
  };

  // The one place a request becomes a scan event, for the route and the front door alike.
  const captureScan = (headers: IncomingHttpHeaders, ip: string | undefined, target: RedirectTarget, kind: 'scan' | 'stale', occurredAt: number) => {
    const ua = headers['user-agent'];
    const referrer = headers.referer;
    const country = countryHeader ? headers[countryHeader] : undefined;
    scans.record({
      campaignId: target.campaignId,
      accountId: target.accountId,
      occurredAt,
      userAgent: ua ? ua.slice(0, MAX_USER_AGENT) : null,
      referrer: referrer ? referrer.slice(0, MAX_REFERRER) : null,
      ip: ip ?? null,
      country: typeof country === 'string' ? country : null,
      kind,
    });
  };
  const recordScan = (request: FastifyRequest, target: RedirectTarget, kind: 'scan' | 'stale') => captureScan(request.headers, request.ip, target, kind, ctx.clock.now());

  const answer = async (request: FastifyRequest, reply: FastifyReply, { code }: RedirectParams, record: boolean) => {
    if (!isShortCode(code)) {
      // The items seed shows publicUrl as `{host}/{magic}`; an item's page is /i/{magic}. A magic
      // (22 characters) is never a short code (7–16), so such a URL can only mean the item.
      if (isItemMagic(code)) return reply.status(301).headers(REDIRECT_HEADERS).header('location', `/i/${code}`).send();
      return sendNotFound(request, reply);
    }
    let target = cache.peek(code);
    if (target === undefined) target = await cache.get(code);
    if (!target) return sendNotFound(request, reply);
    if (target.status === 'archived') return sendArchived(request, reply, target);
    const phase = schedulePhase(target, ctx.clock.now());
    if (phase !== 'live') return sendOutsideSchedule(request, reply, target, phase);
    if (target.qrType === 'morphing') {
      // A morphing code leads on only with the token of its live image (current or previous step).
      const morph = { id: target.campaignId, accountId: target.accountId, shortCode: code };
      const freshness = await checkToken(ctx, morph, (request.query as { k?: unknown }).k);
      if (freshness !== 'fresh') {
        if (record) recordScan(request, target, 'stale');
        return sendExpired(request, reply, target);
      }
    }
    // Browsers must not cache the redirect: the destination can change at any time.
    reply.status(302).headers(REDIRECT_HEADERS).header('location', target.destination);
    // Static codes encode their destination; the short link exists but is not tracked.
    if (record && target.qrType !== 'static') recordScan(request, target, 'scan');
    return reply.send();
  };

  // Cached redirects are answered before Fastify routes them; Fastify's request log would miss
  // them, so the front door stays out of the way whenever that log is on (LOG_LEVEL debug or trace).
  if (!logsEveryRequest(ctx.config.logLevel)) {
    app.frontDoor.add(
      redirectFrontDoor({
        now: () => ctx.clock.now(),
        peek: (code, now) => cache.peekAt(code, now),
        isLive: (target, now) => schedulePhase(target, now) === 'live',
        headers: REDIRECT_HEADERS,
        clientIp: clientIpOf(ctx.config.trustProxy),
        captureScan: (headers, ip, target, now) => captureScan(headers, ip, target, 'scan', now),
      }),
      '/:code',
    );
  }

  app.route({
    method: 'GET',
    url: '/:code',
    exposeHeadRoute: false,
    helmet: false,
    schema: { ...routeSchema, operationId: 'followCode', summary: 'Follow a QR code (records a scan)' },
    handler: (request, reply) => answer(request, reply, request.params, true),
  });
  app.route({
    method: 'HEAD',
    url: '/:code',
    helmet: false,
    schema: { ...routeSchema, summary: 'Check where a QR code leads (records nothing)' },
    handler: (request, reply) => answer(request, reply, request.params, false),
  });
}
