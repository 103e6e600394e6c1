// Ad-hoc rendering: any text with any design, as SVG or PNG. Saved codes are drawn by the same
// functions (code-image.ts); this is the endpoint for callers who manage their own payloads.
import type { QrWarning } from '../../qr/index.ts';
import { drawCode, svgToPng } from './code-image.ts';
import { PNG_SIZES } from './size-policy.ts';

/** What POST /api/v1/qrs/render asks for. */
export interface RenderRequest {
  data: string;
  design?: unknown;
  format: 'svg' | 'png';
  /** Width in pixels; a PNG without it is drawn at the standard default, an SVG gets no fixed size. */
  size?: number;
}

/** A rendered image and what the lint had to say about it. */
export interface RenderedImage {
  contentType: 'image/svg+xml' | 'image/png';
  body: string | Buffer;
  version: number;
  warnings: QrWarning[];
}

/** Renders `data` with `design` (400 problems for invalid or unscannable designs, or content that does not fit). */
export async function renderImage(request: RenderRequest): Promise<RenderedImage> {
  // The caller can still fix a typo'd key, and errors name fields where they sit in the body.
  const draw = (sizePx: number | undefined) => drawCode(request.data, request.design ?? {}, { sizePx, unknownKeys: 'refuse' }, { kind: 'content', field: 'body/data' });
  if (request.format === 'svg') {
    const result = draw(request.size);
    return { contentType: 'image/svg+xml', body: result.svg, version: result.version, warnings: result.warnings };
  }
  const size = request.size ?? PNG_SIZES.standard.default;
  const result = draw(size);
  return { contentType: 'image/png', body: await svgToPng(result.svg, size), version: result.version, warnings: result.warnings };
}
