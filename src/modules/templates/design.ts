// The one place a design_config is checked before it is stored: the QR engine parses it (every
// field and allowed value) and lints it (contrast, quiet zone) so nothing unscannable is saved.
import { assertScannable, DESIGN_CONFIG_SCHEMA, parseDesign, QrError } from '../../qr/index.ts';
import { AppError } from '../../errors.ts';
import { documentedAs } from '../../http/openapi-components.ts';

/** A design document as stored (the caller's JSON object, validated). */
export type DesignConfig = Record<string, unknown>;

/**
 * The `design_config` field of requests and responses: any object to the schema validator (the
 * engine's checkDesign gives the precise refusals), the full DesignConfig in the document.
 */
export const designConfigField = documentedAs('DesignConfig', DESIGN_CONFIG_SCHEMA, { type: 'object', additionalProperties: true } as const);

/** Largest design document accepted, in bytes of JSON (room for an embedded 256 KiB logo). */
export const MAX_DESIGN_BYTES = 384 * 1024;

/** Turns an engine refusal into its registered 400 (design_invalid, design_unscannable, content_too_long) with fields pointing into the request body. */
export function designError(error: QrError, prefix = 'body/design_config'): AppError {
  const errors = error.details.length > 0 ? error.details.map((d) => ({ field: `${prefix}/${d.field}`, message: d.message })) : [{ field: prefix, message: error.message }];
  return new AppError(error.code, `${prefix.replace(/^body\//, '')}: ${error.message}.`, { errors });
}

/** Validates a design config with the engine's parser and lint; a 400 listing each problem. */
export function checkDesign(input: unknown, field = 'body/design_config'): DesignConfig {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AppError('validation_failed', `${field.replace(/^body\//, '')} must be a JSON object (use {} for the default design).`, { errors: [{ field, message: 'must be an object' }] });
  }
  if (JSON.stringify(input).length > MAX_DESIGN_BYTES) {
    throw new AppError('validation_failed', `${field.replace(/^body\//, '')} is larger than ${MAX_DESIGN_BYTES} bytes.`, { errors: [{ field, message: `must be at most ${MAX_DESIGN_BYTES} bytes of JSON` }] });
  }
  try {
    assertScannable(parseDesign(input).design);
  } catch (error) {
    if (error instanceof QrError) throw designError(error, field);
    throw error;
  }
  return input as DesignConfig;
}
