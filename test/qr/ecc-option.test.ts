// The `ecc` render option: a payment specification's level wins over the H a logo implies, and the
// logo budget is still checked at that level (an oversized logo at M is refused, not drawn).
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/qr/index.ts';
import { decodeSvg } from '../helpers/decode-qr.ts';

const CROSS = 'data:image/svg+xml;base64,' + Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>').toString('base64');
const TEXT = 'SPC\n0200\n1\nCH4431999123000889012\nS\nRobert Schneider AG\nRue du Lac\n1268\n2501\nBiel\nCH'.padEnd(300, 'x');

describe('renderSvg ecc option', () => {
  it('keeps M with a logo present, and the code decodes', async () => {
    const withLogo = renderSvg(TEXT, { logo: { src: CROSS, size: 7 / 46 } });
    expect(withLogo.ecc).toBe('H');
    const kept = renderSvg(TEXT, { logo: { src: CROSS, size: 7 / 46 } }, { ecc: 'M' });
    expect(kept.ecc).toBe('M');
    expect(kept.design.ecc).toBe('M');
    expect(kept.version).toBeLessThan(withLogo.version);
    const decoded = await decodeSvg(kept.svg, 600);
    expect(decoded.zxing).toBe(TEXT);
  });

  it('still lints the logo at the forced level', () => {
    expect(() => renderSvg('short', { logo: { src: CROSS, size: 0.3 } }, { ecc: 'L' })).toThrow(/logo/);
  });
});
