// `tessera qr "TEXT"`: render a code from the terminal — printed as blocks, or written to an
// SVG/PNG file. No database and no server needed.
import fs from 'node:fs';
import path from 'node:path';
import { applyPreset, parseDesign, QrError, renderSvg, renderTerminal } from '../qr/index.ts';
import { PNG_SIZE, renderPng } from '../modules/render/png.ts';
import { type Command, UsageError } from './command.ts';

/** `tessera qr`. */
export const qrCommand: Command = {
  name: 'qr',
  summary: 'Render a QR code to the terminal or to an SVG/PNG file',
  usage: [
    'tessera qr TEXT [-o out.svg|out.png] [--preset NAME] [--shapes S] [--eyes E] [--color #RRGGBB] [--ecc L|M|Q|H] [--size PX]',
    '',
    '  -o, --output   write an .svg or .png file instead of printing to the terminal',
    '  --preset       start from a named design preset',
    '  --shapes       data module shape (square, dots, rounded, liquid, …)',
    '  --eyes         finder shape (square, rounded, extra-rounded, circle, leaf)',
    '  --color        module colour',
    '  --ecc          error correction level (default M)',
    `  --size         PNG width in pixels (${PNG_SIZE.min}–${PNG_SIZE.max}, default ${PNG_SIZE.default})`,
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
    if (positionals.length !== 1 || positionals[0] === '') throw new UsageError('expected exactly one TEXT argument (quote it if it has spaces)');
    const text = positionals[0]!;
    const overrides: Record<string, unknown> = {};
    for (const key of ['shapes', 'eyes', 'color', 'ecc'] as const) if (typeof values[key] === 'string') overrides[key] = values[key];
    const size = values.size === undefined ? PNG_SIZE.default : Number(values.size);
    try {
      const design = typeof values.preset === 'string' ? applyPreset(values.preset, overrides) : parseDesign(overrides);
      for (const warning of design.warnings) io.err(`warning: ${warning.message}`);
      const output = values.output as string | undefined;
      if (!output) {
        io.out(renderTerminal(text, { ecc: design.design.ecc }));
        return 0;
      }
      const extension = path.extname(output).toLowerCase();
      if (extension !== '.svg' && extension !== '.png') throw new UsageError(`--output must end in .svg or .png; got '${output}'`);
      const result = renderSvg(text, design.design);
      fs.writeFileSync(output, extension === '.svg' ? result.svg : await renderPng(result.svg, size));
      io.out(`wrote ${output} (version ${result.version}, ECC ${result.ecc})`);
      return 0;
    } catch (error) {
      if (error instanceof QrError) {
        io.err(`error: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
