// The new payment request form turns an amount as people type it into the minor units
// payments/init takes (every scheme's currency has two decimals); anything else is refused
// before it is sent, with the amount field named.
import { describe, expect, it } from 'vitest';
import { amountLimitProblem, amountProblem, minorUnits } from '../../web/src/payments/amount-input.ts';
import { money } from '../../web/src/payments/labels.ts';

describe('minorUnits', () => {
  it('reads dots, decimal commas, spaces and apostrophes as people write amounts', () => {
    expect(minorUnits('12.50')).toBe(1250);
    expect(minorUnits('12,5')).toBe(1250);
    expect(minorUnits('12')).toBe(1200);
    expect(minorUnits(' 1 200.05 ')).toBe(120005);
    expect(minorUnits("1'949.75")).toBe(194975);
    expect(minorUnits('0.01')).toBe(1);
    expect(minorUnits('1,200.50')).toBe(120050);
    expect(minorUnits('1.200,50')).toBe(120050);
    expect(minorUnits('12,345,678.9')).toBe(1234567890);
  });

  it('refuses what is not an amount, zero, more than two decimals, misplaced grouping and a lone comma group', () => {
    for (const text of ['', 'twelve', '0', '0.00', '12.505', '1,20.50', '12.00,5', '-5', '1e3', '12.', '1,200']) expect(minorUnits(text), text).toBeNull();
  });
});

describe('amountProblem', () => {
  it('says what is wrong with an amount it cannot read, not only that it must be above zero', () => {
    expect(amountProblem('12.50')).toBeNull();
    expect(amountProblem('1,200.50')).toBeNull();
    expect(amountProblem('12.345')).toBe('“12.345” is unclear: write 12345 without a thousands separator, or an amount with two decimals at most, such as 12.34.');
    expect(amountProblem('1,234')).toBe('“1,234” is unclear: write 1234 without a thousands separator, or an amount with two decimals at most, such as 1.23.');
    expect(amountProblem('12.3456')).toBe('Use two decimals at most, such as 12.50.');
    expect(amountProblem('0')).toBe('Enter an amount greater than zero, such as 12.50.');
    expect(amountProblem('0,00')).toBe('Enter an amount greater than zero, such as 12.50.');
    expect(amountProblem('')).toBe('Enter an amount, such as 12.50.');
    expect(amountProblem('twelve')).toBe('Enter the amount in digits, such as 12.50.');
    expect(amountProblem('-5')).toBe('Enter the amount in digits, such as 12.50.');
  });
});

describe('amountLimitProblem', () => {
  it("states the server's limit in the currency, formatted as the field's preview is, not in minor units", () => {
    expect(amountLimitProblem(999_999_999_999, 'EUR')).toBeNull();
    const text = amountLimitProblem(minorUnits('99999999999')!, 'EUR');
    expect(text).toBe(`The most one request can ask for is ${money({ amount: 999_999_999_999, currency: 'EUR' })}.`);
    expect(text).not.toContain('999999999999');
    expect(text).toContain('9,999,999,999.99');
  });
});
