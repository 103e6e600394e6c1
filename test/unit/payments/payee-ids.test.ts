// Pix keys (CPF and CNPJ checked against cpf-cnpj-validator, an independent implementation that
// also knows the 2026 alphanumeric CNPJ), UPI VPAs, and the per-scheme text rules.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cnpj as cnpjLib, cpf as cpfLib } from 'cpf-cnpj-validator';
import { checkCnpj, checkCpf, checkPixKey, checkText, checkVpa, transliterate } from '../../../src/modules/payments/index.ts';

describe('Pix keys', () => {
  it('agrees with cpf-cnpj-validator on generated CPFs and on their typos', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(10), fc.integer({ min: 1, max: 9 }), (_seed, i, delta) => {
        const cpf = cpfLib.generate();
        expect(checkCpf(cpf)).toEqual({ ok: true, key: cpf, type: 'cpf' });
        const typo = cpf.slice(0, i) + String((Number(cpf[i]) + delta) % 10) + cpf.slice(i + 1);
        // Mod 11 with 10 → 0 misses a few single typos; both implementations must miss the same ones.
        expect(checkCpf(typo).ok, typo).toBe(cpfLib.isValid(typo));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with cpf-cnpj-validator on numeric and alphanumeric CNPJs', () => {
    fc.assert(
      fc.property(fc.nat(), (_seed) => {
        const cnpj = cnpjLib.generate(); // alphanumeric
        expect(checkCnpj(cnpj), cnpj).toMatchObject({ ok: true, type: 'cnpj', key: cnpj });
        const typo = cnpj.slice(0, 5) + (cnpj[5] === '7' ? '8' : '7') + cnpj.slice(6);
        expect(checkCnpj(typo).ok, typo).toBe(cnpjLib.isValid(typo));
      }),
      { numRuns: 200 },
    );
    // Numeric: all 100 check-digit endings of random bases, exactly one of which is right.
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12}$/), (base) => {
        let valid = 0;
        for (let dv = 0; dv < 100; dv++) {
          const cnpj = base + String(dv).padStart(2, '0');
          const ours = checkCnpj(cnpj).ok;
          if (!/^(\d)\1+$/.test(cnpj)) expect(ours, cnpj).toBe(cnpjLib.isValid(cnpj));
          if (ours) valid++;
        }
        expect(valid).toBeLessThanOrEqual(1);
      }),
      { numRuns: 50 },
    );
    // The Receita Federal's example of the alphanumeric form.
    expect(checkCnpj('12.ABC.345/01DE-35')).toEqual({ ok: true, key: '12ABC34501DE35', type: 'cnpj' });
    expect(checkPixKey('11.222.333/0001-81')).toEqual({ ok: true, key: '11222333000181', type: 'cnpj' });
  });

  it('recognises each kind of key and returns the BR Code form', () => {
    expect(checkPixKey('123.456.789-09')).toEqual({ ok: true, key: '12345678909', type: 'cpf' });
    expect(checkPixKey('  Loja@Exemplo.com.br ')).toEqual({ ok: true, key: 'loja@exemplo.com.br', type: 'email' });
    expect(checkPixKey('+55 (11) 98765-4321')).toEqual({ ok: true, key: '+5511987654321', type: 'phone' });
    expect(checkPixKey('+55 11 3456-7890')).toEqual({ ok: true, key: '+551134567890', type: 'phone' });
    expect(checkPixKey('123E4567-E89B-42D3-A456-426614174000')).toEqual({ ok: true, key: '123e4567-e89b-42d3-a456-426614174000', type: 'evp' });
    expect(checkPixKey('12345678909', 'cpf').ok).toBe(true);
  });

  it('refuses bad keys with a reason a person can act on', () => {
    expect(checkPixKey('123.456.789-00')).toEqual({ ok: false, reason: 'the CPF check digits (the last two) do not match: a digit is mistyped; if this is a phone number, write it as +55…' });
    expect(checkPixKey('111.111.111-11')).toMatchObject({ ok: false, reason: expect.stringContaining('repeated digit') });
    expect(checkPixKey('11.222.333/0001-80')).toMatchObject({ ok: false, reason: expect.stringContaining('CNPJ check digits') });
    expect(checkPixKey('+1 212 555 0100')).toMatchObject({ ok: false, reason: expect.stringContaining('Brazilian number') });
    expect(checkPixKey('+55 01 98765-4321')).toMatchObject({ ok: false, reason: expect.stringContaining('area code') });
    expect(checkPixKey('not an@email')).toMatchObject({ ok: false, reason: expect.stringContaining('e-mail') });
    expect(checkPixKey(`${'a'.repeat(70)}@example.com`)).toMatchObject({ ok: false, reason: expect.stringContaining('at most 77') });
    expect(checkPixKey('hello')).toMatchObject({ ok: false, reason: expect.stringContaining('is not a Pix key') });
    expect(checkPixKey('12345678909', 'evp')).toMatchObject({ ok: false, reason: expect.stringContaining('UUID') });
    // Empty says so (as an empty IBAN does), and what to enter.
    expect(checkPixKey('  ')).toEqual({ ok: false, reason: expect.stringMatching(/^must not be empty: enter the CPF, CNPJ, e-mail, phone/) });
  });
});

describe('UPI VPAs', () => {
  it('accepts PSP handles and account@IFSC addresses, lower-cased', () => {
    for (const vpa of ['shop@okaxis', 'Sharma.Store@ybl', '9876543210@paytm', 'a_b-c@upi', '1234567890@sbin0001234.ifsc.npci']) {
      expect(checkVpa(vpa), vpa).toEqual({ ok: true, vpa: vpa.toLowerCase() });
    }
  });

  it('refuses malformed VPAs with the reason', () => {
    expect(checkVpa('shop')).toMatchObject({ ok: false, reason: expect.stringContaining('exactly one @') });
    expect(checkVpa('shop@ok@axis')).toMatchObject({ ok: false, reason: expect.stringContaining('exactly one @') });
    expect(checkVpa('s@okaxis')).toMatchObject({ ok: false, reason: expect.stringContaining('at least 2') });
    expect(checkVpa('sh op@okaxis')).toMatchObject({ ok: false, reason: expect.stringContaining('before @') });
    expect(checkVpa('shop@ok-axis')).toMatchObject({ ok: false, reason: expect.stringContaining('not a UPI handle') });
    expect(checkVpa('shop@1bank')).toMatchObject({ ok: false, reason: expect.stringContaining('not a UPI handle') });
    expect(checkVpa('shop@')).toMatchObject({ ok: false });
    expect(checkVpa(`${'a'.repeat(256)}@ybl`)).toMatchObject({ ok: false, reason: expect.stringContaining('at most 255') });
  });
});

describe('text rules', () => {
  it('trims, collapses spaces and normalises to NFC', () => {
    expect(checkText('  Müller   AG ', { max: 70, charset: 'unicode' })).toEqual({ ok: true, text: 'Müller AG' });
    expect(checkText('Mu\u0308ller', { max: 70, charset: 'swiss' })).toEqual({ ok: true, text: 'Müller' });
  });

  it('counts characters, not bytes, against the limit', () => {
    expect(checkText('é'.repeat(70), { max: 70, charset: 'unicode' }).ok).toBe(true);
    expect(checkText('é'.repeat(71), { max: 70, charset: 'unicode' })).toEqual({ ok: false, reason: 'must be at most 70 characters; this one has 71' });
  });

  it('refuses line breaks and control characters in every charset', () => {
    for (const charset of ['unicode', 'swiss', 'ascii'] as const) {
      expect(checkText('line one\nline two', { max: 70, charset })).toMatchObject({ ok: false, reason: expect.stringContaining('U+000A') });
      expect(checkText('tab\there', { max: 70, charset })).toMatchObject({ ok: false });
      // An invisible right-to-left override would make a payee's name display as something else.
      expect(checkText('Acme \u202eGmbH', { max: 70, charset })).toMatchObject({ ok: false, reason: expect.stringContaining('U+202E') });
      expect(checkText('Acme \u2066GmbH', { max: 70, charset })).toMatchObject({ ok: false, reason: expect.stringContaining('U+2066') });
      expect(checkText('Acme \u200fGmbH', { max: 70, charset })).toMatchObject({ ok: false, reason: expect.stringContaining('U+200F') });
      expect(checkText('Acme\u2028GmbH', { max: 70, charset })).toMatchObject({ ok: false, reason: expect.stringContaining('U+2028') });
      expect(checkText('Acme\u200bGmbH', { max: 70, charset })).toMatchObject({ ok: false, reason: expect.stringContaining('an invisible character (U+200B)') });
    }
    expect(checkText('   ', { max: 70, charset: 'unicode' })).toEqual({ ok: false, reason: 'must not be empty' });
  });

  it('keeps the Swiss QR-bill to its Latin set', () => {
    expect(checkText('Zoë Ærø Ș € 1/2', { max: 70, charset: 'swiss' }).ok).toBe(true);
    // A pasted look-alike is told apart by its script: 'а' here is Cyrillic; an invisible filler by its code point.
    expect(checkText('Mаria', { max: 70, charset: 'swiss' })).toMatchObject({ ok: false, reason: expect.stringContaining("'а' (Cyrillic)") });
    for (const charset of ['unicode', 'swiss'] as const) {
      expect(checkText('Kim\u3164Lee', { max: 70, charset })).toMatchObject({ ok: false, reason: expect.stringContaining('an invisible character (U+3164)') });
    }
    expect(checkText('Москва', { max: 70, charset: 'swiss' })).toMatchObject({ ok: false, reason: expect.stringContaining("'М' (Cyrillic), which the Swiss") });
    expect(checkText('Café ☕', { max: 70, charset: 'swiss' })).toMatchObject({ ok: false, reason: expect.stringContaining("contains '☕' (an emoji), which") });
    // Typographic quotes and dashes become their plain forms instead of being refused.
    expect(checkText('„Müller’s“ – Bäckerei…', { max: 70, charset: 'swiss' })).toEqual({ ok: true, text: '"Müller\'s" - Bäckerei...' });
    expect(checkText('„Müller’s“ – Bäckerei…', { max: 70, charset: 'unicode' })).toEqual({ ok: true, text: '„Müller’s“ – Bäckerei…' });
  });

  it('transliterates to ASCII for EMV fields and refuses what has no ASCII form', () => {
    expect(transliterate('São Paulo Straße Øresund Łódź')).toBe('Sao Paulo Strasse Oresund Lodz');
    expect(checkText('Padaria São João', { max: 25, charset: 'ascii' })).toEqual({ ok: true, text: 'Padaria Sao Joao' });
    expect(checkText('東京', { max: 25, charset: 'ascii' })).toMatchObject({ ok: false, reason: expect.stringContaining('plain ASCII') });
  });
});
