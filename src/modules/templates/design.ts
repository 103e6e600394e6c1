// The one place a design_config is checked before it is stored. The QR engine's parseDesign and
// lint take over here when src/qr lands; until then any JSON object of bounded size passes.
import { AppError } from '../../errors.ts';

/** A design document as stored (JSON object). */
export type DesignConfig = Record<string, unknown>;

/** Largest design document accepted, in bytes of JSON. */
export const MAX_DESIGN_BYTES = 16 * 1024;

/** Validates a design config; a 400 listing each problem under `field`. */
export function checkDesign(input: unknown, field = '/design_config'): DesignConfig {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AppError('validation_failed', `${field} must be a JSON object (use {} for the default design).`, { errors: [{ field, message: 'must be an object' }] });
  }
  if (JSON.stringify(input).length > MAX_DESIGN_BYTES) {
    throw new AppError('validation_failed', `${field} is larger than ${MAX_DESIGN_BYTES} bytes.`, { errors: [{ field, message: `must be at most ${MAX_DESIGN_BYTES} bytes of JSON` }] });
  }
  return input as DesignConfig;
}
