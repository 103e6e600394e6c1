// The one page shell of every server-rendered public page (items, hosted pages and their forms,
// ticket and code error pages): the account's branding, a card with the content, the "Made with
// Tessera" footer, Tessera's typography and colours (dark mode follows the system unless an
// owner chose colours), and a strict Content-Security-Policy that goes with exactly this document.
import { randomBytes } from 'node:crypto';
import { html, type SafeHtml, trustedHtml } from '../html.ts';
import { pageAssets } from './assets.ts';
import type { Translator } from './messages/catalogue.ts';
import { baseStyle, colourStyle, type PageColours } from './styles.ts';

/** Who a page speaks for: the account's name and logo when known. */
export interface Branding {
  /** The account's display name. */
  name: string | null;
  /** An absolute http(s) logo URL. */
  logoUrl: string | null;
  /** Text alternative of the logo (the name when empty). */
  logoAlt: string;
  /** Show the "Made with Tessera" footer. */
  madeWithTessera: boolean;
}

/** The branding of a page whose owner is unknown (or must not be revealed). */
export const NO_BRANDING: Branding = { name: null, logoUrl: null, logoAlt: '', madeWithTessera: true };

/** What a page is made of. */
export interface PageSpec {
  /** The chrome language. */
  t: Translator;
  /** `<html lang>` when the content's language differs from the chrome's (a hosted page's own language). */
  documentLang?: string;
  /** The document title. */
  title: string;
  /** The content of the card. */
  body: SafeHtml;
  branding?: Branding;
  /** An owner's colours (hosted pages); omitted: Tessera's own, light or dark with the system. */
  colours?: PageColours | null;
  /** Colours the icon and heading: errors are `danger`, confirmations `success`. */
  tone?: 'neutral' | 'danger' | 'success';
  /** Load the page script (times in the visitor's zone, copy buttons); the page must work without it. */
  script?: boolean;
  /** Allow images from other origins (logos, hosted page images). */
  externalImages?: boolean;
  /** Let the page script fetch from this origin (a pay page polling its status); implies `script`. */
  liveUpdates?: boolean;
  /** Search engines may index it (published hosted pages); everything else is noindex. */
  indexable?: boolean;
}

/** A rendered document and the Content-Security-Policy that allows exactly what it uses. */
export interface RenderedPage {
  html: string;
  contentSecurityPolicy: string;
  indexable: boolean;
}

function brandHeader(branding: Branding): SafeHtml | '' {
  if (branding.logoUrl) {
    return html`<header class="brand"><img src="${branding.logoUrl}" alt="${branding.logoAlt || branding.name || ''}"></header>`;
  }
  if (!branding.name) return '';
  const initial = [...branding.name.trim()][0]?.toUpperCase() ?? '';
  return html`<header class="brand"><span class="brand-mark" aria-hidden="true">${initial}</span><span>${branding.name}</span></header>`;
}

function footer(t: Translator, branding: Branding, documentLang: string): SafeHtml | '' {
  if (!branding.madeWithTessera) return '';
  const lang = documentLang === t.lang ? '' : html` lang="${t.lang}"`;
  return html`<footer class="foot"${lang}><a href="/">${t.text('shell.madeWith')}</a></footer>`;
}

function policy(styleHashes: string[], nonce: string | null, externalImages: boolean, liveUpdates: boolean): string {
  return [
    "default-src 'none'",
    `style-src ${styleHashes.join(' ')}`,
    "font-src 'self'",
    externalImages ? "img-src 'self' https: http: data:" : "img-src 'self'",
    ...(nonce ? [`script-src 'nonce-${nonce}'`] : []),
    ...(liveUpdates ? ["connect-src 'self'"] : []),
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Renders a page in the shell. */
export function renderPage(spec: PageSpec): RenderedPage {
  const { t } = spec;
  const branding = spec.branding ?? NO_BRANDING;
  const documentLang = spec.documentLang ?? t.lang;
  const assets = pageAssets();
  const base = baseStyle();
  const colours = spec.colours ? colourStyle(spec.colours) : null;
  const nonce = spec.script || spec.liveUpdates ? randomBytes(16).toString('base64') : null;
  const doc = html`<!doctype html>
<html lang="${documentLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${spec.indexable ? '' : html`<meta name="robots" content="noindex, nofollow">\n`}<meta name="referrer" content="no-referrer">
${spec.colours?.scheme === 'fixed' ? '' : html`<meta name="color-scheme" content="light dark">\n`}<title>${spec.title}</title>
<link rel="icon" type="image/svg+xml" href="${assets.iconUrl}">
<link rel="preload" href="${assets.latinFontUrl}" as="font" type="font/woff2" crossorigin>
<style>${trustedHtml(base.css)}</style>
${colours ? html`<style>${trustedHtml(colours.css)}</style>\n` : ''}${nonce ? html`<script src="${assets.scriptUrl}" nonce="${nonce}" defer></script>\n` : ''}</head>
<body>
<div class="shell">
${brandHeader(branding)}<main class="tone-${spec.tone ?? 'neutral'}">
${spec.body}
</main>
<div class="spacer"></div>
${footer(t, branding, documentLang)}
</div>
</body>
</html>
`;
  const hashes = colours ? [base.cspSource, colours.cspSource] : [base.cspSource];
  return { html: doc.value, contentSecurityPolicy: policy(hashes, nonce, spec.externalImages ?? Boolean(branding.logoUrl), spec.liveUpdates ?? false), indexable: spec.indexable ?? false };
}
