// Sends a rendered hosted page: HTML with its own strict Content-Security-Policy, replacing the
// app-wide default for these responses only.
import type { FastifyReply } from 'fastify';
import type { RenderedPage } from './page-html.ts';

/** Replies with `page` as HTML at `status`; pages are revalidated so unpublishing takes effect at once. */
export function sendPage(reply: FastifyReply, status: number, page: RenderedPage): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', page.contentSecurityPolicy)
    .header('cache-control', status === 200 ? 'no-cache' : 'no-store')
    .send(page.html);
}
