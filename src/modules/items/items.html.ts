// The public pages of an item, in the shared page shell: what was shared and how often it can
// still be opened, in plain words; the content with a copy button once revealed; the receipt
// under a disclosure. States are sentences, never the lifecycle's names.
import { html, type SafeHtml } from '../../http/html.ts';
import type { Translator } from '../../http/page/messages/catalogue.ts';
import { copyButton, factList, pageHeading } from '../../http/page/parts.ts';
import { type Branding, type RenderedPage, renderPage } from '../../http/page/shell.ts';
import { timeElement } from '../../http/page/times.ts';
import type { ItemStatus, ItemView } from './items.service.ts';

/** What every item page needs besides the item: the words, the time, and whose page it is. */
export interface ItemPageContext {
  t: Translator;
  now: number;
  branding: Branding;
}

type Counters = Pick<ItemStatus, 'viewCount' | 'viewLimit' | 'expiresUtc'>;

function remaining(item: Counters): number | null {
  return item.viewLimit === null ? null : Math.max(0, item.viewLimit - item.viewCount);
}

function viewsSentence(t: Translator, item: Counters): SafeHtml {
  const left = remaining(item);
  if (left === null) return t.html('item.views.unlimited');
  if (left === 1 && item.viewCount === 0) return t.html('item.views.once');
  return t.html('item.views.left', { count: left });
}

function expiresFact(ctx: ItemPageContext, item: Counters) {
  // The page script swaps the sentence for "This link has just expired" once the moment passes.
  return {
    icon: 'clock' as const,
    text: ctx.t.html('item.expires', { when: timeElement(ctx.t.lang, Date.parse(item.expiresUtc), ctx.now) }),
    attrs: html` data-ended-text="${ctx.t.text('item.expired.live')}"`,
  };
}

function page(ctx: ItemPageContext, title: string, body: SafeHtml, tone: 'neutral' | 'danger' = 'neutral'): RenderedPage {
  return renderPage({ t: ctx.t, title, body, branding: ctx.branding, tone, script: true });
}

/** The landing page of an item that can be opened: what opening costs, and the button (with a password field when protected). */
export function availablePage(ctx: ItemPageContext, item: ItemStatus, action: string, error?: 'missing' | 'wrong', attemptsLeft?: number): RenderedPage {
  const { t } = ctx;
  const left = remaining(item);
  const warning = left === null ? '' : left <= 1 ? t.html('item.warn.last') : t.html('item.warn.spend', { count: left });
  const wrong =
    attemptsLeft === 0
      ? t.html('item.password.wrongLast')
      : attemptsLeft === undefined
        ? t.html('item.password.wrong')
        : html`${t.html('item.password.wrong')} ${t.html('item.password.triesLeft', { count: attemptsLeft })}`;
  const alert = error ? html`<div class="alert" role="alert">${error === 'wrong' ? wrong : t.html('item.password.missing')}</div>` : '';
  const password = item.passwordProtected
    ? html`<div class="field"><label for="password">${t.text('item.password.label')}</label><p class="help" id="password-help">${t.html('item.password.hint')}</p><input type="password" id="password" name="password" autocomplete="off" required aria-describedby="password-help"${error ? html` aria-invalid="true" autofocus` : ''}></div>`
    : '';
  const title = t.text('item.available.title');
  const body = html`${pageHeading('mail', title)}${factList([{ icon: 'eye', text: viewsSentence(t, item) }, expiresFact(ctx, item)])}${warning ? html`<p class="notice">${warning}</p>` : ''}${alert}<form method="post" action="${action}">${password}<button type="submit" class="wide">${t.text('item.reveal.button')}</button></form>`;
  return page(ctx, error ? t.text('shell.errorTitle', { title }) : title, body);
}

/** The revealed content, with a copy button, what is left, and the receipt. */
export function revealedPage(ctx: ItemPageContext, item: ItemView): RenderedPage {
  const { t } = ctx;
  const usedUp = item.state === 'FINALIZED';
  const after = usedUp ? html`<p class="notice">${t.html('item.reveal.last')}</p>` : factList([{ icon: 'eye', text: viewsSentence(t, item) }, expiresFact(ctx, item)]);
  const receipt = html`<details><summary>${t.text('item.receipt.summary')}</summary><div class="details-body"><p>${t.html('item.receipt.explain')}</p><p class="sr-only" id="receipt-label">${t.text('item.receipt.label')}</p><code class="receipt" id="receipt" aria-labelledby="receipt-label">${item.contentHmac}</code>${copyButton(t, 'receipt')}</div></details>`;
  const body = html`${pageHeading('eye', t.text('item.reveal.title'))}<pre class="content" id="content" tabindex="0" role="region" aria-label="${t.text('item.reveal.contentLabel')}">${item.content ?? ''}</pre>${copyButton(t, 'content')}${after}${receipt}`;
  return page(ctx, t.text('item.reveal.title'), body);
}

/** The page of an item that can no longer be opened: used up or expired, and whether its content is gone. */
export function finalPage(ctx: ItemPageContext, item: ItemStatus): RenderedPage {
  const { t } = ctx;
  const usedUp = item.reason === 'view_limit_reached';
  const title = t.text(usedUp ? 'item.usedUp.title' : 'item.expired.title');
  const why = usedUp ? t.html('item.usedUp.body', { count: item.viewLimit ?? 0 }) : t.html('item.expired.body', { when: timeElement(t.lang, Date.parse(item.expiresUtc), ctx.now) });
  const erased = item.state === 'ARCHIVAL' ? html`<p>${t.html('item.erased')}</p>` : '';
  return page(ctx, title, html`${pageHeading(usedUp ? 'ban' : 'clock', title)}<p>${why}</p>${erased}`);
}

/** An unknown or deleted item: the same page for both, so it tells nothing about what existed. */
export function notFoundPage(ctx: Pick<ItemPageContext, 't'>): RenderedPage {
  const { t } = ctx;
  const title = t.text('item.notFound.title');
  return renderPage({ t, title, body: html`${pageHeading('search', title)}<p>${t.html('item.notFound.body')}</p>` });
}

/** Too many wrong passwords, or too many passwords checked from this connection (`busy`): when to try again. */
export function lockedPage(ctx: ItemPageContext, retryAfterSeconds: number, why: 'wrong' | 'busy' = 'wrong'): RenderedPage {
  const { t } = ctx;
  const title = t.text(why === 'busy' ? 'item.busy.title' : 'item.locked.title');
  const when = timeElement(t.lang, ctx.now + retryAfterSeconds * 1000, ctx.now);
  return page(ctx, title, html`${pageHeading('shield', title)}<p>${t.html(why === 'busy' ? 'item.busy.body' : 'item.locked.body', { when })}</p>`, 'danger');
}
