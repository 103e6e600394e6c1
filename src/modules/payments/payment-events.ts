// The payment.* webhook events, built from the row at the moment of the change; `data.payment`
// is the same object the API returns (with `livemode`, so receivers can tell test from live).
import type { PaymentsTable } from '../../db/schema.ts';
import type { EmitEventInput } from '../webhooks/index.ts';
import { paymentJson } from './payment.view.ts';

/** The payment lifecycle events. */
export type PaymentEventType = 'payment.created' | 'payment.succeeded' | 'payment.failed' | 'payment.expired' | 'payment.canceled';

/** The outbox input for a payment event. */
export function paymentEvent(type: PaymentEventType, row: PaymentsTable, publicUrl: string): EmitEventInput {
  return { accountId: row.account_id, type, occurredAt: row.updated_at, data: { payment: paymentJson(row, publicUrl) } };
}
