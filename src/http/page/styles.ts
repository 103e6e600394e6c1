// The stylesheet of public pages, in one place (page.css), inlined and allowed by its SHA-256
// hash; an owner's colours are a second, tiny stylesheet of custom properties, hashed per page.
// Colours reach CSS only as validated `#rrggbb` values.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pageAssets } from './assets.ts';

/** A stylesheet and the CSP source that allows exactly it. */
export interface Stylesheet {
  css: string;
  cspSource: string;
}

/**
 * Colours of a page. `system`: Tessera's neutral palette, light or dark with the visitor's
 * system, with the owner's accent. `fixed`: the owner's background and text in both modes.
 */
export type PageColours = {
  accent: string;
  /** Text on the accent (buttons). */
  accentText: string;
  /** Links on the light background. */
  link: string;
} & ({ scheme: 'system' /** Links on the dark background. */; linkOnDark: string } | { scheme: 'fixed'; background: string; text: string /** The background is dark. */; dark: boolean });

const HEX = /^#[0-9a-f]{6}$/i;
let base: Stylesheet | undefined;

function stylesheet(css: string): Stylesheet {
  return { css, cspSource: `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'` };
}

/** Tessera's stylesheet with the font faces, read and hashed once. */
export function baseStyle(): Stylesheet {
  base ??= stylesheet(pageAssets().fontFaceCss + '\n' + fs.readFileSync(new URL('./page.css', import.meta.url), 'utf8').trim());
  return base;
}

// The status colours must stay readable on an owner's background: light or dark sets.
const LIGHT_STATUS = '--danger:#b91c1c;--danger-soft:#fef2f2;--danger-line:#fecaca;--success:#15803d;--success-soft:#f0fdf4;--warn:#92400e;--warn-soft:#fffbeb;--warn-line:#fde68a';
const DARK_STATUS = '--danger:#fca5a5;--danger-soft:#2a0f0f;--danger-line:#7f1d1d;--success:#86efac;--success-soft:#052e16;--warn:#fcd34d;--warn-soft:#2a1f05;--warn-line:#78350f';

/** The custom properties of an owner's colours. */
export function colourStyle(colours: PageColours): Stylesheet {
  const values = Object.entries(colours).filter(([, v]) => typeof v === 'string' && v.startsWith('#'));
  for (const [name, value] of values) if (!HEX.test(value as string)) throw new Error(`page colour ${name} is not #rrggbb`);
  const accent = `--accent:${colours.accent};--accent-fg:${colours.accentText};--link:${colours.link}`;
  if (colours.scheme === 'system') return stylesheet(`:root{${accent}}\n@media (prefers-color-scheme:dark){:root{--link:${colours.linkOnDark}}}`);
  const { background: bg, text } = colours;
  return stylesheet(
    `:root{color-scheme:${colours.dark ? 'dark' : 'light'};--bg:${bg};--surface:${bg};--fg:${text};--muted:${text};` +
      `--border:color-mix(in srgb,${text} 18%,${bg});--subtle:color-mix(in srgb,${text} 6%,${bg});--field:${bg};--field-line:color-mix(in srgb,${text} 65%,${bg});` +
      `--accent-soft:color-mix(in srgb,${colours.accent} 14%,${bg});--accent-ink:${text};--shadow:none;${accent};${colours.dark ? DARK_STATUS : LIGHT_STATUS}}`,
  );
}
