// The first path segments Tessera serves itself can never be a short code or a slug: one rule
// (ids.ts) read by the short-code generator, the redirect route and both slug validators.
import { describe, expect, it } from 'vitest';
import { isReservedPath, isShortCode, newShortCode, RESERVED_PATHS } from '../../src/ids.ts';
import { DASHBOARD_PAGES } from '../../src/modules/dashboard/dashboard.routes.ts';

describe('reserved paths', () => {
  it('covers every dashboard page, /app and /door', () => {
    for (const page of [...DASHBOARD_PAGES, '/app', '/door']) expect(isReservedPath(page.slice(1)), page).toBe(true);
    for (const word of ['login', 'signup', 'app', 'api', 'docs', 'p', 'i']) expect(RESERVED_PATHS.has(word)).toBe(true);
  });

  it('is case-insensitive and never a short code, whatever its length', () => {
    for (const word of RESERVED_PATHS) {
      for (const variant of [word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)]) {
        expect(isReservedPath(variant), variant).toBe(true);
        expect(isShortCode(variant), variant).toBe(false);
        // Padded to a code's length it is another path, and may be a code.
        expect(isReservedPath(`${variant}x`)).toBe(RESERVED_PATHS.has(`${word}x`));
      }
    }
  });

  it('still accepts ordinary codes, and the generator only draws codes', () => {
    expect(isShortCode('Xk4mP9q')).toBe(true);
    expect(isShortCode('Xk4mP9')).toBe(false);
    for (let i = 0; i < 2000; i++) {
      const code = newShortCode(7);
      expect(isShortCode(code)).toBe(true);
    }
  });
});
