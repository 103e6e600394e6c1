import { describe, expect, it } from 'vitest';
import { checksumOf, checksumValid, explainKey, generateApiKey, maskApiKey, parseApiKey, parseKeyShape } from '../../src/modules/accounts/api-key-format.ts';
import { mulberry32 } from '../helpers/prng.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SEED_KEY = 'sec1-prd-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-42';

// Independent reference: ISO 7064 MOD 97-10 exactly as IBANs compute it, with BigInt over the
// whole digit string: separators dropped, letters (either case) as 10–35, digits kept, "00"
// appended, check digits 98 − (N mod 97).
function referenceChecksum(text: string): string {
  const digits = [...text.replace(/-/g, '')].map((c) => (/[0-9]/.test(c) ? c : String(c.toUpperCase().charCodeAt(0) - 55))).join('');
  return String(98n - (BigInt(`${digits}00`) % 97n)).padStart(2, '0');
}

function seededKeys(count: number, seed: number): string[] {
  const rand = mulberry32(seed);
  const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  return Array.from({ length: count }, (_, i) => generateApiKey(i % 2 ? 'prd' : 'tst', pick(BASE62.slice(0, 36), 13), pick(BASE62, 43)).key);
}

const sameIgnoringCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

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

  it('is the IBAN check: it reproduces the check digits of real IBANs', () => {
    // An IBAN's check digits are MOD 97-10 over BBAN + country code; these are the standard's examples.
    expect(checksumOf('WEST12345698765432GB')).toBe('82'); // GB82 WEST 1234 5698 7654 32
    expect(checksumOf('370400440532013000DE')).toBe('89'); // DE89 3704 0044 0532 0130 00
    expect(checksumOf('30006000011234567890189FR')).toBe('76'); // FR76 3000 6000 0112 3456 7890 189
  });

  it("the seed's example key passes as printed (its check digits are 42)", () => {
    expect(referenceChecksum(SEED_KEY.slice(0, -3))).toBe('42');
    expect(parseApiKey(SEED_KEY)).toMatchObject({ env: 'prd', kid: 'ABC123DEF456G', secret: 'Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY', checksum: '42' });
    expect(explainKey(SEED_KEY)).toBeNull();
  });

  it('matches the BigInt reference on many keys, ignores separators and letter case', () => {
    for (const key of seededKeys(500, 1)) {
      const text = key.slice(0, -3);
      expect(checksumOf(text)).toBe(referenceChecksum(text));
      expect(key.slice(-2)).toBe(referenceChecksum(text));
    }
    expect(checksumOf('sec1-prd-ABC')).toBe(checksumOf('SEC1PRDabc'));
  });

  it('generated check digits are always two digits from 02 to 98, and only those are accepted', () => {
    const seen = new Set<number>();
    for (const key of seededKeys(20_000, 2)) {
      const cs = key.slice(-2);
      expect(cs).toMatch(/^\d\d$/);
      seen.add(Number(cs));
    }
    // 97 possible values; 20,000 keys see every one (the chance one is missing is below 1e-80).
    expect([...seen].sort((x, y) => x - y)).toEqual(Array.from({ length: 97 }, (_, i) => i + 2));
    // 00, 01 and 99 satisfy "N·100 + cs ≡ 1 (mod 97)" whenever 97, 98 or 02 do, but are not check digits.
    for (const [real, alias] of [
      ['97', '00'],
      ['98', '01'],
      ['02', '99'],
    ]) {
      const key = seededKeys(5_000, 3).find((k) => k.endsWith(`-${real}`))!;
      expect(parseApiKey(key)).not.toBeNull();
      expect(parseApiKey(`${key.slice(0, -2)}${alias}`)).toBeNull();
    }
  });

  it('measures what the checksum catches over random keys: 99.7 % of substitutions and adjacent swaps that change more than letter case', () => {
    let substitutions = 0;
    let missedSubstitutions = 0;
    let caseOnlySubstitutions = 0;
    let swaps = 0;
    let missedSwaps = 0;
    let caseOnlySwaps = 0;
    for (const key of seededKeys(300, 4)) {
      for (let i = 0; i < key.length; i++) {
        for (const c of BASE62) {
          if (c === key[i]) continue;
          const mutated = key.slice(0, i) + c + key.slice(i + 1);
          if (sameIgnoringCase(c, key[i]!)) {
            caseOnlySubstitutions++;
            continue;
          }
          substitutions++;
          if (parseApiKey(mutated)) missedSubstitutions++;
        }
        if (i + 1 < key.length && key[i] !== key[i + 1]) {
          const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
          if (sameIgnoringCase(key[i]!, key[i + 1]!)) {
            caseOnlySwaps++;
            continue;
          }
          swaps++;
          if (parseApiKey(swapped)) missedSwaps++;
        }
      }
    }
    const substitutionRate = 1 - missedSubstitutions / substitutions;
    const swapRate = 1 - missedSwaps / swaps;
    const overall = 1 - (missedSubstitutions + missedSwaps) / (substitutions + swaps);
    console.info(
      `MOD 97-10 over ${substitutions} substitutions: ${(substitutionRate * 100).toFixed(2)} % caught; over ${swaps} adjacent swaps: ${(swapRate * 100).toFixed(2)} %; ` +
        `together ${(overall * 100).toFixed(2)} %. Case-only changes (${caseOnlySubstitutions} substitutions, ${caseOnlySwaps} swaps) are invisible to it by design.`,
    );
    // A single-digit change, or a letter for a letter, always changes N mod 97; what slips through
    // is a digit/letter exchange that shifts the digit string (about 1 in 97 of those).
    expect(overall).toBeGreaterThan(0.996);
    expect(overall).toBeLessThan(0.999);
    expect(swapRate).toBeGreaterThan(0.995);
    expect(caseOnlySubstitutions).toBeGreaterThan(0);
  });

  it('a change of letter case passes the checksum (the hash comparison refuses it)', () => {
    const key = SEED_KEY.replace('Xy9', 'xy9');
    expect(parseApiKey(key)).not.toBeNull();
  });

  it('catches every single-digit substitution and every letter-for-letter substitution', () => {
    for (const key of seededKeys(20, 5)) {
      for (let i = 0; i < key.length; i++) {
        const isDigit = /[0-9]/.test(key[i]!);
        if (!/[0-9A-Za-z]/.test(key[i]!)) continue;
        for (const c of isDigit ? '0123456789' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
          if (sameIgnoringCase(c, key[i]!)) continue;
          const mutated = key.slice(0, i) + c + key.slice(i + 1);
          expect(parseApiKey(mutated), `${key} → ${mutated}`).toBeNull();
        }
      }
    }
  });

  it('checksumValid accepts exactly the computed check digits', () => {
    const text = SEED_KEY.slice(0, -3);
    for (let c = 0; c < 100; c++) {
      const cs = String(c).padStart(2, '0');
      expect(checksumValid(text, cs)).toBe(cs === '42');
    }
    expect(checksumValid(text, '4')).toBe(false);
    expect(checksumValid('sec1 bad', '42')).toBe(false);
    expect(checksumValid('sec1-ſ', checksumOf('sec1-s'))).toBe(false);
  });

  it('rejects malformed keys with a reason', () => {
    expect(explainKey('nope')).toMatch(/sec1-/);
    expect(explainKey('sec1-live-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-42')).toMatch(/shaped/);
    expect(explainKey('sec1-prd-abc123def456g-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-42')).toMatch(/shaped/);
    expect(explainKey('sec1-prd-ABC123DEF456G-short-42')).toMatch(/shaped/);
    expect(explainKey('sec1-prd-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-43')).toMatch(/checksum/);
    expect(parseKeyShape('sec1-prd-ABC123DEF456G-Xy9Kl3pQ7mN2vB8wR5tZ6aH4cF1jD0sG9eY-43')).toMatchObject({ checksum: '43' });
  });

  it('masks as sec1-{env}-{first 3 of kid}...{checksum}', () => {
    expect(maskApiKey('prd', 'ABC123DEF456G', '42')).toBe('sec1-prd-ABC...42');
  });
});
