// What sits behind and around the code: the background and the optional caption frame.

import { paintAttrs } from '../color.ts';
import type { Design } from '../design.ts';
import { escapeXml } from './escape.ts';
import { PathWriter, num } from './path.ts';

/** Frame geometry in modules: border around the quiet zone and the caption band below. */
const FRAME_BORDER = 1;
const CAPTION_BAND = 5;

/** Canvas size (modules), where the symbol starts, and the background/frame markup. */
export function backdrop(design: Design, size: number): { width: number; height: number; offset: number; markup: string } {
  const inner = size + 2 * design.margin;
  const transparent = design.background === 'transparent';
  const frame = design.frame;
  if (!frame) {
    const markup = transparent ? '' : `<rect width="${inner}" height="${inner}" ${paintAttrs('fill', design.background)}/>`;
    return { width: inner, height: inner, offset: design.margin, markup };
  }
  // An empty caption is a border alone. Besides framing the code, the ring keeps jsQR's local
  // threshold below a blank margin's sensor noise, which otherwise binarises into speckle that
  // outscores the real finders (docs/qr-design-robustness.md, *A border*).
  const band = frame.text === '' ? FRAME_BORDER : CAPTION_BAND;
  const width = inner + 2 * FRAME_BORDER;
  const height = inner + FRAME_BORDER + band;
  // A ring around the quiet zone rather than a filled card, so with a transparent
  // background the frame colour never ends up behind the code.
  const f = new PathWriter();
  f.M(1.5, 0)
    .h(width - 3)
    .a(1.5, 0, 1, 1.5, 1.5)
    .v(height - 3)
    .a(1.5, 0, 1, -1.5, 1.5)
    .h(-(width - 3))
    .a(1.5, 0, 1, -1.5, -1.5)
    .v(-(height - 3))
    .a(1.5, 0, 1, 1.5, -1.5)
    .z();
  f.M(FRAME_BORDER, FRAME_BORDER).v(inner).h(inner).v(-inner).z();
  let markup = `<path ${paintAttrs('fill', frame.color)} d="${f.d}"/>`;
  if (!transparent) markup += `<rect x="${FRAME_BORDER}" y="${FRAME_BORDER}" width="${inner}" height="${inner}" ${paintAttrs('fill', design.background)}/>`;
  if (frame.text !== '') {
    // Shrink long captions to fit.
    const fontSize = Math.min(2.6, (width - 2) / Math.max(1, captionEms(frame.text)));
    const baseline = FRAME_BORDER + inner + band / 2 + fontSize * 0.36;
    markup += `<text x="${num(width / 2)}" y="${num(baseline)}" text-anchor="middle" font-family="Helvetica, Arial, 'DejaVu Sans', sans-serif" font-weight="700" font-size="${num(fontSize)}" ${paintAttrs('fill', frame.text_color)}>${escapeXml(frame.text)}</text>`;
  }
  return { width, height, offset: design.margin + FRAME_BORDER, markup };
}

// Ideographs, kana, Hangul, full-width forms and whatever lies beyond the Basic Multilingual Plane
// (the emoji of captions stored before they were refused) take a whole em; combining marks and the
// joiners inside a character take none.
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6\u{10000}-\u{10ffff}]/u;
const ZERO_WIDTH = /[\p{M}\u200b-\u200f]/u;

/**
 * The caption's width in ems, by code point (not UTF-16 unit): 0.62 em is a generous average for
 * bold sans letters. Counting UTF-16 units with one width for all let 32 full-width letters run
 * past both sides of the band.
 */
export function captionEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += ZERO_WIDTH.test(ch) ? 0 : WIDE.test(ch) ? 1 : 0.62;
  return ems;
}
