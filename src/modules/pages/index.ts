// The hosted pages module's public entry: what campaigns (saving a page with its campaign) and
// forms (a form lives on a page) use, and the routes.
import type { Module } from '../../context.ts';
export { hostedPageContext } from './page-context.ts';
export type { FormField } from './page-config.ts';
export { type FieldIssue, HONEYPOT_FIELD, renderFormFailure, renderHostedPage } from './page-html.ts';
export { checkSlugRemoval, findPublishedPage, findPublishedPageByCode, getPage, getPages, type HostedPage, pagePath, type PublicPage, savePage } from './page.service.ts';
export const pagesRoutes: Module = async (app, ctx) => (await import('./pages.routes.ts')).pagesRoutes(app, ctx);
export { HostedPageInput, HostedPageJson, PageSlugParams } from './pages.schemas.ts';
