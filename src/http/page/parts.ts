// Pieces several public pages share: the heading with its icon, a list of facts, a copy button.
import { html, type SafeHtml } from '../html.ts';
import { type IconName, icon } from './icons.ts';
import type { Translator } from './messages/catalogue.ts';

/** The icon and the one heading of a page, with an optional lead paragraph. */
export function pageHeading(name: IconName, title: string | SafeHtml, lead?: SafeHtml | string | null): SafeHtml {
  return html`<div class="icon">${icon(name)}</div><h1>${title}</h1>${lead ? html`<p class="lead">${lead}</p>` : ''}`;
}

/** A short list of facts, each with an icon. */
export function factList(facts: ReadonlyArray<{ icon: IconName; text: SafeHtml | string; attrs?: SafeHtml }>): SafeHtml | '' {
  if (facts.length === 0) return '';
  return html`<ul class="facts">${facts.map((fact) => html`<li>${icon(fact.icon)}<span${fact.attrs ?? ''}>${fact.text}</span></li>`)}</ul>`;
}

/** A copy button for the text of element `targetId`: hidden until the page script runs (without it, the text is selectable). */
export function copyButton(t: Translator, targetId: string): SafeHtml {
  return html`<div class="copy-row"><button type="button" class="copy" data-copy="${targetId}" data-copied="${t.text('copy.done')}" data-copy-failed="${t.text('copy.failed')}" hidden>${icon('copy')}<span data-copy-label>${t.text('copy.button')}</span></button><span class="sr-only" role="status" data-copy-status></span></div>`;
}
