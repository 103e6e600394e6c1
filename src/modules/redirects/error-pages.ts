// The pages a person sees when a scanned code leads nowhere: an unknown code (the same page
// whether it never existed or not, and without anyone's branding, so it tells nothing), an
// archived campaign's code, and a morphing ticket scanned from a screenshot (both wearing the
// owner's branding, since the code is known).
import { html } from '../../http/html.ts';
import type { Translator } from '../../http/page/messages/catalogue.ts';
import { pageHeading } from '../../http/page/parts.ts';
import { type Branding, type RenderedPage, renderPage } from '../../http/page/shell.ts';

/** The 404 page of a code that is not known here. */
export function unknownCodePage(t: Translator): RenderedPage {
  const title = t.text('code.unknown.title');
  return renderPage({ t, title, body: html`${pageHeading('search', title)}<p>${t.html('code.unknown.body')}</p>` });
}

/** The 410 page of an archived campaign's code. */
export function archivedCodePage(t: Translator, branding: Branding): RenderedPage {
  const title = t.text('code.archived.title');
  const body = branding.name ? t.html('code.archived.bodyOwner', { owner: branding.name }) : t.html('code.archived.body');
  return renderPage({ t, title, body: html`${pageHeading('archive', title)}<p>${body}</p>`, branding });
}

/** The 403 page of a morphing ticket scanned without the token of its live image (a screenshot or a printout). */
export function staleTicketPage(t: Translator, branding: Branding): RenderedPage {
  const title = t.text('code.stale.title');
  return renderPage({ t, title, body: html`${pageHeading('ticket', title)}<p>${t.html('code.stale.body')}</p><p><strong>${t.html('code.stale.action')}</strong></p>`, branding, tone: 'danger' });
}
