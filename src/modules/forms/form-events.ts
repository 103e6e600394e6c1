// The one place a form submission becomes a webhook event. It runs inside the transaction that
// stores the submission, so the event exists if and only if the submission does.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SubmissionData } from './submission.ts';

/** What a `form.submitted` event says. */
export interface FormSubmittedEvent {
  accountId: string;
  campaignId: string;
  shortCode: string;
  pageUrl: string;
  submissionId: string;
  data: SubmissionData;
  occurredAt: number;
}

/** Emits `form.submitted` in `trx`. */
export async function emitFormSubmitted(_trx: Transaction<Database>, _event: FormSubmittedEvent): Promise<void> {
  // WEBHOOKS-INTEGRATION: call emitEvent(trx, …) from src/modules/webhooks/outbox.ts here once the
  // webhooks module is merged; nothing else in the forms module changes.
}
