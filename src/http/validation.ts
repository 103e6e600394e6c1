// How request parts are validated. A query string, a path and headers arrive as text, so their
// numbers and booleans are converted ("?limit=20" is 20) and a single value may stand for a list.
// A JSON body says what its values are: converting them made `"amount": true` a payment of one
// cent, `[12]` twelve and `" 12 "` twelve, each answered 201. A body's values are taken as sent,
// and a wrong type is a 400 naming the field ("must be a whole number").
import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

/** Ajv's options for every part; `coerceTypes` applies to all parts but the body. */
export const AJV_OPTIONS = { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } as const;

type CompilerOptions = Parameters<AjvCompiler.ValidatorFactory>[1];

/** Fastify's `schemaController`: one Ajv converting text parts, one taking bodies as sent. */
export function requestValidation(): NonNullable<FastifyServerOptions['schemaController']> {
  const pool = AjvCompiler();
  const buildValidator: AjvCompiler.ValidatorFactory = (externalSchemas, options) => {
    const textParts = pool(externalSchemas, options);
    const asSent = { ...options, customOptions: { ...options?.customOptions, coerceTypes: false } } as CompilerOptions;
    const body = pool(externalSchemas, asSent);
    return (route) => (route.httpPart === 'body' ? body : textParts)(route);
  };
  return { compilersFactory: { buildValidator } };
}
