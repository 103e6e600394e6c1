// Server-rendered HTML of an item's public page. No script at all; every interpolated string
// goes through escapeHtml.
import type { ItemStatus, ItemView } from './items.service.ts';

/** The Content-Security-Policy of item pages: no scripts, no external anything, forms only to us. */
export const ITEM_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f5f5f4;color:#1c1917}
main{max-width:40rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:1.4rem;margin:0 0 1rem}
.state{display:inline-block;font-size:.8rem;font-weight:600;letter-spacing:.05em;padding:.15rem .6rem;border-radius:999px;background:#e7e5e4}
.state-ACTIVE{background:#dcfce7;color:#166534}.state-BOUND{background:#fef9c3;color:#854d0e}
.state-FINALIZED,.state-ARCHIVAL{background:#fee2e2;color:#991b1b}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:1rem 0}dt{color:#57534e}dd{margin:0}
pre{white-space:pre-wrap;word-break:break-word;background:#f5f5f4;padding:1rem;border-radius:8px;font:15px/1.5 ui-monospace,monospace}
.error{color:#991b1b;font-weight:600}.receipt{font:12px ui-monospace,monospace;color:#57534e;word-break:break-all}
label{display:block;margin:.5rem 0 .25rem}input[type=password]{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;border:1px solid #a8a29e;border-radius:6px}
button{margin-top:1rem;font:inherit;font-weight:600;padding:.6rem 1.4rem;border:0;border-radius:6px;background:#1c1917;color:#fff;cursor:pointer}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

function stateBadge(state: string): string {
  return `<span class="state state-${escapeHtml(state)}">${escapeHtml(state)}</span>`;
}

function views(count: number, limit: number | null): string {
  return limit === null ? `${count} (no limit)` : `${count} of ${limit}`;
}

function facts(item: Pick<ItemStatus, 'viewCount' | 'viewLimit' | 'expiresUtc' | 'passwordProtected'>): string {
  return `<dl><dt>Views</dt><dd>${escapeHtml(views(item.viewCount, item.viewLimit))}</dd>
<dt>Expires</dt><dd><time datetime="${escapeHtml(item.expiresUtc)}">${escapeHtml(item.expiresUtc)}</time></dd>
<dt>Password</dt><dd>${item.passwordProtected ? 'required' : 'none'}</dd></dl>`;
}

function revealForm(action: string, passwordProtected: boolean, error?: string): string {
  const password = passwordProtected
    ? `<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="off" required autofocus>`
    : '';
  return `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">${password}<button type="submit">Reveal</button></form>`;
}

/** The landing page of a resolvable item: its state and the Reveal action. */
export function availablePage(item: ItemStatus, action: string): string {
  const lastView = item.viewLimit !== null && item.viewLimit - item.viewCount === 1;
  const note = lastView
    ? 'Revealing spends the last view: afterwards nobody can reveal it again.'
    : 'Revealing spends one view. Opening this page does not.';
  return page('Item ready to reveal', `<h1>An item is waiting ${stateBadge(item.state)}</h1>
<p>${escapeHtml(note)}</p>${facts(item)}${revealForm(action, item.passwordProtected)}`);
}

/** The password prompt again, after a missing or wrong password (no view was spent). */
export function passwordPage(item: ItemStatus, action: string, error: string): string {
  return page('Password required', `<h1>Password required ${stateBadge(item.state)}</h1>${facts(item)}${revealForm(action, true, error)}`);
}

/** The revealed content. */
export function revealedPage(item: ItemView): string {
  const after =
    item.state === 'FINALIZED'
      ? 'That was the last view: the item can no longer be revealed.'
      : `View ${views(item.viewCount, item.viewLimit)} spent.`;
  return page('Item revealed', `<h1>Revealed ${stateBadge(item.state)}</h1>
<pre>${escapeHtml(item.content ?? '')}</pre>
<p>${escapeHtml(after)}</p>${facts(item)}
<p class="receipt">Integrity receipt (HMAC-SHA256 keyed by the magic): ${escapeHtml(item.contentHmac)}</p>`);
}

/** The deterministic message of a finalized or archived item. */
export function finalPage(item: ItemStatus): string {
  const why =
    item.reason === 'view_limit_reached'
      ? `This item reached its view limit (${item.viewLimit}) and can no longer be revealed.`
      : `This item expired at ${item.expiresUtc} and can no longer be revealed.`;
  const archived = item.state === 'ARCHIVAL' ? ' Its content has been erased; only a record of it remains.' : '';
  return page('Item no longer available', `<h1>No longer available ${stateBadge(item.state)}</h1><p>${escapeHtml(why + archived)}</p>${facts(item)}`);
}

/** An unknown or deleted item. */
export function notFoundPage(): string {
  return page('Item not found', `<h1>Item not found</h1><p>No item exists at this address: it never existed or it was deleted.</p>`);
}

/** Too many wrong passwords. */
export function lockedPage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return page('Too many attempts', `<h1>Too many wrong passwords</h1><p>${escapeHtml(`This item accepts no password for about ${minutes} minute${minutes === 1 ? '' : 's'}. No view was spent.`)}</p>`);
}
