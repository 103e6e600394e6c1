// The pages a person gets for an address that is no route at all (a mistyped or truncated link
// opened in a browser), and for a page that cannot be served while the database is unreachable.
// API clients and tools keep the problem+json 404 and 503.
import type { FastifyRequest } from 'fastify';
import { html } from '../html.ts';
import { pageLanguage, translator } from './language.ts';
import { pageHeading } from './parts.ts';
import { type RenderedPage, renderPage } from './shell.ts';

/** A browser navigating (Accept names text/html), not a program calling the API. */
export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return accept !== undefined && accept.includes('text/html');
}

/** Whether an unrouted request should get the HTML page rather than problem+json. */
export function wantsNotFoundPage(request: FastifyRequest, path: string): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && wantsHtml(request);
}

/** The 404 page for an address with nothing behind it, in the visitor's language. */
export function notFoundPage(request: FastifyRequest): RenderedPage {
  const t = translator(pageLanguage(request.headers['accept-language']));
  const title = t.text('page.notFound.title');
  return renderPage({ t, title, body: html`${pageHeading('search', title)}<p>${t.html('page.notFound.body')}</p>` });
}

/** The 503 page while the database cannot be reached (a restart): nothing is wrong with the link. */
export function unavailablePage(request: FastifyRequest): RenderedPage {
  const t = translator(pageLanguage(request.headers['accept-language']));
  const title = t.text('page.unavailable.title');
  return renderPage({ t, title, body: html`${pageHeading('clock', title)}<p>${t.html('page.unavailable.body')}</p>` });
}
