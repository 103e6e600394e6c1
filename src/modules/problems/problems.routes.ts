// Every problem document's `type` URL resolves here, so a client (or a person) can look up a code.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode } from '../../errors.ts';
import { StringEnum, Type } from '../../http/schema.ts';

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

const ErrorCodeJson = Type.Object(
  { code: StringEnum(CODES), status: Type.Integer({ minimum: 400, maximum: 599 }), title: Type.String() },
  {
    title: 'ErrorCode',
    description: 'A registered error code: problem documents carry it in `code`, with this status and title.',
    examples: [{ code: 'validation_failed', status: 400, title: ERROR_CODES.validation_failed.title }],
  },
);

const ErrorCodeList = Type.Object({ data: Type.Array(ErrorCodeJson) }, { title: 'ErrorCodeList' });

const CodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });

/** Registers GET /problems and /problems/:code. */
export async function problemsRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const list = () => CODES.map((code) => ({ code, ...ERROR_CODES[code] }));
  app.get('/problems', { schema: { tags: ['meta'], summary: 'Every error code Tessera answers with', response: { 200: ErrorCodeList } } }, async () => ({ data: list() }));
  app.get('/problems/:code', { schema: { tags: ['meta'], summary: 'One error code', params: CodeParams, response: { 200: ErrorCodeJson } } }, async (request) => {
    const entry = list().find((e) => e.code === request.params.code);
    if (!entry) throw new AppError('not_found', `There is no error code '${request.params.code}'. GET /problems lists them.`);
    return entry;
  });
}
