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
    expect(await runCli(['qr', 'hello'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/[▀▄█]/);
  });

  it('refuses unknown design values with the allowed list (exit 1) and bad arguments with usage (exit 2)', async () => {
    const bad = capture();
    expect(await runCli(['qr', 'x', '--shapes', 'blob'], bad.io)).toBe(1);
    expect(bad.err.join()).toMatch(/shapes must be one of: square, dots/);
    const usage = capture();
    expect(await runCli(['qr'], usage.io)).toBe(2);
    expect(await runCli(['qr', 'x', '-o', path.join(dir, 'x.gif')], usage.io)).toBe(2);
    expect(usage.err.join()).toMatch(/\.svg or \.png/);
  });
});
