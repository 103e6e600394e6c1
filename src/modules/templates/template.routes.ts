// /api/v1/templates: list, save and delete saved design configs.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { decodeCursor, paginationQuerySchema } from '../../http/cursor.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { createTemplate, deleteTemplate, listTemplates, type Template } from './template.service.ts';
import { PROBLEM_SCHEMA as problem } from '../../http/problem.ts';
import { designConfigField } from './design.ts';

const templateJson = {
  title: 'Template',
  type: 'object',
  description: 'A saved design; campaigns created with its `template_id` start from it.',
  required: ['id', 'name', 'design_config', 'created_at'],
  examples: [{ id: 'tpl_4hT9xQ2mZpL8vN3bK7wR1c', name: 'Event tickets', design_config: { preset: 'ocean', eyes: 'circle' }, created_at: '2026-03-01T12:00:00.000Z' }],
  properties: {
    id: { type: 'string', examples: ['tpl_4hT9xQ2mZpL8vN3bK7wR1c'] },
    name: { type: 'string' },
    design_config: designConfigField,
    created_at: { type: 'string', format: 'date-time' },
  },
} as const;


function toJson(template: Template) {
  return { id: template.id, name: template.name, design_config: template.designConfig, created_at: new Date(template.createdAt).toISOString() };
}

/** Registers the template routes. */
export async function templateRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: { limit: number; cursor?: string } }>(
    '/api/v1/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'List saved templates',
        security: SIGNED_IN,
        querystring: { type: 'object', properties: { ...paginationQuerySchema }, additionalProperties: false },
        response: { 200: { title: 'TemplateList', type: 'object', description: 'A page of templates; pass `next_cursor` as `cursor` for the next (null on the last page).', required: ['data', 'next_cursor'], properties: { data: { type: 'array', items: templateJson }, next_cursor: { type: ['string', 'null'] } } }, 401: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const page = await listTemplates(ctx, principal.accountId, request.query.limit, decodeCursor(request.query.cursor));
      return { data: page.items.map(toJson), next_cursor: page.nextCursor };
    },
  );
  app.post<{ Body: { name: string; design_config: unknown } }>(
    '/api/v1/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Save a new template',
        security: SIGNED_IN,
        'x-idempotent': true,
        body: {
          type: 'object',
          required: ['name', 'design_config'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, design_config: designConfigField },
        },
        response: { 201: templateJson, 400: problem, 401: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const template = await createTemplate(ctx, principal.accountId, request.body);
      return reply.status(201).header('location', `/api/v1/templates/${template.id}`).send(toJson(template));
    },
  );
  app.delete<{ Params: { id: string } }>(
    '/api/v1/templates/:id',
    {
      schema: {
        tags: ['templates'],
        summary: 'Delete a template (campaigns that used it keep their design)',
        security: SIGNED_IN,
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
        response: { 204: { type: 'null' }, 401: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await deleteTemplate(ctx, principal.accountId, request.params.id);
      return reply.status(204).send();
    },
  );
}
