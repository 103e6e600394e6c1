// The hosted pages module's public entry: what campaigns (saving a page with its campaign) and
// forms (a form lives on a page) use, and the routes.
export { hostedPageContext } from './page-context.ts';
export type { FormField } from './page-config.ts';
export { type FieldIssue, HONEYPOT_FIELD, renderFormFailure, renderHostedPage } from './page-html.ts';
export { checkSlugRemoval, findPublishedPageByCode, getPage, getPages, type HostedPage, pagePath, type PublicPage, savePage, submitPath } from './page.service.ts';
export { pagesRoutes } from './pages.routes.ts';
export { HostedPageInput, HostedPageJson } from './pages.schemas.ts';
