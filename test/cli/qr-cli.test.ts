import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { decodeSvg, zxingDecode } from '../helpers/decode-qr.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('tessera qr', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-qr-cli-'));
  const text = 'https://tessera.example/ticket/42?name=Zoë 東京 🎟';

  it('writes an SVG that decodes to the text', async () => {
    const file = path.join(dir, 'code.svg');
    const c = capture();
    expect(await runCli(['qr', text, '-o', file, '--shapes', 'liquid', '--eyes', 'circle', '--color', '#d946ef'], c.io)).toBe(0);
    expect((await decodeSvg(fs.readFileSync(file, 'utf8'))).zxing).toBe(text);
  });

  it('writes a PNG of the requested size that decodes to the text', async () => {
    const file = path.join(dir, 'code.png');
    expect(await runCli(['qr', text, '-o', file, '--preset', 'ocean', '--size', '300'], capture().io)).toBe(0);
    const { data, info } = await sharp(file).flatten({ background: '#fff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(300);
    expect(await zxingDecode({ data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height })).toEqual([text]);
  });

  it('prints the code to the terminal without -o', async () => {
    const c = capture();
    expect(await runCli(['qr', 'hello', '--ecc', 'H'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/[▀▄█]/);
  });

  it('a design asked for in the terminal is a usage error, not dropped without a word (a white colour passed before)', async () => {
    for (const args of [
      ['--color', '#ffffff'],
      ['--preset', 'ocean', '--size', '300'],
      ['--shapes', 'dots', '--eyes', 'circle'],
    ]) {
      const c = capture();
      expect(await runCli(['qr', 'hello', ...args], c.io), args.join(' ')).toBe(2);
      expect(c.err.join('\n')).toMatch(args.length === 2 ? /--color applies only to a file written with -o/ : /apply only to a file written with -o/);
      expect(c.out).toEqual([]);
    }
    const empty = capture();
    expect(await runCli(['qr', ''], empty.io)).toBe(2);
    expect(empty.err.join('\n')).toMatch(/TEXT must not be empty/);
  });

  it('bad option values exit 2 with usage, quoting the value as given', async () => {
    for (const [args, message] of [
      [['--shapes', 'blob'], /--shapes must be one of: square, dots.*got 'blob'/],
      [['--ecc', 'Z'], /--ecc must be one of: L, M, Q, H; got 'Z'/],
      [['--color', 'x'], /--color must be a colour .*got 'x'/],
      [['--preset', 'nope'], /--preset must be one of: classic/],
      [['--size', 'abc', '-o', path.join(dir, 'a.png')], /--size must be an integer from 64 to 4096; got 'abc'/],
      [['--size', '12.5', '-o', path.join(dir, 'a.png')], /got '12\.5'/],
      [['--size', '9999', '-o', path.join(dir, 'a.png')], /got '9999'/],
      [['--color', '#eeeeee', '-o', path.join(dir, 'a.svg')], /contrast/],
      [['-o', path.join(dir, 'x.gif')], /\.svg or \.png/],
      // An SVG scales to its box: a size for it would be dropped without a word.
      [['--size', '300', '-o', path.join(dir, 'a.svg')], /--size sets the width of a PNG/],
    ] as const) {
      const c = capture();
      expect(await runCli(['qr', 'x', ...args], c.io), args.join(' ')).toBe(2);
      expect(c.err.join('\n')).toMatch(message);
      expect(c.err.join('\n')).not.toMatch(/NaN/);
      expect(c.err.join('\n')).toMatch(/tessera qr TEXT/);
    }
    expect(fs.existsSync(path.join(dir, 'a.png'))).toBe(false);
    const usage = capture();
    expect(await runCli(['qr'], usage.io)).toBe(2);
  });

  it('content that does not fit exits 1 with the reason', async () => {
    const c = capture();
    expect(await runCli(['qr', 'a'.repeat(5000)], c.io)).toBe(1);
    expect(c.err.join()).toMatch(/5,000 bytes/);
  });

  it('an output path that cannot be written names the path and why (exit 1), never a raw ENOENT', async () => {
    const missing = path.join(dir, 'no-such-dir', 'code.svg');
    const file = path.join(dir, 'plain-file');
    fs.writeFileSync(file, '');
    const directory = path.join(dir, 'folder.svg');
    fs.mkdirSync(directory);
    for (const [output, why] of [
      [missing, `the directory ${path.dirname(missing)} does not exist`],
      [path.join(file, 'code.png'), 'a parent of it is a file, not a directory'],
      [directory, 'it is a directory'],
    ]) {
      const c = capture();
      expect(await runCli(['qr', 'hello', '-o', output!], c.io)).toBe(1);
      expect(c.err.join()).toBe(`error: cannot write ${output}: ${why}`);
    }
  });
});
