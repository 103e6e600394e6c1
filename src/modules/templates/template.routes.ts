// /api/v1/templates: list, save and delete saved design configs.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { decodeCursor, pageJson, pageQuery, pageSchema } from '../../http/cursor.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { createTemplate, deleteTemplate, listTemplates, type Template } from './template.service.ts';
import { PROBLEM_SCHEMA as problem } from '../../http/problem.ts';
import { designConfigField } from './design.ts';
import { toIso } from '../../http/iso.ts';
import { idParams } from '../../http/route-schemas.ts';

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
  return { id: template.id, name: template.name, design_config: template.designConfig, created_at: toIso(template.createdAt) };
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
        querystring: pageQuery(),
        response: { 200: pageSchema('TemplateList', templateJson, 'templates'), 401: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const page = await listTemplates(ctx, principal.accountId, request.query.limit, decodeCursor(request.query.cursor));
      return pageJson(page, toJson);
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
        params: idParams,
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
