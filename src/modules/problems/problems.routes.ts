// Every problem document's `type` URL resolves here, so a client (or a person) can look up a code.
import type { FastifyInstance } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode } from '../../errors.ts';

const entry = {
  title: 'ErrorCode',
  type: 'object',
  description: 'A registered error code: problem documents carry it in `code`, with this status and title.',
  required: ['code', 'status', 'title'],
  properties: { code: { type: 'string', enum: Object.keys(ERROR_CODES) }, status: { type: 'integer', minimum: 400, maximum: 599 }, title: { type: 'string' } },
  examples: [{ code: 'validation_failed', status: 400, title: ERROR_CODES.validation_failed.title }],
} as const;

/** Registers GET /problems and /problems/:code. */
export async function problemsRoutes(app: FastifyInstance): Promise<void> {
  const list = () => (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => ({ code, ...ERROR_CODES[code] }));
  app.get('/problems', { schema: { tags: ['meta'], summary: 'Every error code Tessera answers with', response: { 200: { title: 'ErrorCodeList', type: 'object', required: ['data'], properties: { data: { type: 'array', items: entry } } } } } }, async () => ({ data: list() }));
  app.get<{ Params: { code: string } }>(
    '/problems/:code',
    { schema: { tags: ['meta'], summary: 'One error code', params: { type: 'object', properties: { code: { type: 'string', maxLength: 64 } }, required: ['code'] }, response: { 200: entry } } },
    async (request) => {
      const entry = list().find((e) => e.code === request.params.code);
      if (!entry) throw new AppError('not_found', `There is no error code '${request.params.code}'. GET /problems lists them.`);
      return entry;
    },
  );
}
