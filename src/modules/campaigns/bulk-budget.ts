// What one bulk request may copy. Every code of a batch stores its own copy of the design and
// answers it in its own element of the response (the documented Campaign shape), and with
// inline_svg also its own SVG, which carries the logo again: a design that is fine once becomes
// 1,000 copies. Checked before anything is written, so a refusal leaves nothing behind
// (docs/adr/0037-bulk-copy-budget.md).
import { AppError } from '../../errors.ts';
import { drawCode } from '../render/index.ts';
import type { DesignConfig } from '../templates/index.ts';
import { standInShortLink } from './campaign-code.ts';
import type { QrType } from './campaign.ts';

/** Most bytes of designs and inline SVGs one bulk request may copy: codes × (design + SVG). */
export const BULK_COPY_BUDGET = 48 * 1024 * 1024;

/** What the codes of one bulk request would copy. */
export interface BulkCopies {
  count: number;
  /** Bytes of one code's design, as JSON. */
  designBytes: number;
  /** Bytes of one code's inline SVG as a JSON string (0 without inline_svg). */
  svgBytes: number;
  /** Characters of the design's logo.src (0 without a logo). */
  logoChars: number;
  /** Where the logo's data URI is in the design: `logo` itself (a string) or `logo.src`. */
  logoField: 'logo' | 'logo.src';
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

function logoSource(design: DesignConfig): string {
  const logo = design.logo;
  if (typeof logo === 'string') return logo;
  const src = logo !== null && typeof logo === 'object' ? (logo as { src?: unknown }).src : undefined;
  return typeof src === 'string' ? src : '';
}

/**
 * Measures what a batch would copy. The SVG is the one of its longest text (every dynamic code
 * encodes a short link of one length; a static batch's longest URL makes its largest symbol):
 * one code drawn before anything is written, where 1,000 were drawn after.
 */
export function measureBulk(input: { qrType: QrType; destinations: string[]; design: DesignConfig; inline: boolean; publicUrl: string }): BulkCopies {
  const { qrType, destinations, design, publicUrl } = input;
  // A morphing code's image is only served signed and live: it is never inlined.
  const inline = input.inline && qrType !== 'morphing';
  let svgBytes = 0;
  if (inline) {
    const text = qrType === 'static' ? destinations.reduce((a, b) => (b.length > a.length ? b : a)) : standInShortLink(publicUrl);
    svgBytes = jsonBytes(drawCode(text, design, {}, { kind: 'design' }).svg);
  }
  const logoField = typeof design.logo === 'string' ? 'logo' : 'logo.src';
  return { count: destinations.length, designBytes: jsonBytes(design), svgBytes, logoChars: logoSource(design).length, logoField };
}

const count = (n: number) => n.toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** Throws a 400 naming the logo (or the design) when the batch would copy more than BULK_COPY_BUDGET; says what fits instead. */
export function assertBulkBudget(copies: BulkCopies, fromTemplate: boolean): void {
  const perCode = copies.designBytes + copies.svgBytes;
  const total = copies.count * perCode;
  if (total <= BULK_COPY_BUDGET) return;
  const maxCodes = Math.floor(BULK_COPY_BUDGET / perCode);
  // The SVG draws the logo from the same data URI: with inline_svg each code carries it twice.
  const logoCopies = copies.svgBytes > 0 ? 2 : 1;
  const rest = perCode - logoCopies * copies.logoChars;
  const maxLogo = copies.logoChars > 0 ? Math.floor((Math.floor(BULK_COPY_BUDGET / copies.count) - rest) / logoCopies) : 0;
  const n = count(copies.count);
  // A data URI is base64: the file it holds is three quarters of its characters.
  const logo = `a logo of at most ${count(maxLogo)} characters as a data URI (a file of about ${kb((maxLogo * 3) / 4)}; this one has ${count(copies.logoChars)})`;
  const fixes = [
    maxLogo > 0 ? `${fromTemplate ? `use a template with ${logo}` : `use ${logo}`} for ${n} codes` : null,
    `send at most ${count(maxCodes)} ${maxCodes === 1 ? 'code' : 'codes'} per request`,
    copies.svgBytes > 0 && copies.count * copies.designBytes <= BULK_COPY_BUDGET ? "leave out inline_svg and fetch each code's svg_url" : null,
  ].filter((fix) => fix !== null);
  const advice = fixes.join(', or ');
  const what = copies.svgBytes > 0 ? 'the design and its inline SVG' : 'the design';
  const field = fromTemplate ? 'body/template_id' : copies.logoChars > 0 ? `body/design_config/${copies.logoField}` : 'body/design_config';
  throw new AppError(
    'validation_failed',
    `${n} codes would each carry their own copy of ${what} (${count(perCode)} bytes a code, ${mib(total)} in all); one bulk request may hold at most ${mib(BULK_COPY_BUDGET)}, so nothing was created. ${advice.charAt(0).toUpperCase()}${advice.slice(1)}.`,
    { errors: [{ field, message: `is copied into each of the ${n} codes, ${mib(total)} in all (at most ${mib(BULK_COPY_BUDGET)}): ${advice}` }] },
  );
}
