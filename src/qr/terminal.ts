// Terminal rendering for the CLI: two module rows per text line using half blocks.

import type { Ecc } from './capacity.ts';
import { encodeQr } from './encoder.ts';

/** Options for {@link renderTerminal}. */
export interface TerminalOptions {
  ecc?: Ecc;
  /** Quiet zone in modules; default 2 (terminals are small; most scanners cope). */
  margin?: number;
  /** Explicit black-on-white ANSI colours (default true): scans the same on dark and light themes. */
  ansi?: boolean;
  /** Without ANSI: draw dark modules as blocks (for light-background terminals). Default false draws light modules as blocks, matching light-on-dark terminals. */
  invert?: boolean;
}

// Half-block glyphs indexed by (top filled) | (bottom filled) << 1.
const GLYPHS = [' ', '▀', '▄', '█'];
const ESC = '\u001b[';

/** Renders text as a QR code for a terminal. */
export function renderTerminal(text: string, options: TerminalOptions = {}): string {
  const qr = encodeQr(text, { ecc: options.ecc ?? 'M' });
  const margin = options.margin ?? 2;
  const n = qr.size + 2 * margin;
  const dark = (x: number, y: number): boolean => {
    const mx = x - margin,
      my = y - margin;
    return mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.modules[my * qr.size + mx] === 1;
  };
  const lines: string[] = [];
  for (let y = 0; y < n; y += 2) {
    let line = '';
    if (options.ansi ?? true) {
      // Upper half block: foreground paints the top module, background the bottom one.
      let last = '';
      for (let x = 0; x < n; x++) {
        const top = dark(x, y),
          bottom = y + 1 < n ? dark(x, y + 1) : false;
        const code = `${ESC}${top ? 30 : 97};${bottom ? 40 : 107}m`;
        if (code !== last) line += code;
        last = code;
        line += '▀';
      }
      line += `${ESC}0m`;
    } else {
      const filled = (x: number, yy: number): number => (yy < n && dark(x, yy) === Boolean(options.invert) ? 1 : 0);
      for (let x = 0; x < n; x++) line += GLYPHS[filled(x, y) | (filled(x, y + 1) << 1)];
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
