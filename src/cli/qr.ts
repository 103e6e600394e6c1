// `tessera qr "TEXT"`: render a code from the terminal — printed as blocks, or written to an
// SVG/PNG file. No database and no server needed.
import fs from 'node:fs';
import path from 'node:path';
import { applyPreset, parseDesign, QrDesignError, QrError, renderSvg, renderTerminal } from '../qr/index.ts';
import { PNG_SIZES, renderPng } from '../modules/render/index.ts';
import { type Command, intOption, UsageError } from './command.ts';

const DESIGN_OPTIONS = ['preset', 'shapes', 'eyes', 'color', 'ecc'] as const;

// A design refusal is about one of our options: say it with the option's spelling.
function designUsageError(error: QrDesignError): UsageError {
  const [first] = error.details;
  const named = first && (DESIGN_OPTIONS as readonly string[]).includes(first.field) && first.message.startsWith(first.field);
  return new UsageError(named ? `--${first.message}` : error.message);
}

// fs errors say ENOENT; a person needs the path and what is wrong with it.
function writeProblem(file: string, error: NodeJS.ErrnoException): string {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const why: Record<string, string> = {
    ENOENT: `the directory ${dir} does not exist`,
    ENOTDIR: `a parent of it is a file, not a directory`,
    EISDIR: 'it is a directory',
    EACCES: `permission denied (check the permissions of ${dir})`,
    EPERM: `permission denied (check the permissions of ${dir})`,
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exhausted',
  };
  return `cannot write ${target}: ${(error.code && why[error.code]) || error.message}`;
}

/** `tessera qr`. */
export const qrCommand: Command = {
  name: 'qr',
  summary: 'Render a QR code to the terminal or to an SVG/PNG file',
  usage: [
    'tessera qr TEXT [-o out.svg|out.png] [--preset NAME] [--shapes S] [--eyes E] [--color #RRGGBB] [--ecc L|M|Q|H] [--size PX]',
    '',
    '  -o, --output   write an .svg or .png file instead of printing plain blocks to the terminal',
    '                 (the design options below, but --ecc, apply only to a file)',
    '  --preset       start from a named design preset',
    '  --shapes       data module shape (square, dots, rounded, liquid, …)',
    '  --eyes         finder shape (square, rounded, extra-rounded, circle, leaf)',
    '  --color        module colour',
    '  --ecc          error correction level (default M)',
    `  --size         PNG width in pixels (${PNG_SIZES.standard.min}–${PNG_SIZES.standard.max}, default ${PNG_SIZES.standard.default})`,
  ].join('\n'),
  options: {
    output: { type: 'string', short: 'o' },
    preset: { type: 'string' },
    shapes: { type: 'string' },
    eyes: { type: 'string' },
    color: { type: 'string' },
    ecc: { type: 'string' },
    size: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one TEXT argument (quote it if it has spaces)');
    if (positionals[0] === '') throw new UsageError('TEXT must not be empty: give what the code should encode');
    const text = positionals[0]!;
    const overrides: Record<string, unknown> = {};
    for (const key of ['shapes', 'eyes', 'color', 'ecc'] as const) if (typeof values[key] === 'string') overrides[key] = values[key];
    const size = intOption(values, 'size', PNG_SIZES.standard);
    try {
      const design = typeof values.preset === 'string' ? applyPreset(values.preset, overrides) : parseDesign(overrides);
      for (const warning of design.warnings) io.err(`warning: ${warning.message}`);
      const output = values.output as string | undefined;
      if (!output) {
        // The terminal prints plain blocks: a design asked for there would be dropped without a word.
        const fileOnly = ['preset', 'shapes', 'eyes', 'color', 'size'].filter((key) => values[key] !== undefined);
        if (fileOnly.length > 0) {
          throw new UsageError(
            `${fileOnly.map((key) => `--${key}`).join(', ')} ${fileOnly.length === 1 ? 'applies' : 'apply'} only to a file written with -o out.svg or -o out.png; the terminal prints plain black-and-white blocks`,
          );
        }
        io.out(renderTerminal(text, { ecc: design.design.ecc }));
        return 0;
      }
      const extension = path.extname(output).toLowerCase();
      if (extension !== '.svg' && extension !== '.png') throw new UsageError(`--output must end in .svg or .png; got '${output}'`);
      // An SVG has no pixels to count: a size asked for would be dropped without a word.
      if (extension === '.svg' && values.size !== undefined) throw new UsageError('--size sets the width of a PNG; an SVG scales to whatever box shows it (leave --size out, or write a .png)');
      const result = renderSvg(text, design.design);
      const bytes = extension === '.svg' ? result.svg : await renderPng(result.svg, size);
      try {
        fs.writeFileSync(output, bytes);
      } catch (error) {
        io.err(`error: ${writeProblem(output, error as NodeJS.ErrnoException)}`);
        return 1;
      }
      io.out(`wrote ${output} (version ${result.version}, ECC ${result.ecc})`);
      return 0;
    } catch (error) {
      if (error instanceof QrDesignError) throw designUsageError(error);
      if (error instanceof QrError) {
        io.err(`error: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
