// The one stylesheet of hosted pages, inlined in a <style> element that the Content-Security-
// Policy allows by its SHA-256 hash: no inline style attributes, no external requests, no script.
import { createHash } from 'node:crypto';
import type { ResolvedTheme } from './theme.ts';

const BASE_CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.logo{display:block;max-width:10rem;max-height:5rem;margin:0 0 1rem}
h1{font-size:1.75rem;line-height:1.2;margin:0 0 1rem}
h2,h3,h4{line-height:1.25;margin:1.5rem 0 .5rem}
p{margin:0 0 1rem;white-space:pre-line}
img.block{display:block;max-width:100%;height:auto;margin:0 0 1rem;border-radius:.25rem}
a{color:var(--link);text-decoration:underline;text-underline-offset:.15em}
a.button,button{display:inline-block;min-height:2.75rem;padding:.625rem 1.25rem;border:2px solid var(--accent);border-radius:.375rem;background:var(--accent);color:var(--accent-fg);font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
a.button{margin:0 0 1rem}
:focus-visible{outline:3px solid var(--fg);outline-offset:3px}
form{margin-top:1.5rem}
.field{margin:0 0 1.25rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.check label{display:inline;font-weight:400;margin-left:.5rem}
.help{margin:0 0 .25rem;font-size:.95rem}
input,select,textarea{display:block;width:100%;min-height:2.75rem;padding:.5rem .625rem;border:2px solid #595959;border-radius:.25rem;background:#ffffff;color:#1a1a1a;font:inherit}
input[type=checkbox]{display:inline-block;width:1.5rem;min-height:1.5rem;height:1.5rem;vertical-align:middle;margin:0}
textarea{min-height:8rem;resize:vertical}
[aria-invalid=true]{border-color:#b3261e;border-width:3px}
.error{margin:0 0 .25rem;font-weight:600}
.error::before{content:"";display:inline-block;width:.35rem;height:1em;margin-right:.4rem;vertical-align:-.1em;background:#b3261e}
.summary{border:3px solid #b3261e;padding:1rem;margin:0 0 1.5rem;background:var(--bg)}
.summary h2{margin-top:0;font-size:1.2rem}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.req{font-weight:400}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}`;

/** A stylesheet and the CSP source that allows exactly it. */
export interface PageStyle {
  css: string;
  cspSource: string;
}

/** The stylesheet for a theme and its `'sha256-…'` CSP source. */
export function pageStyle(theme: ResolvedTheme): PageStyle {
  const css = `:root{--bg:${theme.background};--fg:${theme.text};--accent:${theme.accent};--accent-fg:${theme.accentText};--link:${theme.link}}\n${BASE_CSS}`;
  return { css, cspSource: `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'` };
}

/** The Content-Security-Policy of a hosted page: no script, no plugins, styles only by hash, forms only to this origin. */
export function pageContentSecurityPolicy(styleSource: string): string {
  return [
    "default-src 'none'",
    'img-src https: http: data:',
    `style-src ${styleSource}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
