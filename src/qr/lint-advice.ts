// How the lint names a colour and what it tells a person to change: shared by the contrast
// rules (lint.ts) and the web-scanner rules (lint-web-scanner.ts).
import type { Rgba } from './color.ts';

// Field paths name the colour for the API; the message names it for the person choosing it, in
// the designer's words: a gradient's first and last colours are its start and end colours
// (`stops`: how many the gradient has).
export function colourName(field: string, stops = 0): string {
  const stop = /^gradient\.stops\[(\d+)\]\.color$/.exec(field);
  if (stop) {
    const i = Number(stop[1]);
    return i === 0 ? 'the start colour' : i === stops - 1 ? 'the end colour' : `gradient colour ${i + 1}`;
  }
  return { color: 'the code colour', eye_color: 'the eye colour', gradient: 'the gradient between its colours' }[field] ?? field;
}

export const hex = (c: Rgba): string => `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

// Brightness (BT.601 luma, 0–255) beyond which a colour has no room left to move that way.
const NEAR_BLACK = 40;
const NEAR_WHITE = 215;
const luma = (c: Rgba): number => 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;

/**
 * What would widen the gap, given which side is lighter: a darker code or a lighter background
 * (or, inverted, the reverse), leaving out the side that is already as far as it goes, so a
 * black code on a grey background is told about the background, not to darken black.
 */
export function contrastFix(fg: Rgba, bg: Rgba, inverted: boolean, field: string, stops = 0): { advice: string; field: 'colour' | 'background' | 'both' } {
  const codeCanMove = inverted ? luma(fg) < NEAR_WHITE : luma(fg) > NEAR_BLACK;
  const backgroundCanMove = inverted ? luma(bg) > NEAR_BLACK : luma(bg) < NEAR_WHITE;
  const code = `${inverted ? 'a lighter' : 'a darker'} ${colourName(field, stops).replace(/^the /, '').replace('gradient between its colours', 'gradient')}`;
  const background = inverted ? 'a darker background' : 'a lighter background';
  if (codeCanMove && !backgroundCanMove) return { advice: `use ${code}`, field: 'colour' };
  if (backgroundCanMove && !codeCanMove) return { advice: `use ${background}`, field: 'background' };
  return { advice: `use ${code} or ${background}`, field: 'both' };
}
