// X-QR-Warnings: what the lint says about a design that renders (or is saved) but may still be
// hard to scan, as a JSON array in a response header, the same wherever a design is drawn or
// saved: the image stays the body, the campaign or template stays the document.
import type { FastifyReply } from 'fastify';
import { jsonHeaderValue } from '../../http/header-json.ts';
import type { QrWarning } from '../../qr/index.ts';

const WARNINGS_HEADER = 'x-qr-warnings';

/** The header's value for `warnings`, or null when there are none (the header is then left out). */
function warningsHeaderValue(warnings: readonly QrWarning[]): string | null {
  return warnings.length ? jsonHeaderValue(warnings.map((w) => ({ code: w.code, field: w.field, message: w.message }))) : null;
}

/** Sets X-QR-Warnings on `reply` when there are warnings. */
export function setWarningsHeader(reply: FastifyReply, warnings: readonly QrWarning[]): void {
  const value = warningsHeaderValue(warnings);
  if (value) reply.header(WARNINGS_HEADER, value);
}

/** How the header reads in the OpenAPI document. */
export const WARNINGS_HEADER_DOC = {
  'X-QR-Warnings': {
    type: 'string',
    description: 'Lint warnings, when there are any: a JSON array of `{code, field, message}` (the design renders; these say what may still make it hard to scan).',
  },
} as const;

/** A response schema that may carry X-QR-Warnings. */
export function withWarningsHeader<T extends object>(schema: T): T {
  return { ...schema, headers: WARNINGS_HEADER_DOC };
}
