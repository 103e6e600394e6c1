// What / and /app answer when the dashboard was never built (a production install without a
// build stage, or a checkout where `npm run build:web` has not run): how to fix it, not a 404.
// Written for the operator who runs Tessera, so in English whatever the browser asks for.
import { html } from '../../http/html.ts';
import { translator } from '../../http/page/language.ts';
import { pageHeading } from '../../http/page/parts.ts';
import { type RenderedPage, renderPage } from '../../http/page/shell.ts';

/** The 503 page. */
export function notBuiltPage(): RenderedPage {
  const title = 'The dashboard has not been built';
  return renderPage({
    t: translator('en'),
    title,
    tone: 'danger',
    body: html`${pageHeading('shield', title)}
<p>This Tessera server is running and its API answers, but the web dashboard's files are missing from <code>web/dist</code>.</p>
<p>Run <code>npm run build:web</code> (or start with <code>npm start</code>, which builds it when needed) and reload this page. The API reference is at <a href="/docs">/docs</a>.</p>
<p>The build needs the dev dependencies, which npm leaves out with <code>npm ci --omit=dev</code> or when <code>NODE_ENV=production</code> is set: run <code>npm ci --include=dev</code> first, or build it elsewhere (the Dockerfile's build stage does) and copy <code>web/dist</code> here.</p>`,
  });
}
