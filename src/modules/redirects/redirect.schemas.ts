// The public redirect's shapes, written once: validation, handler types and OpenAPI come from here.
import { PROBLEM_SCHEMA } from '../../http/problem.ts';
import { Type, type Static } from '../../http/schema.ts';

export const RedirectParams = Type.Object({ code: Type.String({ description: 'short code' }) });
export type RedirectParams = Static<typeof RedirectParams>;

/** A problem+json answer with its own description (browsers get an HTML page instead). */
function problemAnswer(description: string) {
  return Type.Unsafe<Record<string, unknown>>({ ...PROBLEM_SCHEMA, description });
}

export const CodeExpired = problemAnswer('A morphing code without a live token (`code_expired`); browsers (`Accept: text/html`) get an HTML page.');
export const UnknownCode = problemAnswer('No such code; browsers get an HTML page.');
export const ArchivedCode = problemAnswer('The campaign is archived; browsers get an HTML page.');
