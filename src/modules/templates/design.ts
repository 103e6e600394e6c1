// The one place a design_config is checked before it is stored: the QR engine parses it (every
// field and allowed value) and lints it (contrast, quiet zone) so nothing unscannable is saved.
import { assertScannable, parseDesign, QrError } from '../../qr/index.ts';
import { AppError } from '../../errors.ts';

/** A design document as stored (the caller's JSON object, validated). */
export type DesignConfig = Record<string, unknown>;

/** Largest design document accepted, in bytes of JSON (room for an embedded 256 KiB logo). */
export const MAX_DESIGN_BYTES = 384 * 1024;

/** Turns an engine refusal into a 400 whose errors point into the request body. */
export function designError(error: QrError, prefix = '/design_config'): AppError {
  const errors = error.details.length > 0 ? error.details.map((d) => ({ field: `${prefix}/${d.field}`, message: d.message })) : [{ field: prefix, message: error.message }];
  return new AppError('validation_failed', `${prefix.slice(1)}: ${error.message}.`, { errors, extensions: { reason: error.code } });
}

/** Validates a design config with the engine's parser and lint; a 400 listing each problem. */
export function checkDesign(input: unknown, field = '/design_config'): DesignConfig {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AppError('validation_failed', `${field.slice(1)} must be a JSON object (use {} for the default design).`, { errors: [{ field, message: 'must be an object' }] });
  }
  if (JSON.stringify(input).length > MAX_DESIGN_BYTES) {
    throw new AppError('validation_failed', `${field.slice(1)} is larger than ${MAX_DESIGN_BYTES} bytes.`, { errors: [{ field, message: `must be at most ${MAX_DESIGN_BYTES} bytes of JSON` }] });
  }
  try {
    assertScannable(parseDesign(input).design);
  } catch (error) {
    if (error instanceof QrError) throw designError(error, field);
    throw error;
  }
  return input as DesignConfig;
}
