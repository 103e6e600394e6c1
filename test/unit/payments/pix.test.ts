// Pix BR Codes checked by pix-utils, an independent implementation: it parses our string,
// verifies the CRC and reads every field back, and its own generator, given the same data,
// produces the same string.

import { describe, it, expect } from 'vitest';
import { createStaticPix, hasError, parsePix } from 'pix-utils';
import { buildPixPayload, crc16CcittFalse, parseTlv, PIX_GUI } from '../../../src/modules/payments/index.ts';
import type { PixInput } from '../../../src/modules/payments/index.ts';

const BASE = {
  payee: { key: '123.456.789-09', merchant_name: 'Padaria São João', city: 'São Paulo' },
  amountMinor: 12345,
  currency: 'BRL',
  txid: 'ORD20240042',
  description: 'Pedido 42',
} satisfies PixInput;

describe('Pix BR Code (EMV MPM)', () => {
  it('is parsed by pix-utils with a valid CRC and every field as given', () => {
    const r = buildPixPayload(BASE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const parsed = parsePix(r.payload);
    expect(hasError(parsed)).toBe(false);
    expect(parsed).toMatchObject({
      type: 'STATIC',
      pixKey: '12345678909',
      merchantName: 'Padaria Sao Joao',
      merchantCity: 'Sao Paulo',
      transactionAmount: 123.45,
      txid: 'ORD20240042',
      infoAdicional: 'Pedido 42',
      transactionCurrency: '986',
      countryCode: 'BR',
      merchantCategoryCode: '0000',
    });
    expect(r.ecc).toBe('M');
  });

  it('equals what pix-utils generates from the same data, for every kind of key', () => {
    const keys = ['12345678909', '11222333000181', 'loja@exemplo.com.br', '+5511987654321', '123e4567-e89b-42d3-a456-426614174000'];
    for (const key of keys) {
      for (const [amountMinor, txid] of [
        [100, 'A1B2C3D4E5F6G7H8I9J0K1L2M'],
        [999_999_999_999, 'TX1'],
        [5, 'ORD20240042'],
      ] as const) {
        // pix-utils upper-cases name and city (the BCB manual does not require it), and marks a
        // one-payment code (point of initiation 12) with its `oneTime` element.
        const ours = buildPixPayload({ ...BASE, payee: { key, merchant_name: 'PADARIA SAO JOAO', city: 'SAO PAULO' }, amountMinor, txid, description: null });
        const theirs = createStaticPix({ merchantName: 'Padaria São João', merchantCity: 'São Paulo', pixKey: key, txid, transactionAmount: amountMinor / 100, oneTime: true } as Parameters<
          typeof createStaticPix
        >[0]);
        expect(hasError(theirs)).toBe(false);
        if (hasError(theirs) || !ours.ok) throw new Error('unexpected');
        expect(ours.payload, key).toBe(theirs.toBRCode());
      }
    }
  });

  it('lays the objects out as the BCB manual prescribes', () => {
    const r = buildPixPayload(BASE);
    if (!r.ok) throw new Error('expected ok');
    const top = parseTlv(r.payload);
    expect([...top.keys()]).toEqual(['00', '01', '26', '52', '53', '54', '58', '59', '60', '62', '63']);
    expect(top.get('00')).toBe('01');
    expect(top.get('01')).toBe('12');
    expect(Object.fromEntries(parseTlv(top.get('26')!))).toEqual({ '00': PIX_GUI, '01': '12345678909', '02': 'Pedido 42' });
    expect(top.get('53')).toBe('986');
    expect(top.get('54')).toBe('123.45');
    expect(Object.fromEntries(parseTlv(top.get('62')!))).toEqual({ '05': 'ORD20240042' });
    // CRC over everything up to and including "6304".
    expect(top.get('63')).toBe(crc16CcittFalse(r.payload.slice(0, -4)));
    expect(r.payload.slice(-8, -4)).toBe('6304');
    const reusable = buildPixPayload({ ...BASE, reusable: true, mcc: '5812', postalCode: '01310-100' });
    if (!reusable.ok) throw new Error('expected ok');
    const t2 = parseTlv(reusable.payload);
    expect([t2.get('01'), t2.get('52'), t2.get('61')]).toEqual(['11', '5812', '01310100']);
    expect(hasError(parsePix(reusable.payload))).toBe(false);
  });

  it('computes CRC-16/CCITT-FALSE (check value 29B1) and a changed character breaks it for pix-utils', () => {
    expect(crc16CcittFalse('123456789')).toBe('29B1');
    const r = buildPixPayload(BASE);
    if (!r.ok) throw new Error('expected ok');
    const tampered = r.payload.replace('123.45', '123.46');
    expect(parsePix(tampered)).toMatchObject({ error: true, message: 'invalid crc' });
  });

  it('refuses what a BR Code cannot carry, naming each field', () => {
    expect(buildPixPayload({ ...BASE, currency: 'EUR' })).toEqual({ ok: false, errors: [{ field: 'currency', reason: 'Pix pays Brazilian reais (BRL) only; EUR cannot be paid with a Pix code' }] });
    const bad = buildPixPayload({
      ...BASE,
      amountMinor: 1_000_000_000_000,
      payee: { key: '123.456.789-00', merchant_name: 'A'.repeat(26), city: 'Rio de Janeiro RJ' },
      txid: 'ORD-42',
      mcc: '12',
      postalCode: '123',
    });
    expect(!bad.ok && bad.errors.map((e) => e.field)).toEqual(['amount', 'payee.key', 'payee.merchant_name', 'payee.city', 'txid', 'mcc', 'postal_code']);
    expect(!bad.ok && bad.errors[1]!.reason).toContain('CPF check digits');
    expect(!bad.ok && bad.errors[2]!.reason).toBe('must be at most 25 characters; this one has 26');
  });

  it('bounds the description by what template 26 (99 characters) leaves after the key', () => {
    const email = 'a-rather-long-address-for-pix@exemplo.com.br';
    const room = 99 - 18 - (4 + email.length) - 4;
    const fits = buildPixPayload({ ...BASE, payee: { ...BASE.payee, key: email }, description: 'd'.repeat(room) });
    expect(fits.ok).toBe(true);
    expect(fits.ok && hasError(parsePix(fits.payload))).toBe(false);
    expect(buildPixPayload({ ...BASE, payee: { ...BASE.payee, key: email }, description: 'd'.repeat(room + 1) })).toEqual({
      ok: false,
      errors: [{ field: 'description', reason: `with this Pix key the description may have at most ${room} characters (the merchant account field holds 99); this one has ${room + 1}` }],
    });
  });
});
