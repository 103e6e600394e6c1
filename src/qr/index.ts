// Public surface of the QR engine. Pure: no Node built-ins, so browsers can import it too.

export { encodeQr, encodeBytes, utf8 } from './encoder.ts';
export type { EncodeOptions, QrCode } from './encoder.ts';
export { ECC_LEVELS, MIN_VERSION, MAX_VERSION, dataCodewords, symbolSize } from './capacity.ts';
export type { Ecc } from './capacity.ts';
export type { Mode, Segment } from './segments.ts';
export { QrError, QrDesignError, QrCapacityError } from './errors.ts';
export type { QrErrorCode, QrErrorDetail } from './errors.ts';
export { CIRCLE_PUPIL_FRAMES, DEFAULT_DESIGN, DESIGN_LIMITS, DIAMOND_PUPIL_FRAMES, DESIGN_OPTIONS, EYES, EYE_PUPILS, GRADIENT_TYPES, LOGO_MIME_TYPES, SHAPES } from './design.ts';
export type { Design, Eye, EyePupil, Frame, Gradient, GradientStop, Logo, QrWarning, Shape } from './design.ts';
export { DESIGN_CONFIG_SCHEMA } from './schema.ts';
export { PRESETS, PRESET_NAMES } from './presets.ts';
export type { PresetName } from './presets.ts';
export { applyPreset, parseDesign } from './parse-design.ts';
export { DENSE_FROM_VERSION, MIN_LUMA_DELTA, MIN_PX_PER_MODULE, MIN_QUIET_ZONE, WARN_LUMA_DELTA, assertScannable, lintDesign } from './lint.ts';
export type { LintContext, LintResult } from './lint.ts';
export { maxLogoSize, versionClearOfCentreAlignment } from './logo.ts';
export { LOGO_MAX_SIDE } from './logo-source.ts';
export { renderSvg } from './svg/render.ts';
export type { RenderSvgOptions, SvgResult } from './svg/render.ts';
export { renderTerminal } from './terminal.ts';
export type { TerminalOptions } from './terminal.ts';
