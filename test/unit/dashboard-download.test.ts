// Download file names from campaign names: accents dropped from Latin letters (not turned into
// hyphens), other scripts kept as they are (a download's name may hold any letter), punctuation
// and spaces as single hyphens.
import { describe, expect, it } from 'vitest';
import { fileSafe } from '../../web/src/lib/download.ts';

describe('fileSafe', () => {
  it('drops accents from Latin letters instead of splitting the word', () => {
    expect(fileSafe('Spring poster — Ünïcödé')).toBe('Spring-poster-Unicode');
    expect(fileSafe('Crème brûlée & café')).toBe('Creme-brulee-cafe');
  });

  it('keeps letters of other scripts, with their own marks', () => {
    expect(fileSafe('東京メニュー ポスター')).toBe('東京メニュー-ポスター');
    expect(fileSafe('قائمة الطعام')).toBe('قائمة-الطعام');
    expect(fileSafe('हिन्दी मेनू')).toBe('हिन्दी-मेनू');
  });

  it('falls back only when nothing is left', () => {
    expect(fileSafe('🎉🎉')).toBe('qr-code');
    expect(Array.from(fileSafe('あ'.repeat(100)))).toHaveLength(60);
  });
});
