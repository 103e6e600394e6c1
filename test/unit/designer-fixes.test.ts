// The designer's one-click fixes: each one, applied, makes the engine stop reporting its issue.
import { describe, expect, it } from 'vitest';
import { drawPreview } from '../../web/src/designer/engine.ts';
import { fixFor, issueMessage, issueTitle } from '../../web/src/designer/fixes.ts';

const URL = 'https://example.com/spring';
const codes = (design: Record<string, unknown>) => drawPreview(URL, design).warnings.map((w) => w.code);

describe('designer fixes', () => {
  it('a diamond centre in a square frame is named, and the fix chooses round frames the engine keeps', () => {
    const design = { eyes: 'square', eye_pupils: 'diamond' };
    const preview = drawPreview(URL, design);
    const issue = preview.warnings.find((w) => w.code === 'eyes_adjusted');
    expect(issue).toBeDefined();
    expect(issueTitle(issue!)).toBe('Corner frames changed so the code scans');
    expect(issueMessage(issue!)).toBe('A diamond centre only scans reliably in extra-rounded or circle corner frames, so the corners are drawn extra-rounded. Choose one of those to decide which.');
    const fixed = fixFor(issue!, { version: preview.version })!.apply(design);
    expect(codes(fixed)).not.toContain('eyes_adjusted');
  });

  it('a circle pupil drawn rounded in square corners is named, and the fix chooses frames that keep it a circle', () => {
    const design = { eyes: 'square', eye_pupils: 'circle' };
    const preview = drawPreview(URL, design);
    const issue = preview.warnings.find((w) => w.code === 'eyes_adjusted');
    expect(issue).toMatchObject({ field: 'eye_pupils' });
    expect(issueTitle(issue!)).toBe('Round centres drawn with rounded corners');
    expect(issueMessage(issue!)).not.toMatch(/eye_pupils|'/);
    // Every frame the engine keeps a circle in, and each of them does keep it.
    expect(issueMessage(issue!)).toContain('Rounded, extra-rounded or circle corner frames keep it round.');
    for (const eyes of ['rounded', 'extra-rounded', 'circle']) expect(codes({ eyes, eye_pupils: 'circle' })).not.toContain('eyes_adjusted');
    // Leaf corners too: the title no longer says "square" of them.
    const leaf = drawPreview(URL, { eyes: 'leaf', eye_pupils: 'circle' }).warnings.find((w) => w.code === 'eyes_adjusted');
    expect(issueTitle(leaf!)).toBe('Round centres drawn with rounded corners');
    const fixed = fixFor(issue!, { version: preview.version })!.apply(design);
    expect(fixed).toMatchObject({ eyes: 'extra-rounded', eye_pupils: 'circle' });
    expect(codes(fixed)).toEqual([]);
  });

  it('a colour web scanners cannot read is refused as a save would be, named as low contrast and fixed with dark on white', () => {
    const design = { color: '#a3a3a3', background: '#ffffff' };
    const issue = drawPreview(URL, design).errors.find((e) => e.field === 'color');
    expect(issue).toMatchObject({ code: 'design_unscannable', message: expect.stringContaining('web-based scanners (jsQR) cannot read this code') });
    expect(issueTitle(issue!)).toBe('Low contrast');
    const fixed = fixFor(issue!, { version: null })!.apply(design);
    expect(drawPreview(URL, fixed).errors).toEqual([]);
  });

  it('eyes lighter than the modules, or across the background from them, are refused, named and drawn in the code colour', () => {
    for (const design of [
      { color: '#000000', eye_color: '#2563eb' },
      { color: '#000000', background: '#808080', eye_color: '#ffffff' },
    ]) {
      const issue = drawPreview(URL, design).errors.find((e) => e.field === 'eye_color');
      expect(issue).toMatchObject({ code: 'design_unscannable' });
      expect(issueTitle(issue!)).toBe('The corner eyes are hard to find');
      const fix = fixFor(issue!, { version: null })!;
      expect(fix.label).toBe('Draw the eyes in the code colour');
      expect(drawPreview(URL, fix.apply(design)).errors).toEqual([]);
    }
  });

  it('low contrast is named and fixed with dark on white', () => {
    const design = { color: '#767676', background: '#ffffff' };
    const issue = drawPreview(URL, design).warnings.find((w) => w.code === 'low_contrast');
    expect(issue).toBeDefined();
    expect(issueTitle(issue!)).toBe('Low contrast');
    expect(codes(fixFor(issue!, { version: null })!.apply(design))).not.toContain('low_contrast');
  });

  it('a dense static code is named, with no design fix offered (only shorter content helps)', () => {
    const preview = drawPreview(`${URL}?${'utm_source=poster&'.repeat(40)}`, {});
    expect(preview.version).toBeGreaterThanOrEqual(19);
    const issue = preview.warnings.find((w) => w.code === 'dense_code');
    expect(issue).toBeDefined();
    expect(issueTitle(issue!)).toBe('A dense code: hard for phones to read');
    expect(fixFor(issue!, { version: preview.version })).toBeNull();
    expect(codes({})).not.toContain('dense_code');
  });
  it("the engine's messages read as sentences in the controls' words: a capital, a full stop, no field names", () => {
    const thin = drawPreview(URL, { margin: 0 }).errors.find((e) => e.field === 'margin')!;
    expect(issueMessage(thin)).toBe('The blank border is 0 modules wide; at least 2 are needed to scan (4 recommended).');
    const pale = drawPreview(URL, { color: '#dddddd' }).errors.find((e) => e.field === 'color')!;
    expect(issueMessage(pale)).toMatch(/^Contrast too low for scanners: .*\.$/);
    const caption = drawPreview(URL, { frame: { text: 'MENU', color: '#000000', text_color: '#111111' } }).warnings.find((w) => w.code === 'frame_text_contrast')!;
    expect(issueMessage(caption)).toMatch(/^The caption contrast is [\d.]+:1; .*\.$/);
    expect(issueMessage(caption)).not.toContain('frame.color');
  });
});
