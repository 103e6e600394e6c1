// /api/v1/templates: list, save and delete saved design configs.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { decodeCursor, pageJson } from '../../http/cursor.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { toIso } from '../../http/iso.ts';
import { IdParams, NoContent, PageQuery, Problem as problem } from '../../http/schema.ts';
import { createTemplate, deleteTemplate, listTemplates, type Template } from './template.service.ts';
import { CreateTemplateBody, TemplateJson, TemplateList } from './template.schemas.ts';
import { setWarningsHeader, withWarningsHeader } from '../render/index.ts';
import { designWarnings } from './design.ts';

function toJson(template: Template): TemplateJson {
  return { id: template.id, name: template.name, design_config: template.designConfig, created_at: toIso(template.createdAt), livemode: template.livemode };
}

/** Registers the template routes. */
export async function templateRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'List saved templates',
        security: SIGNED_IN,
        querystring: PageQuery,
        response: { 200: TemplateList, 401: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const page = await listTemplates(ctx, principal.accountId, request.query.limit, decodeCursor(request.query.cursor));
      return pageJson(page, toJson);
    },
  );
  app.post(
    '/api/v1/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Save a new template',
        description: 'A `sec1-tst-…` key saves a test template (`livemode: false`), which test keys may delete; a `prd` key or the dashboard saves a live one, which they may not.',
        security: SIGNED_IN,
        'x-idempotent': true,
        body: CreateTemplateBody,
        response: { 201: withWarningsHeader(TemplateJson), 400: problem, 401: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const template = await createTemplate(ctx, { accountId: principal.accountId, testMode: principal.testMode }, request.body);
      setWarningsHeader(reply, designWarnings(template.designConfig));
      return reply.status(201).header('location', `/api/v1/templates/${template.id}`).send(toJson(template));
    },
  );
  app.delete(
    '/api/v1/templates/:id',
    {
      schema: {
        tags: ['templates'],
        summary: 'Delete a template (campaigns that used it keep their design)',
        description: 'A `sec1-tst-…` key may delete only test templates (`livemode: false`); a live one answers 403.',
        security: SIGNED_IN,
        params: IdParams,
        response: { 204: NoContent, 401: problem, 403: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await deleteTemplate(ctx, { accountId: principal.accountId, testMode: principal.testMode }, request.params.id);
      return reply.status(204).send();
    },
  );
}
