// Hosted forms over HTTP: the public submission endpoint (JSON for API clients, urlencoded for the
// HTML page, which gets pages back instead of JSON) and the owner's list and CSV export.
import { Readable } from 'node:stream';
import { fileResponse } from '../../http/openapi-media.ts';
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { decodeCursor, pageJson } from '../../http/cursor.ts';
import { sendProblem, toAppError } from '../../http/problem.ts';
import { MemoryRateLimiter } from '../../http/rate-limit.ts';
import { pageLanguage, translator } from '../../http/page/language.ts';
import { sendPage } from '../../http/page/reply.ts';
import { findPublishedPage, hostedPageContext, PageSlugParams, pagePath, renderFormFailure, renderHostedPage } from '../pages/index.ts';
import { exportSubmissions, listSubmissions, submitForm } from './form.service.ts';
import { issueMessage } from './submission.ts';
import { toIso } from '../../http/iso.ts';
import { IdParams, Problem as problem } from '../../http/schema.ts';
import { FormAnswerList, FormAnswerQuery, FormSubmissionJson, ShortCodeParams, SubmitFormBody } from './forms.schemas.ts';

// Both submission addresses answer alike: JSON 201, a form post 303, errors as problems (pages to browsers).
const SUBMIT_RESPONSES = {
  201: FormSubmissionJson,
  303: { description: 'Form post accepted: see the thank-you page.', type: 'null' },
  400: problem,
  404: problem,
  413: problem,
  429: problem,
} as const;

/** Slugs are at most this long: a longer one cannot exist, so it is not looked up. */
const MAX_SLUG = 64;

/** Largest accepted submission body; a form of 30 fields of a few KiB fits easily. */
export const FORM_BODY_LIMIT = 32 * 1024;

// A browser's form post: urlencoded, from a client that does not ask for JSON instead. A script
// posting urlencoded data with `Accept: application/json` is an API client and gets JSON answers.
function isFormPost(request: FastifyRequest): boolean {
  if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return false;
  const accept = (request.headers.accept ?? '').toLowerCase();
  return !(accept.includes('json') && !accept.includes('text/html'));
}

/** Registers the form routes (and the urlencoded body parser, for this module only). */
export async function formsRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT });
  const submitCtx = { db: ctx.db, clock: ctx.clock, config: ctx.config, rateLimiter: ctx.rateLimiter ?? new MemoryRateLimiter() };

  // People posting the HTML form get an HTML page for every failure; API clients get problem+json.
  function submitErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'form submission failed');
    else request.log.info({ code: appError.code, status: appError.status }, 'form submission rejected');
    if (!isFormPost(request)) return sendProblem(ctx.config.publicUrl, request, reply, appError);
    if (appError.headers) reply.headers(appError.headers);
    return sendPage(reply, appError.status, renderFormFailure(translator(pageLanguage(request.headers['accept-language'])), appError.status));
  }

  // One submission, for both addresses: form posts get pages back, JSON clients get JSON.
  async function answer(request: FastifyRequest, reply: FastifyReply, shortCode: string) {
    const body = (request.body as Record<string, unknown> | undefined) ?? {};
    const outcome = await submitForm(submitCtx, { shortCode, body, ip: request.ip });
    const page = outcome.page;
    if (isFormPost(request)) {
      if (outcome.status === 'invalid') {
        const pageContext = await hostedPageContext(ctx, request, page);
        return sendPage(reply, 400, renderHostedPage(pageContext, page.config, pagePath(page.accountSlug, page.campaignSlug), { values: outcome.values, errors: outcome.errors }));
      }
      return reply.redirect(`${pagePath(page.accountSlug, page.campaignSlug)}/thanks`, 303);
    }
    if (outcome.status === 'invalid') {
      const errors = Object.entries(outcome.errors).map(([name, issue]) => ({ field: name ? `body/${name}` : 'body', message: issueMessage(issue) }));
      const summary = errors
        .slice(0, 3)
        .map((e) => `${e.field} ${e.message}`)
        .join('; ');
      throw new AppError('validation_failed', `Some answers are invalid: ${summary}${errors.length > 3 ? '; …' : ''}.`, { errors });
    }
    return reply.status(201).send({ id: outcome.submission.id, created_at: toIso(outcome.submission.createdAt), message: page.config.form!.success_message });
  }

  app.post(
    '/api/v1/forms/submit/:short_code',
    {
      bodyLimit: FORM_BODY_LIMIT,
      errorHandler: submitErrorHandler,
      schema: {
        operationId: 'submitForm',
        tags: ['forms'],
        // Form posts (not JSON) get the page again with the errors.
        'x-html-errors': true,
        summary: 'Submit data to a hosted page form',
        description:
          'Public. Send the field values as a JSON object or as an HTML form post (application/x-www-form-urlencoded). JSON clients (a JSON body, or `Accept: application/json` without `text/html`) get 201 or 400 with one error per field; browser form posts get a 303 to the thank-you page or the page again with the errors. Limited to 10 submissions per minute per address (an IPv6 /64 counts as one) and form (429 + Retry-After), 32 KiB per body (413).',
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        params: ShortCodeParams,
        body: SubmitFormBody,
        response: SUBMIT_RESPONSES,
      },
    },
    async (request, reply) => answer(request, reply, request.params.short_code),
  );

  // The page's own form posts to the page's address, so a visitor who sent something wrong sees the
  // page with its errors at the address they were on (not at an API path), and a reload re-asks.
  app.post(
    '/p/:userSlug/:campaignSlug',
    {
      bodyLimit: FORM_BODY_LIMIT,
      errorHandler: submitErrorHandler,
      schema: {
        operationId: 'submitHostedPageForm',
        tags: ['forms'],
        'x-html-errors': true,
        summary: 'Submit a hosted page form from the page itself (HTML form post)',
        description:
          "Where the hosted page's form posts: the page's own address. A form post gets a 303 to the thank-you page, or the page again with the errors (400); JSON gets what `POST /api/v1/forms/submit/{short_code}` answers, with the same rules and limits.",
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        params: PageSlugParams,
        body: SubmitFormBody,
        response: SUBMIT_RESPONSES,
      },
    },
    async (request, reply) => {
      const { userSlug, campaignSlug } = request.params;
      const page = userSlug.length > MAX_SLUG || campaignSlug.length > MAX_SLUG ? undefined : await findPublishedPage(ctx, userSlug, campaignSlug);
      if (!page) throw notFound(`The hosted page '${userSlug}/${campaignSlug}'`);
      return answer(request, reply, page.shortCode);
    },
  );

  app.get(
    '/api/v1/forms/campaign/:id',
    {
      schema: {
        tags: ['forms'],
        summary: 'Retrieve all form submissions for a campaign',
        description:
          "Newest first, paginated with `next_cursor`. The same data as CSV: `GET /api/v1/forms/campaign/{id}/export.csv`. A `sec1-tst-…` key gets 403 on a live campaign (one not made with a `tst` key): its answers are visitors' personal data.",
        security: SIGNED_IN,
        params: IdParams,
        querystring: FormAnswerQuery,
        response: { 200: FormAnswerList, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const page = await listSubmissions(ctx, principal, request.params.id, request.query.limit, decodeCursor(request.query.cursor));
      return pageJson(page, (s) => ({ id: s.id, data: s.data, created_at: toIso(s.createdAt) }));
    },
  );

  app.get(
    '/api/v1/forms/campaign/:id/export.csv',
    {
      schema: {
        tags: ['forms'],
        summary: "Export a campaign's form submissions as CSV",
        description:
          "RFC 4180 CSV, newest first: one column per field of the page's current form, then created_at. Cells that a spreadsheet would run as a formula are prefixed with '. A `sec1-tst-…` key gets 403 on a live campaign.",
        security: SIGNED_IN,
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: fileResponse('CSV (RFC 4180), one row per submission, one column per field.', ['text/csv']), 401: problem, 403: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const csv = await exportSubmissions(ctx, principal, request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="submissions-${csv.shortCode}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(csv.lines));
    },
  );
}
