import { describe, it, expect } from 'vitest';
import { DEFAULT_DESIGN, DENSE_FROM_VERSION, PRESET_NAMES, QrDesignError, SHAPES, applyPreset, lintDesign, maxLogoSize, parseDesign, renderSvg } from '../../src/qr/index.ts';

function designError(fn: () => unknown): QrDesignError {
  try {
    fn();
  } catch (e) {
    if (e instanceof QrDesignError) return e;
    throw e;
  }
  throw new Error('expected a QrDesignError');
}

const PNG_DOT = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('parseDesign', () => {
  it('accepts an empty design_config as all defaults', () => {
    expect(parseDesign({})).toEqual({ design: DEFAULT_DESIGN, warnings: [] });
    expect(parseDesign(undefined).design).toEqual(DEFAULT_DESIGN);
  });

  it('takes the seed keys in snake_case and normalises colours', () => {
    const { design } = parseDesign({ shapes: 'liquid', eyes: 'circle', eye_pupils: 'diamond', color: '#D946EF', eye_color: '#000', background: 'transparent' });
    expect(design).toMatchObject({ shapes: 'liquid', eyes: 'circle', eye_pupils: 'diamond', color: '#d946ef', eye_color: '#000000', background: 'transparent' });
  });

  it('refuses unknown shapes listing what is allowed', () => {
    const err = designError(() => parseDesign({ shapes: 'blob' }));
    expect(err.code).toBe('design_invalid');
    expect(err.message).toBe(`shapes must be one of: ${SHAPES.join(', ')}; got 'blob'`);
    expect(err.details).toEqual([{ field: 'shapes', message: err.message }]);
  });

  it('says a value is missing rather than "got undefined"', () => {
    const err = designError(() => parseDesign({ gradient: { stops: [{ offset: 0 }, { color: '#000000', offset: 1 }] } }));
    const stop = err.details.find((d) => d.field.startsWith('gradient.stops'))!;
    expect(stop.message).toMatch(/must be a colour as #rgb, #rgba, #rrggbb or #rrggbbaa; it is missing$/);
    expect(err.message).not.toContain('undefined');
  });

  it('lists every problem at once', () => {
    const err = designError(() => parseDesign({ eyes: 'star', color: 'red', margin: 40, ecc: 'X', gradient: { stops: [] } }));
    expect(err.details.map((d) => d.field).sort()).toEqual(['color', 'ecc', 'eyes', 'gradient.stops', 'margin']);
    expect(err.message).toContain('5 problems');
    expect(err.details.find((d) => d.field === 'color')!.message).toContain('#rgb, #rgba, #rrggbb or #rrggbbaa');
  });

  it('validates logos: data URI types, size range and byte limit', () => {
    expect(designError(() => parseDesign({ logo: { src: 'https://evil.example/x.png' } })).details[0]!.message).toContain('image/png, image/jpeg, image/svg+xml');
    expect(designError(() => parseDesign({ logo: { src: 'data:text/html;base64,PHNjcmlwdD4=' } })).details[0]!.field).toBe('logo.src');
    expect(designError(() => parseDesign({ logo: { src: PNG_DOT, size: 0.5 } })).details[0]!.message).toContain('from 0.05 to 0.3');
    expect(designError(() => parseDesign({ logo: { src: `data:image/png;base64,${'A'.repeat(300_000)}` } })).details[0]!.message).toContain('at most 262,144');
    expect(designError(() => parseDesign({ logo: 'data:image/png;base64,R0lGODlhAQABAAAAACw=' })).details[0]!.message).toBe('logo.src must hold a base64 PNG image');
    const inlineSvg = `data:image/svg+xml;utf8,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>`;
    expect(parseDesign({ logo: inlineSvg }).design.logo!.src).toBe(inlineSvg);
    const { svg } = renderSvg('https://tessera.example/x', { logo: { src: inlineSvg, size: 0.15 } });
    expect(svg).toContain('<image xlink:href="data:image/svg+xml;utf8,&lt;svg xmlns=&quot;');
    expect(svg).not.toContain('onload="');
  });

  it('raises ECC to H for a logo and says so when the caller chose a level', () => {
    expect(parseDesign({ logo: PNG_DOT }).design.ecc).toBe('H');
    const { design, warnings } = parseDesign({ logo: { src: PNG_DOT }, ecc: 'L' });
    expect(design.ecc).toBe('H');
    expect(warnings.map((w) => w.code)).toEqual(['ecc_raised']);
  });

  it('draws a diamond pupil only in a round frame, and says so when it changes the eyes', () => {
    const { design, warnings } = parseDesign({ eyes: 'leaf', eye_pupils: 'diamond' });
    expect(design).toMatchObject({ eyes: 'extra-rounded', eye_pupils: 'diamond' });
    expect(warnings).toEqual([expect.objectContaining({ code: 'eyes_adjusted', field: 'eyes' })]);
    expect(parseDesign({ eye_pupils: 'diamond' }).design.eyes).toBe('extra-rounded');
    for (const eyes of ['extra-rounded', 'circle']) expect(parseDesign({ eyes, eye_pupils: 'diamond' })).toMatchObject({ design: { eyes }, warnings: [] });
  });

  it("paints a frame in the code's colour, or a gradient code's darkest stop, unless told", () => {
    const stops = [
      { offset: 0, color: '#0369a1' },
      { offset: 1, color: '#1e3a8a' },
    ];
    expect(parseDesign({ color: '#0f766e', frame: '' }).design.frame).toEqual({ text: '', color: '#0f766e', text_color: '#ffffff' });
    expect(parseDesign({ gradient: { stops }, frame: 'Menu' }).design.frame?.color).toBe('#1e3a8a');
    expect(parseDesign({ gradient: { stops: [...stops].reverse() }, frame: '' }).design.frame?.color).toBe('#1e3a8a');
    expect(parseDesign({ preset: 'ocean', frame: '' }).design.frame?.color).toBe('#1e3a8a');
    expect(parseDesign({ gradient: { stops }, color: '#111111', frame: '' }).design.frame?.color).toBe('#111111');
    expect(parseDesign({ gradient: { stops }, frame: { text: '', color: '#ff0000' } }).design.frame?.color).toBe('#ff0000');
  });

  it('warns about, but ignores, unknown keys', () => {
    const { warnings } = parseDesign({ shape: 'dots' });
    expect(warnings[0]).toMatchObject({ code: 'unknown_key', field: 'shape' });
  });

  it('has at least 8 presets, each linting clean, with overrides on top', () => {
    expect(PRESET_NAMES.length).toBeGreaterThanOrEqual(8);
    for (const name of PRESET_NAMES) {
      const { design, warnings } = applyPreset(name);
      expect(warnings).toEqual([]);
      expect(lintDesign(design)).toEqual({ errors: [], warnings: [] });
    }
    expect(applyPreset('ocean', { shapes: 'dots' }).design).toMatchObject({ shapes: 'dots', eyes: 'extra-rounded' });
    expect(parseDesign({ preset: 'liquid', color: '#000' }).design).toMatchObject({ shapes: 'liquid', color: '#000000' });
    expect(designError(() => applyPreset('nope')).message).toContain('preset must be one of: classic');
  });
});

describe('lintDesign', () => {
  const lint = (input: unknown, version?: number) => lintDesign(parseDesign(input).design, version === undefined ? {} : { version });

  it('refuses low luma contrast and warns on middling luma contrast, whatever WCAG says', () => {
    expect(lint({ color: '#dddddd' }).errors[0]!.message).toMatch(/the code colour \(#dddddd\) is only 34 of 255 steps of brightness away from the background; scanners need at least 90/);
    // A translucent colour is named as drawn, not as the colour it composites to.
    expect(lint({ color: '#00000000' }).errors[0]!.message).toMatch(/the code colour is fully transparent, so it is only 0 of 255 steps/);
    expect(lint({ color: '#00000040' }).errors[0]!.message).toMatch(/the code colour at 25 % opacity looks like #bfbfbf and is only 64 of 255 steps/);
    // Decoders threshold gamma-encoded luma: #ea580c passes WCAG (3.6:1) at luma Δ132 and reads
    // under noise σ30 in no zxing and 1 in 12 jsQR trials; #f472b6 sits just above refusal.
    expect(lint({ color: '#ea580c' }).warnings.map((w) => w.code)).toEqual(['low_contrast']);
    // Lighter than half the background: jsQR reads no sharp image of it (8 px a module and up).
    // Refused when new, warned about when stored.
    expect(lint({ color: '#f472b6' }).warnings.map((w) => w.code)).toEqual(['web_scanner_contrast']);
    expect(lintDesign(parseDesign({ color: '#f472b6' }).design, { strict: true }).errors).toEqual([
      {
        field: 'color',
        message: expect.stringMatching(
          /^web-based scanners \(jsQR\) cannot read this code in a sharp image .*: the code colour \(#f472b6\) has a brightness of 147 of 255 and must be below 127, half the background’s: use a darker code colour$/,
        ),
      },
    ]);
    // On a light background the limit is half of its brightness.
    expect(lint({ color: '#727272', background: '#e0e0e0' }).warnings.map((w) => w.code)).toEqual(['web_scanner_contrast']);
    expect(lint({ color: '#6c6c6c', background: '#e0e0e0' }).warnings.map((w) => w.code)).toEqual(['low_contrast']);
    // Inverted codes are not affected (jsQR keeps a flat dark background dark).
    expect(lint({ color: '#787878', background: '#000000' }).warnings.map((w) => w.code)).toEqual(['low_contrast', 'inverted']);
    expect(lint({ color: '#b0b0b0' }).errors[0]!.field).toBe('color');
    expect(lint({ color: '#1e3a8a' })).toEqual({ errors: [], warnings: [] });
    expect(lint({ color: '#000' })).toEqual({ errors: [], warnings: [] });
    // A light background lowers the gap as much as a light colour does.
    expect(lint({ color: '#1e3a8a', background: '#9ca3af' }).warnings.map((w) => w.code)).toEqual(['low_contrast']);
  });

  it('refuses eyes lighter than the modules past a quarter of the background (jsQR lost them), and eyes across the background from the modules (no decoder reads those)', () => {
    const strict = (input: unknown) => lintDesign(parseDesign(input).design, { strict: true });
    // #2563eb eyes with black modules: the audit's case, lost by jsQR at 800–1,400 px.
    expect(strict({ color: '#000000', eye_color: '#2563eb' }).errors).toEqual([
      {
        field: 'eye_color',
        message:
          'web-based scanners (jsQR) often cannot find the corner eyes of this code in a sharp image: the eye colour (#2563eb, brightness 96 of 255) is lighter than the modules, and eyes lighter than the modules must stay below 68: use a darker eye colour, or the code colour for the eyes',
      },
    ]);
    expect(lint({ color: '#000000', eye_color: '#666666' }).warnings.map((w) => [w.code, w.field])).toEqual([['web_scanner_contrast', 'eye_color']]);
    // Read in every sharp image tried; eyes darker than the modules are no harm at any shade.
    expect(strict({ color: '#000000', eye_color: '#444444' })).toEqual({ errors: [], warnings: [] });
    expect(strict({ color: '#555555', eye_color: '#000000' })).toEqual({ errors: [], warnings: [] });
    expect(strict({ color: '#000000', eye_color: '#1e3a8a' })).toEqual({ errors: [], warnings: [] });
    // Beside a gradient not applied to the eyes, they take the code colour: held to the same rule.
    expect(strict({ color: '#2563eb', gradient: { stops: [{ color: '#000000' }, { color: '#111111' }], apply_to_eyes: false } }).errors).toEqual([
      { field: 'color', message: expect.stringContaining('the code colour the eyes are drawn in (#2563eb, brightness 96 of 255) is lighter than the modules') },
    ]);
    // White eyes on grey with black modules: zxing, jsQR and ZBar read none of them.
    const apart = { color: '#000000', background: '#808080', eye_color: '#ffffff' };
    expect(strict(apart).errors.map((e) => [e.field, e.message])).toContainEqual([
      'eye_color',
      'the eye colour is lighter than the background and the code colour is not: scanners find a code by corner eyes on the same side of the background as its modules, so none reads it; make both darker (or both lighter) than the background',
    ]);
    expect(lint(apart).warnings.map((w) => [w.code, w.field])).toContainEqual(['mixed_polarity', 'eye_color']);
  });

  it('advises what can still move, on the side that can move it, for dark and inverted codes', () => {
    const first = (input: unknown) => {
      const r = lint(input);
      return r.errors[0] ?? r.warnings.find((w) => w.code === 'low_contrast')!;
    };
    // A light code on white: darken the code (the background is as light as it goes).
    expect(first({ color: '#b0b0b0' })).toMatchObject({ field: 'color', message: expect.stringMatching(/: use a darker code colour$/) });
    // Black on a grey (here: half-transparent black) background: black cannot get darker.
    expect(first({ color: '#000000', background: '#00000080' })).toMatchObject({ field: 'background', message: expect.stringMatching(/: use a lighter background$/) });
    // Inverted: a dark grey code on black needs a lighter code, not a darker one.
    expect(first({ color: '#303030', background: '#000000' })).toMatchObject({ field: 'color', message: expect.stringMatching(/: use a lighter code colour$/) });
    // White on a mid-grey background: only the background can move, darker.
    expect(first({ color: '#ffffff', background: '#808080' })).toMatchObject({ field: 'background', message: expect.stringMatching(/: use a darker background$/) });
    // Both still can: both are offered.
    expect(first({ color: '#1e3a8a', background: '#9ca3af' }).message).toMatch(/: use a darker code colour or a lighter background$/);
    // The colour at fault is the one named: the eye colour, a gradient's stop.
    expect(first({ color: '#000000', eye_color: '#b0b0b0' })).toMatchObject({ field: 'eye_color', message: expect.stringMatching(/: use a darker eye colour$/) });
    const stop = first({ gradient: { stops: [{ color: '#000000' }, { color: '#b0b0b0' }] } });
    // Named as the designer labels them (UX audit 8): start and end colour; a middle stop by its place.
    expect(stop).toMatchObject({ field: 'gradient.stops[1].color', message: expect.stringMatching(/scanners: the end colour \(#b0b0b0\).*: use a darker end colour$/) });
    expect(first({ gradient: { stops: [{ color: '#b0b0b0' }, { color: '#000000' }] } }).message).toMatch(/: use a darker start colour$/);
    expect(first({ gradient: { stops: [{ color: '#000000' }, { color: '#b0b0b0' }, { color: '#000000' }] } }).message).toMatch(/scanners: gradient colour 2 .*: use a darker gradient colour 2$/);
    // A gradient through the background's brightness says so, rather than "0 steps" and darker.
    const crossing = lint({
      background: '#808080',
      gradient: {
        stops: [
          { offset: 0, color: '#000000' },
          { offset: 1, color: '#ffffff' },
        ],
      },
    });
    expect(crossing.errors[0]!.message).toMatch(/the gradient passes through the background’s brightness: keep all its colours darker \(or all lighter\) than the background$/);
  });

  it('samples every gradient stop: one light stop is enough to warn', () => {
    const stops = [
      { offset: 0, color: '#000000' },
      { offset: 0.5, color: '#1e293b' },
      { offset: 1, color: '#ea580c' },
    ];
    const r = lint({ gradient: { stops } });
    expect(r.warnings[0]).toMatchObject({ code: 'low_contrast', field: 'gradient.stops[2].color' });
  });

  it('warns below 4 px per module at the requested size', () => {
    const small = renderSvg('https://tessera.example/r/x', {}, { sizePx: 128 });
    expect(small.width).toBe(37);
    expect(small.warnings.find((w) => w.code === 'low_resolution')?.message).toMatch(/128 px gives 3\.4 px per module; .* use at least 148 px/);
    expect(renderSvg('https://tessera.example/r/x', {}, { sizePx: 148 }).warnings).toEqual([]);
  });

  it('catches a gradient that crosses the background luminance', () => {
    const r = lint({
      background: '#808080',
      gradient: {
        stops: [
          { offset: 0, color: '#000000' },
          { offset: 1, color: '#ffffff' },
        ],
      },
    });
    expect(r.errors[0]!.field).toMatch(/gradient/);
  });

  it('warns about light-on-dark inversion and transparent backgrounds, saying what to do', () => {
    const inverted = lint({ color: '#ffffff', background: '#000000' }).warnings;
    expect(inverted.map((w) => w.code)).toEqual(['inverted']);
    expect(inverted[0]!.message).toMatch(/ZBar-based readers .* swap the colours for dark on light$/);
    expect(lint({ background: 'transparent' }).warnings.map((w) => w.code)).toEqual(['transparent_background']);
  });

  it('draws a circle pupil in square-cornered frames rounded, saying so, and keeps it elsewhere', () => {
    for (const eyes of ['square', 'leaf']) {
      const { design, warnings } = parseDesign({ eyes, eye_pupils: 'circle' });
      expect(design).toMatchObject({ eyes, eye_pupils: 'rounded' });
      expect(warnings).toEqual([
        {
          code: 'eyes_adjusted',
          field: 'eye_pupils',
          message: `eye_pupils 'circle' drawn as 'rounded' in '${eyes}' eyes: a circle pupil only scans reliably in rounded or extra-rounded or circle eyes`,
        },
      ]);
    }
    for (const eyes of ['rounded', 'extra-rounded', 'circle'])
      expect(parseDesign({ eyes, eye_pupils: 'circle' })).toEqual({ design: expect.objectContaining({ eyes, eye_pupils: 'circle' }), warnings: [] });
    for (const eye_pupils of ['square', 'rounded']) expect(lint({ eyes: 'square', eye_pupils }).warnings).toEqual([]);
  });

  it('says how to fix a caption that cannot be read against its frame', () => {
    const [caption] = lint({ color: '#e5e7eb', background: '#ffffff', frame: { text: 'SCAN ME', color: '#f3f4f6' } }).warnings.filter((w) => w.code === 'frame_text_contrast');
    expect(caption).toMatchObject({ field: 'frame.text_color', message: expect.stringMatching(/hard to read: use a white caption on a dark frame \(frame\.color\) or a dark caption on a light one/) });
  });

  it('refuses a quiet zone under 2 modules and warns under 4', () => {
    expect(lint({ margin: 1 }).errors[0]).toMatchObject({ field: 'margin', message: expect.stringContaining('is 1 module; at least 2') });
    expect(lint({ margin: 0 }).errors[0]).toMatchObject({ field: 'margin', message: expect.stringContaining('is 0 modules;') });
    expect(lint({ margin: 3 }).warnings[0]).toMatchObject({ code: 'small_quiet_zone' });
  });

  it('warns that a code is dense from version 19, where a phone framing it sees under 4 px a module', () => {
    expect(lint({}, DENSE_FROM_VERSION - 1).warnings).toEqual([]);
    const dense = lint({}, DENSE_FROM_VERSION).warnings;
    expect(dense).toEqual([expect.objectContaining({ code: 'dense_code', field: 'content' })]);
    expect(dense[0]!.message).toContain('version 19, 93 × 93 modules');
    expect(dense[0]!.message).toContain('dynamic code');
    // The renderer passes the version it chose: a long static text gets the warning, a short link none.
    expect(renderSvg(`https://shop.example/${'p'.repeat(600)}`, {}).warnings.map((w) => w.code)).toContain('dense_code');
    expect(renderSvg('https://tessera.example/r/8fK2xQ9', {}).warnings).toEqual([]);
  });

  it('refuses a logo beyond the recovery budget and names the largest that fits', () => {
    const max = maxLogoSize(5, 'H');
    expect(max).toBeGreaterThan(0.1);
    expect(lint({ logo: { src: PNG_DOT, size: max } }, 5).errors).toEqual([]);
    const over = Math.min(0.3, max + 0.05);
    if (over > max) {
      const err = lint({ logo: { src: PNG_DOT, size: over } }, 5).errors[0]!;
      expect(err.field).toBe('logo.size');
      expect(err.message).toContain(`logo.size ${over} hides too much`);
      expect(err.message).toContain(`give the logo as {"src": …, "size": ${max}} or smaller`);
    }
    // A logo given without a size is told that the default size is what does not fit.
    expect(maxLogoSize(1, 'H')).toBeLessThan(0.2);
    expect(lint({ logo: PNG_DOT }, 1).errors[0]!.message).toMatch(/^the logo at its default size \(logo.size 0.2\) hides too much/);
    expect(maxLogoSize(1, 'H')).toBeLessThan(maxLogoSize(10, 'H'));
  });

  it("renders the seed's bulk design_config, warning that its magenta is light for a camera", () => {
    // #d946ef: luma Δ122; through noise σ30 no zxing and a third of jsQR trials read it.
    const { warnings } = renderSvg('https://tessera.example/r/x', { shapes: 'liquid', eyes: 'circle', color: '#d946ef' });
    expect(warnings.map((w) => w.code)).toEqual(['low_contrast']);
  });

  it('renderSvg throws design_unscannable with the reason', () => {
    const err = designError(() => renderSvg('hello', { color: '#fefefe' }));
    expect(err.code).toBe('design_unscannable');
    expect(err.message).toContain('contrast');
  });
});
