// The payments page's URL search: the status filter, and whether test payments are shown. Apart
// from the page so the router can validate it without loading the page's lazy chunk.
import { PAYMENT_STATUSES, type PaymentStatus } from '../api/payments.ts';

export interface PaymentsSearch {
  status?: PaymentStatus;
  /** Test payments (made with a sec1-tst key) instead of live ones. */
  mode?: 'test';
}

/** Reads the filters from the URL (none: every live payment). */
export function parsePaymentsSearch(search: Record<string, unknown>): PaymentsSearch {
  const status = PAYMENT_STATUSES.find((s) => s === search.status);
  return { ...(status ? { status } : {}), ...(search.mode === 'test' ? { mode: 'test' as const } : {}) };
}
