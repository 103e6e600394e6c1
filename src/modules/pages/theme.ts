// Turns an owner's theme into colours that stay readable: WCAG 2 contrast ratios decide, and a
// pair below 4.5:1 falls back to the defaults rather than publishing an unreadable page.
import { DEFAULT_THEME, type Theme } from './page-config.ts';

/** Minimum contrast for body text (WCAG 2.x AA). */
export const MIN_CONTRAST = 4.5;

/** The colours a rendered page uses. */
export interface ResolvedTheme {
  background: string;
  text: string;
  /** Button background and the colour of its text. */
  accent: string;
  accentText: string;
  /** Link colour on the page background. */
  link: string;
}

function channel(hex: string, offset: number): number {
  const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG contrast ratio between two `#rrggbb` colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function bestTextOn(background: string): string {
  return contrastRatio('#ffffff', background) >= contrastRatio('#000000', background) ? '#ffffff' : '#000000';
}

/** Colours for rendering `theme`, each pair at least MIN_CONTRAST apart. */
export function resolveTheme(theme: Theme): ResolvedTheme {
  let background = theme.background_color;
  let text = theme.text_color;
  if (contrastRatio(background, text) < MIN_CONTRAST) {
    background = DEFAULT_THEME.background_color;
    text = DEFAULT_THEME.text_color;
  }
  let accent = theme.accent_color;
  let accentText = bestTextOn(accent);
  if (contrastRatio(accent, accentText) < MIN_CONTRAST) {
    accent = DEFAULT_THEME.accent_color;
    accentText = bestTextOn(accent);
  }
  const link = contrastRatio(accent, background) >= MIN_CONTRAST ? accent : text;
  return { background, text, accent, accentText, link };
}
