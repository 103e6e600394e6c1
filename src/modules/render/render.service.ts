// Ad-hoc rendering: any text with any design, as SVG or PNG. Campaigns render through the same
// engine; this is the endpoint for callers who manage their own payloads.
import { renderSvg } from '../../qr/index.ts';
import type { QrWarning } from '../../qr/index.ts';
import { renderPng } from './png.ts';

/** What POST /api/v1/qrs/render asks for. */
export interface RenderRequest {
  data: string;
  design?: unknown;
  format: 'svg' | 'png';
  size: number;
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
  const result = renderSvg(request.data, request.design ?? {}, { sizePx: request.size });
  if (request.format === 'svg') return { contentType: 'image/svg+xml', body: result.svg, version: result.version, warnings: result.warnings };
  return { contentType: 'image/png', body: await renderPng(result.svg, request.size), version: result.version, warnings: result.warnings };
}
