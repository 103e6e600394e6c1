// The payments page's URL search: the status filter. Apart from the page so the router can
// validate it without loading the page's lazy chunk.
import { PAYMENT_STATUSES, type PaymentStatus } from '../api/payments.ts';

/** Reads the status filter from the URL (none: every payment). */
export function parsePaymentsSearch(search: Record<string, unknown>): { status?: PaymentStatus } {
  const status = PAYMENT_STATUSES.find((s) => s === search.status);
  return status ? { status } : {};
}
