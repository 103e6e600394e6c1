// The live preview draws with the same engine the server renders with (src/qr), so what the
// designer shows is byte for byte what GET /api/render/{code}.svg serves once saved. Nothing
// here decides what is valid or scannable: the engine's parser and lint do.
import { encodeQr, maxLogoSize, parseDesign, QrError, renderSvg } from '../../../src/qr/index.ts';
import type { Ecc } from '../../../src/qr/index.ts';
import type { DesignConfig } from '../api/types.ts';

export { CIRCLE_PUPIL_FRAMES, DESIGN_LIMITS, DIAMOND_PUPIL_FRAMES, ECC_LEVELS, EYE_PUPILS, EYES, GRADIENT_TYPES, PRESET_NAMES, PRESETS, SHAPES } from '../../../src/qr/index.ts';
export type { Ecc, EyePupil, Eye, Shape, PresetName } from '../../../src/qr/index.ts';

/** One thing the engine had to say about a design. */
export interface Issue {
  /** Engine code: `low_contrast`, `small_quiet_zone`… for warnings; `design_unscannable`, `design_invalid`, `content_too_long` for errors. */
  code: string;
  /** The design_config field it is about (`margin`, `logo.size`, `gradient.stops[0].color`), or '' for the whole design. */
  field: string;
  message: string;
}

/** What the preview shows: the SVG, or why there is none. */
export interface Preview {
  /** The SVG document, or null when the design cannot be drawn as a scannable code. */
  svg: string | null;
  /** Symbol version and error-correction level of the code (known even when the lint refuses it, if the text fits). */
  version: number | null;
  ecc: Ecc | null;
  errors: Issue[];
  warnings: Issue[];
}

function symbolOf(text: string, design: DesignConfig): { version: number; ecc: Ecc } | null {
  try {
    const { design: resolved } = parseDesign(design);
    const qr = encodeQr(text, { ecc: resolved.ecc });
    return { version: qr.version, ecc: qr.ecc };
  } catch {
    return null;
  }
}

/** Draws `text` with `design` exactly as the server would, judged as a save is (a design being edited is new input). */
export function drawPreview(text: string, design: DesignConfig): Preview {
  try {
    const result = renderSvg(text, design, { unknownKeys: 'refuse' });
    return { svg: result.svg, version: result.version, ecc: result.ecc, errors: [], warnings: result.warnings };
  } catch (error) {
    if (!(error instanceof QrError)) throw error;
    const errors = error.details.length > 0 ? error.details.map((d) => ({ code: error.code, field: d.field, message: d.message })) : [{ code: error.code, field: '', message: error.message }];
    const symbol = symbolOf(text, design);
    return { svg: null, version: symbol?.version ?? null, ecc: symbol?.ecc ?? null, errors, warnings: [] };
  }
}

/** The largest logo (fraction of the width) this code can carry, or 0 when it cannot carry one. */
export function largestLogo(version: number): number {
  // A logo always forces ECC H (the engine raises it), so that is the budget that counts.
  return maxLogoSize(version, 'H');
}
