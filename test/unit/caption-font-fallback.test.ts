// The bundled caption font is registered with a one-off libvips text image when the rasteriser
// loads. Where that fails (a libvips built without text), captions fall back to the host's fonts
// and every PNG still renders: the failure was cached with sharp itself and failed every PNG.
import { describe, expect, it, vi } from 'vitest';

vi.mock('sharp', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: (...args: unknown[]) => unknown }).default;
  const fake = (input: unknown, options?: unknown) => {
    if (typeof input === 'object' && input !== null && 'text' in input) {
      return { png: () => ({ toBuffer: () => Promise.reject(new Error('VipsForeignLoad: text is not supported')) }) };
    }
    return real(input, options);
  };
  return { default: fake };
});

describe('caption font fallback', () => {
  it('renders PNGs, with and without a caption, when the font cannot be registered, and warns once', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const { renderSvg } = await import('../../src/qr/index.ts');
      const { renderPng } = await import('../../src/modules/render/index.ts');
      for (const design of [{}, { frame: { text: 'SCAN ME' } }, {}]) {
        const png = await renderPng(renderSvg('https://tessera.example/r/8fK2xQ9', design).svg, 200);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.includes('caption font'))).toHaveLength(1);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
