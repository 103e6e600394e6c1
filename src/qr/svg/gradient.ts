// Gradient paint servers, laid out in the symbol's own coordinates (userSpaceOnUse) so the
// modules and the eyes share one continuous ramp.

import { paintAttrs } from '../color.ts';
import type { Gradient } from '../design.ts';
import { num } from './path.ts';
import { escapeXml } from './escape.ts';

/** A <linearGradient>/<radialGradient> element spanning a size × size symbol. */
export function gradientElement(id: string, g: Gradient, size: number): string {
  const stops = g.stops.map((s) => `<stop offset="${num(s.offset)}" ${paintAttrs('stop-color', s.color)}/>`).join('');
  const c = size / 2;
  const safeId = escapeXml(id);
  if (g.type === 'radial') {
    // Reach the corners so the last stop lands where the code ends.
    return `<radialGradient id="${safeId}" gradientUnits="userSpaceOnUse" cx="${num(c)}" cy="${num(c)}" r="${num(c * Math.SQRT2)}">${stops}</radialGradient>`;
  }
  const rad = (g.rotation * Math.PI) / 180;
  const cos = Math.cos(rad),
    sin = Math.sin(rad);
  // Half the square's extent along the gradient direction: the ramp runs corner to corner.
  const half = (Math.abs(cos) + Math.abs(sin)) * c;
  return `<linearGradient id="${safeId}" gradientUnits="userSpaceOnUse" x1="${num(c - cos * half)}" y1="${num(c - sin * half)}" x2="${num(c + cos * half)}" y2="${num(c + sin * half)}">${stops}</linearGradient>`;
}
