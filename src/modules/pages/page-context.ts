// What a hosted page's chrome needs besides the document: the language it speaks and the
// account's branding. Shared by the page routes and the forms module (a form error re-renders the page).
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { pageLanguage, translator } from '../../http/page/language.ts';
import { pageBranding } from '../accounts/index.ts';
import type { HostedPageContext } from './page-html.ts';
import type { PublicPage } from './page.service.ts';

/** The chrome language (the page's own when Tessera speaks it, else the visitor's) and the account's branding. */
export async function hostedPageContext(ctx: Pick<AppContext, 'db'>, request: FastifyRequest, page: Pick<PublicPage, 'accountId' | 'config'>): Promise<HostedPageContext> {
  return { t: translator(pageLanguage(request.headers['accept-language'], page.config.language)), branding: await pageBranding(ctx, page.accountId) };
}
