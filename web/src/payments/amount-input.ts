// An amount as people type it, read into the minor units payments/init takes.
import { MAX_PAYMENT_AMOUNT } from '../../../src/modules/payments/scheme-currencies.ts';
import { money } from './labels.ts';

/**
 * "12.50", "12,5", "1 200", "1,200.50", "1.200,50" → minor units (every scheme's currency has two
 * decimals), or null. With both a dot and a comma, the later one is the decimal separator.
 */
export function minorUnits(text: string): number | null {
  let compact = text.replace(/[\s'’]/g, '');
  if (compact.includes('.') && compact.includes(',')) {
    const decimal = compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ',';
    const grouping = decimal === '.' ? ',' : '.';
    if (!new RegExp(`^\\d{1,3}(\\${grouping}\\d{3})*\\${decimal}\\d{1,2}$`).test(compact)) return null;
    compact = compact.replaceAll(grouping, '');
  }
  const normal = /^\d+,\d{1,2}$/.test(compact) ? compact.replace(',', '.') : compact;
  if (!/^\d+(\.\d{1,2})?$/.test(normal)) return null;
  const [whole = '0', cents = ''] = normal.split('.');
  const minor = Number(whole) * 100 + Number(cents.padEnd(2, '0'));
  return minor > 0 && Number.isSafeInteger(minor) ? minor : null;
}

const EXAMPLE = 'such as 12.50';

/** What is wrong with an amount minorUnits cannot read, in words; null when it reads it. */
export function amountProblem(text: string): string | null {
  if (minorUnits(text) !== null) return null;
  const compact = text.replace(/[\s'’]/g, '');
  if (compact === '') return `Enter an amount, ${EXAMPLE}.`;
  if (!/^\d[\d.,]*$/.test(compact)) return `Enter the amount in digits, ${EXAMPLE}.`;
  if (/^[0.,]+$/.test(compact)) return `Enter an amount greater than zero, ${EXAMPLE}.`;
  // One separator and three digits: a decimal point with a third decimal, or a thousands separator?
  const single = /^(\d+)[.,](\d{3})$/.exec(compact);
  if (single) {
    const [, whole, tail] = single as unknown as [string, string, string];
    return `“${compact}” is unclear: write ${whole}${tail} without a thousands separator, or an amount with two decimals at most, such as ${whole}.${tail.slice(0, 2)}.`;
  }
  if (/[.,]\d{4,}$/.test(compact)) return `Use two decimals at most, ${EXAMPLE}.`;
  return 'Enter the amount as 1234.50 or 1,234.50.';
}

/**
 * The server's limit on one request, said in the currency as the field's preview shows it
 * ("€9,999,999,999.99"), not in the minor units it counts in; null within it.
 */
export function amountLimitProblem(minor: number, currency: string): string | null {
  if (minor <= MAX_PAYMENT_AMOUNT) return null;
  return `The most one request can ask for is ${money({ amount: MAX_PAYMENT_AMOUNT, currency })}.`;
}
