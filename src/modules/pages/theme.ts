// Turns an owner's theme into colours that stay readable: WCAG 2 contrast ratios decide, and a
// pair below 4.5:1 falls back to the defaults rather than publishing an unreadable page.
import type { PageColours } from '../../http/page/styles.ts';
import { DEFAULT_THEME, type Theme } from './page-config.ts';

/** Minimum contrast for body text (WCAG 2.x AA). */
export const MIN_CONTRAST = 4.5;

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

// The surfaces links sit on in Tessera's own palette (page.css): the card in light and dark mode.
const LIGHT_SURFACE = '#ffffff';
const DARK_SURFACE = '#18181b';

/** Whether text on `background` should be light (the background is dark). */
export function isDark(background: string): boolean {
  return contrastRatio('#ffffff', background) > contrastRatio('#000000', background);
}

function isDefaultSurface(theme: Theme): boolean {
  return theme.background_color === DEFAULT_THEME.background_color && theme.text_color === DEFAULT_THEME.text_color;
}

function mix(hex: string, toward: string, share: number): string {
  const channelAt = (c: string, i: number) => parseInt(c.slice(1 + i * 2, 3 + i * 2), 16);
  return `#${[0, 1, 2]
    .map((i) =>
      Math.round(channelAt(hex, i) * (1 - share) + channelAt(toward, i) * share)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `colour`, lightened or darkened just enough to read on `surface` (links in the accent's hue). */
export function readableOn(colour: string, surface: string): string {
  const toward = isDark(surface) ? '#ffffff' : '#000000';
  for (let share = 0; share <= 1; share += 0.05) {
    const candidate = mix(colour, toward, share);
    if (contrastRatio(candidate, surface) >= MIN_CONTRAST) return candidate;
  }
  return toward;
}

/**
 * Colours for rendering `theme`, each pair at least MIN_CONTRAST apart. A page left on the default
 * white and near-black wears Tessera's palette (light or dark with the visitor's system) with the
 * owner's accent; a page with its own colours keeps them in both modes.
 */
export function resolveTheme(theme: Theme): PageColours {
  let accent = theme.accent_color;
  let accentText = bestTextOn(accent);
  if (contrastRatio(accent, accentText) < MIN_CONTRAST) {
    accent = DEFAULT_THEME.accent_color;
    accentText = bestTextOn(accent);
  }
  let background = theme.background_color;
  let text = theme.text_color;
  if (contrastRatio(background, text) < MIN_CONTRAST) {
    background = DEFAULT_THEME.background_color;
    text = DEFAULT_THEME.text_color;
  }
  if (isDefaultSurface({ ...theme, background_color: background, text_color: text })) {
    return { scheme: 'system', accent, accentText, link: readableOn(accent, LIGHT_SURFACE), linkOnDark: readableOn(accent, DARK_SURFACE) };
  }
  const link = contrastRatio(accent, background) >= MIN_CONTRAST ? accent : readableOn(accent, background);
  return { scheme: 'fixed', background, text, dark: isDark(background), accent, accentText, link };
}
