// Every code image Tessera serves is drawn here: the engine's SVG, rasterised to PNG on request,
// with the engine's refusals reported as problems (engine-errors.ts). Callers say what to encode
// and with which design; what a code encodes is their business.
import { type QrWarning, renderSvg, type RenderSvgOptions, type SvgResult } from '../../qr/index.ts';
import { type EngineInput, withQrProblems, withQrProblemsAsync } from './engine-errors.ts';
import { EXPIRED_SVG, wordImageSvg } from './expired-image.ts';
import { renderPng } from './png.ts';

/** Image formats a code is served in. */
export type ImageFormat = 'svg' | 'png';

/** An image ready to send, with what the lint says of the code at its size (X-QR-Warnings). */
export interface CodeImage {
  contentType: string;
  body: string | Buffer;
  warnings: QrWarning[];
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
export async function asImage(svg: string, format: ImageFormat, size: number, warnings: QrWarning[] = []): Promise<CodeImage> {
  return format === 'svg' ? { contentType: 'image/svg+xml; charset=utf-8', body: svg, warnings } : { contentType: 'image/png', body: await svgToPng(svg, size), warnings };
}

/**
 * `text` drawn with `design` as the image a route sends: a PNG `size` pixels wide (`pngDefault`
 * when not given), or an SVG whose width attribute is `size` (none when not given: it scales to its box).
 */
export async function codeImage(text: string, design: unknown, format: ImageFormat, size: number | undefined, pngDefault: number, input: EngineInput = ENGINE): Promise<CodeImage> {
  // A PNG is drawn at its width, so the lint can say when it gives too few pixels a module.
  const drawn = drawCode(text, design, { sizePx: format === 'svg' ? size : (size ?? pngDefault) }, input);
  return asImage(drawn.svg, format, size ?? pngDefault, drawn.warnings);
}

/** The red "EXPIRED" image a refused morphing render shows in place of the code. */
export function expiredImage(format: ImageFormat, size: number): Promise<CodeImage> {
  return asImage(EXPIRED_SVG, format, size);
}

/** A word on a coloured square (`PAID`), shown in place of a code that must not be scanned any more. */
export function wordImage(word: string, fill: string, format: ImageFormat, size: number): Promise<CodeImage> {
  return asImage(wordImageSvg(word, fill), format, size);
}

/** Throws a 400 when `text` does not fit a QR symbol with `design` (content_too_long names `field`). */
export function assertEncodable(text: string, design: unknown, field: string): void {
  withQrProblems({ kind: 'content', field }, () => renderSvg(text, design));
}
