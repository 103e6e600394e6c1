// The pages a person sees when a scanned code leads nowhere: an unknown code (the same page
// whether it never existed or not, and without anyone's branding, so it tells nothing), an
// archived campaign's code, a code outside its campaign's schedule (not active yet, or ended)
// and a morphing ticket scanned from a screenshot (all wearing the owner's branding, since the
// code is known).
import { html } from '../../http/html.ts';
import type { Translator } from '../../http/page/messages/catalogue.ts';
import { pageHeading } from '../../http/page/parts.ts';
import { type Branding, type RenderedPage, renderPage } from '../../http/page/shell.ts';
import { timeElement } from '../../http/page/times.ts';

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

/** The 403 page of a code whose campaign starts at `opensAt`: when, in the visitor's words and zone. */
export function notYetActivePage(t: Translator, branding: Branding, opensAt: number, now: number): RenderedPage {
  const title = t.text('code.notYet.title');
  const when = timeElement(t.lang, opensAt, now);
  const body = branding.name ? t.html('code.notYet.bodyOwner', { owner: branding.name, when }) : t.html('code.notYet.body', { when });
  return renderPage({ t, title, body: html`${pageHeading('clock', title)}<p>${body}</p>`, branding, script: true });
}

/** The 410 page of a code whose campaign ended at `endedAt`. */
export function endedCodePage(t: Translator, branding: Branding, endedAt: number, now: number): RenderedPage {
  const title = t.text('code.ended.title');
  const when = timeElement(t.lang, endedAt, now);
  const body = branding.name ? t.html('code.ended.bodyOwner', { owner: branding.name, when }) : t.html('code.ended.body', { when });
  return renderPage({ t, title, body: html`${pageHeading('archive', title)}<p>${body}</p>`, branding, script: true });
}

/** The 403 page of a morphing ticket scanned without the token of its live image (a screenshot or a printout). */
export function staleTicketPage(t: Translator, branding: Branding): RenderedPage {
  const title = t.text('code.stale.title');
  return renderPage({ t, title, body: html`${pageHeading('ticket', title)}<p>${t.html('code.stale.body')}</p><p><strong>${t.html('code.stale.action')}</strong></p>`, branding, tone: 'danger' });
}
