// The one place a design_config is checked before it is stored: the QR engine parses it (every
// field and allowed value, unknown keys refused) and lints it (contrast, quiet zone) so nothing
// unscannable is saved.
import { assertScannable, DESIGN_CONFIG_SCHEMA, lintDesign, parseDesign, type QrWarning } from '../../qr/index.ts';
import { AppError } from '../../errors.ts';
import { documentedAs } from '../../http/openapi-components.ts';
import { withQrProblems } from '../render/index.ts';

/** A design document as stored (the caller's JSON object, validated). */
export type DesignConfig = Record<string, unknown>;

/**
 * The `design_config` field of requests and responses: any object to the schema validator (the
 * engine's checkDesign gives the precise refusals), the full DesignConfig in the document.
 */
export const designConfigField = documentedAs('DesignConfig', DESIGN_CONFIG_SCHEMA, { type: 'object', additionalProperties: true } as const);

/** Largest design document accepted, in bytes of JSON (room for an embedded 256 KiB logo). */
export const MAX_DESIGN_BYTES = 384 * 1024;

/** Validates a design config with the engine's parser and lint; a 400 listing each problem. */
export function checkDesign(input: unknown, field = 'body/design_config'): DesignConfig {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AppError('validation_failed', `${field.replace(/^body\//, '')} must be a JSON object (use {} for the default design).`, { errors: [{ field, message: 'must be an object' }] });
  }
  if (JSON.stringify(input).length > MAX_DESIGN_BYTES) {
    throw new AppError('validation_failed', `${field.replace(/^body\//, '')} is larger than ${MAX_DESIGN_BYTES} bytes.`, {
      errors: [{ field, message: `must be at most ${MAX_DESIGN_BYTES} bytes of JSON` }],
    });
  }
  withQrProblems({ kind: 'design', prefix: field }, () => assertScannable(parseDesign(input, { unknownKeys: 'refuse' }).design, { strict: true }));
  return input as DesignConfig;
}

/**
 * What the lint warns about a stored design (contrast, polarity, quiet zone, corner frames
 * changed…), for the X-QR-Warnings header of a save: checkDesign refuses what cannot scan, and
 * this says what may still be hard to. A template has no content: a campaign's save adds what its
 * content makes of the code (campaigns' codeWarnings), an output size comes with the image.
 */
export function designWarnings(design: DesignConfig): QrWarning[] {
  const parsed = parseDesign(design);
  return [...parsed.warnings, ...lintDesign(parsed.design).warnings];
}
