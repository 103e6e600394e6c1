// The rendering module's public entry: every code image (ad-hoc, saved campaign and morphing
// codes, items, payments, the CLI) is drawn and rasterised through these functions, under the
// size policies of size-policy.ts, with engine refusals turned into problems in engine-errors.ts.
import type { Module } from '../../context.ts';
export { assertEncodable, type CodeImage, codeImage, drawCode, expiredImage, type ImageFormat, svgToPng, wordImage } from './code-image.ts';
export { withQrProblems } from './engine-errors.ts';
export { renderPng } from './png.ts';
export const renderRoutes: Module = async (app, ctx) => (await import('./render.routes.ts')).renderRoutes(app, ctx);
export { imageSizeField, PNG_SIZES, pngSizeField, pngSizeQuery } from './size-policy.ts';
export { setWarningsHeader, WARNINGS_HEADER_DOC, withWarningsHeader } from './warnings-header.ts';
