// Sends a rendered public page with the headers every page carries: its own CSP (replacing the
// app-wide default), no referrer, no framing, and `Vary: Accept-Language` since the words follow it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../errors.ts';
import { wantsHtml } from './not-found.ts';
import type { RenderedPage } from './shell.ts';

/** How a page may be cached: `no-store` for anything personal or consumptive, `no-cache` to revalidate. */
export type PageCaching = 'no-store' | 'no-cache' | 'private, max-age=0';

const FIXED_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  vary: 'Accept-Language',
} as const;

/** Replies with `page` at `status`. */
export function sendPage(reply: FastifyReply, status: number, page: RenderedPage, caching: PageCaching = 'no-store'): FastifyReply {
  reply.status(status).headers(FIXED_HEADERS).header('content-security-policy', page.contentSecurityPolicy).header('cache-control', caching);
  if (!page.indexable) reply.header('x-robots-tag', 'noindex, nofollow');
  return reply.send(page.html);
}

/**
 * An error of a route documented with `x-html-errors`: the page for a browser (`Accept: text/html`),
 * else `problem` thrown, which the error handler answers as problem+json.
 */
export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, page: () => RenderedPage, problem: () => AppError): FastifyReply {
  if (!wantsHtml(request)) throw problem();
  return sendPage(reply, status, page(), 'no-store');
}
