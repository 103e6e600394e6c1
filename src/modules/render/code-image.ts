// Every code image Tessera serves is drawn here: the engine's SVG, rasterised to PNG on request,
// with the engine's refusals reported as problems (engine-errors.ts). Callers say what to encode
// and with which design; what a code encodes is their business.
import { renderSvg, type RenderSvgOptions, type SvgResult } from '../../qr/index.ts';
import { type EngineInput, withQrProblems, withQrProblemsAsync } from './engine-errors.ts';
import { EXPIRED_SVG } from './expired-image.ts';
import { renderPng } from './png.ts';

/** Image formats a code is served in. */
export type ImageFormat = 'svg' | 'png';

/** An image ready to send. */
export interface CodeImage {
  contentType: string;
  body: string | Buffer;
}

const ENGINE: EngineInput = { kind: 'engine' };

/** Draws `text` with `design` (the engine's result: SVG, version, lint warnings); refusals are 400 problems about `input`. */
export function drawCode(text: string, design?: unknown, options: RenderSvgOptions = {}, input: EngineInput = ENGINE): SvgResult {
  return withQrProblems(input, () => renderSvg(text, design, options));
}

/** Rasterises an SVG drawn here to a PNG `sizePx` wide. */
export function svgToPng(svg: string, sizePx: number): Promise<Buffer> {
  return withQrProblemsAsync(ENGINE, () => renderPng(svg, sizePx));
}

/** An SVG as the image a route sends: the SVG itself, or its PNG `size` wide. */
export async function asImage(svg: string, format: ImageFormat, size: number): Promise<CodeImage> {
  return format === 'svg' ? { contentType: 'image/svg+xml; charset=utf-8', body: svg } : { contentType: 'image/png', body: await svgToPng(svg, size) };
}

/**
 * `text` drawn with `design` as the image a route sends: a PNG `size` pixels wide (`pngDefault`
 * when not given), or an SVG whose width attribute is `size` (none when not given: it scales to its box).
 */
export async function codeImage(text: string, design: unknown, format: ImageFormat, size: number | undefined, pngDefault: number, input: EngineInput = ENGINE): Promise<CodeImage> {
  const svg = drawCode(text, design, format === 'svg' ? { sizePx: size } : {}, input).svg;
  return asImage(svg, format, size ?? pngDefault);
}

/** The red "EXPIRED" image a refused morphing render shows in place of the code. */
export function expiredImage(format: ImageFormat, size: number): Promise<CodeImage> {
  return asImage(EXPIRED_SVG, format, size);
}

/** Throws a 400 when `text` does not fit a QR symbol with `design` (content_too_long names `field`). */
export function assertEncodable(text: string, design: unknown, field: string): void {
  withQrProblems({ kind: 'content', field }, () => renderSvg(text, design));
}
