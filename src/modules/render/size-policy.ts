// PNG sizes: one policy per kind of image, named here and nowhere else. Routes take their `size`
// field from pngSizeField, so the schema that checks it and the OpenAPI text that documents it
// cannot drift apart.
import { DefaultsOptional, Type } from '../../http/schema.ts';

/** The pixel widths a route accepts for PNG output. */
export interface PngSizePolicy {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** Every size policy. */
export const PNG_SIZES = {
  /** Ad-hoc renders, item and payment codes, the CLI: up to 4096 px, enough to print a code 35 cm wide at 300 dpi. */
  standard: { min: 64, max: 4096, default: 512 },
  /**
   * Saved campaign codes (and morphing codes) at /api/render/{short_code}.png: a public URL that
   * anyone holding a short code may fetch, cached per size, so its ceiling stays at 2048 px.
   */
  campaignImage: { min: 64, max: 2048, default: 512 },
} as const satisfies Record<string, PngSizePolicy>;

/** The rasteriser's own bounds: the widest policy (a route's schema narrows it). */
export const RASTER_LIMITS: PngSizePolicy = PNG_SIZES.standard;

/** The `size` field of a route under `policy`, its bounds stated in the description. */
export function pngSizeField(policy: PngSizePolicy) {
  return Type.Integer({ minimum: policy.min, maximum: policy.max, default: policy.default, description: `Width in pixels, ${policy.min}–${policy.max}; default ${policy.default}.` });
}

/**
 * The size of an image that may be an SVG: no schema default, since an SVG asked without a size
 * stays without one (it scales to its box, and no pixel count is there to warn about); a PNG
 * without one is drawn `policy.default` wide.
 */
export function imageSizeField(policy: PngSizePolicy) {
  return Type.Integer({
    minimum: policy.min,
    maximum: policy.max,
    description: `Width in pixels, ${policy.min}–${policy.max}. A PNG is drawn this wide (default ${policy.default}); an SVG gets it as its \`width\` and \`height\` attributes (none by default), so a downloaded file opens at that size in other programs.`,
  });
}

/** The query string of a route serving a PNG under `policy`: `?size=` (optional; the default applies). */
export function pngSizeQuery(policy: PngSizePolicy) {
  return DefaultsOptional(Type.Object({ size: pngSizeField(policy) }));
}
