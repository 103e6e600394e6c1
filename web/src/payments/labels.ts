// How payments read on screen: amounts in the viewer's locale with their currency, statuses and
// schemes in plain words.
import type { Payment, PaymentStatus } from '../api/payments.ts';

export const STATUS: Record<PaymentStatus, { label: string; tone: 'success' | 'warning' | 'danger' | 'neutral' }> = {
  pending: { label: 'Waiting for payment', tone: 'warning' },
  succeeded: { label: 'Paid', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  expired: { label: 'Expired', tone: 'neutral' },
  canceled: { label: 'Cancelled', tone: 'neutral' },
};

/** Why a payment needs a look (its `flags`), in the words of the reconcile report. */
export const FLAG: Record<NonNullable<Payment['flags']>[number], string> = {
  partial: 'Less than the amount asked arrived',
  overpaid: 'More than the amount asked arrived',
  reversed: 'A transfer for it was returned or recalled',
  late: 'Money arrived after it expired',
  foreign_currency: 'Money arrived in another currency',
};

export const SCHEME: Record<Payment['scheme'], string> = { sepa: 'SEPA transfer', swiss_qr: 'Swiss QR-bill', pix: 'Pix', upi: 'UPI' };

/** "€12.50", "CHF 1’949.75", in the viewer's locale. */
export function money(p: { amount: number; amount_decimal?: string; currency: string }): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: p.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const value = p.amount_decimal !== undefined ? Number(p.amount_decimal) : p.amount / 10 ** digits;
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: p.currency }).format(value);
}
