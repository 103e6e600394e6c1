import { describe, expect, it } from 'vitest';
import { checksumOf, checksumValid, explainKey, generateApiKey, maskApiKey, parseApiKey, parseKeyShape } from '../../src/modules/accounts/api-key-format.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-';

// Independent reference: the definition, computed with BigInt over the digit string
// (each character as two decimal digits, then the check digits), the IBAN way.
function referenceChecksum(text: string): string {
  const digits = [...text].map((c) => String(ALPHABET.indexOf(c)).padStart(2, '0')).join('') + '00';
  return String(98n - (BigInt(digits) % 97n)).padStart(2, '0');
}

describe('sec1 key format', () => {
  it('generates keys of the documented shape with a valid checksum', () => {
    for (const env of ['prd', 'tst'] as const) {
      const { key, kid } = generateApiKey(env);
      expect(key).toMatch(new RegExp(`^sec1-${env}-${kid}-[0-9A-Za-z]{43}-[0-9]{2}$`));
      expect(kid).toMatch(/^[0-9A-Z]{13}$/);
      expect(parseApiKey(key)).toMatchObject({ env, kid });
      expect(explainKey(key)).toBeNull();
    }
  });

  it('matches a BigInt reference of ISO 7064 MOD 97-10 on many keys', () => {
    for (let i = 0; i < 200; i++) {
      const { key } = generateApiKey(i % 2 ? 'prd' : 'tst');
      const text = key.slice(0, -3);
      expect(checksumOf(text)).toBe(referenceChecksum(text));
      expect(key.slice(-2)).toBe(referenceChecksum(text));
    }
  });

  it('the seed example is well-shaped; its "42" is a placeholder (the real check digits are 95)', () => {
    const example = 'sec1-prd-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-42';
    expect(parseKeyShape(example)).toMatchObject({ env: 'prd', kid: 'ABC123DEF456G', checksum: '42' });
    expect(parseApiKey(example)).toBeNull();
    expect(referenceChecksum(example.slice(0, -3))).toBe('95');
    expect(parseApiKey(`${example.slice(0, -2)}95`)).toMatchObject({ kid: 'ABC123DEF456G' });
  });

  it('catches every single-character substitution in a sample of keys', () => {
    const replacements = `${ALPHABET}_.+/ `;
    for (let n = 0; n < 5; n++) {
      const { key } = generateApiKey(n % 2 ? 'prd' : 'tst');
      let tried = 0;
      for (let i = 0; i < key.length; i++) {
        for (const c of replacements) {
          if (c === key[i]) continue;
          const mutated = key.slice(0, i) + c + key.slice(i + 1);
          expect(parseApiKey(mutated), `${key} → ${mutated}`).toBeNull();
          tried++;
        }
      }
      expect(tried).toBeGreaterThan(key.length * 60);
    }
  });

  it('catches every adjacent transposition in a sample of keys', () => {
    for (let n = 0; n < 20; n++) {
      const { key } = generateApiKey('prd');
      for (let i = 0; i + 1 < key.length; i++) {
        if (key[i] === key[i + 1]) continue;
        const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
        expect(parseApiKey(swapped), `${key} → ${swapped}`).toBeNull();
      }
    }
  });

  it('checksumValid is the issue\'s fold: (r·100 + checksum) mod 97 = 1', () => {
    const text = 'sec1-prd-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY';
    const good = checksumOf(text);
    expect(checksumValid(text, good)).toBe(true);
    for (let c = 0; c < 100; c++) {
      const cs = String(c).padStart(2, '0');
      expect(checksumValid(text, cs)).toBe(cs === good);
    }
    expect(checksumValid(text, '4')).toBe(false);
    expect(checksumValid('sec1 bad', good)).toBe(false);
  });

  it('rejects malformed keys with a reason', () => {
    expect(explainKey('nope')).toMatch(/sec1-/);
    expect(explainKey('sec1-live-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-42')).toMatch(/shaped/);
    expect(explainKey('sec1-prd-abc123def456g-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-42')).toMatch(/shaped/);
    expect(explainKey('sec1-prd-ABC123DEF456G-short-42')).toMatch(/shaped/);
    expect(explainKey('sec1-prd-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-00')).toMatch(/checksum/);
  });

  it('masks as sec1-{env}-{first 3 of kid}...{checksum}', () => {
    expect(maskApiKey('prd', 'ABC123DEF456G', '42')).toBe('sec1-prd-ABC...42');
  });
});
