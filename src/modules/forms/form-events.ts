// The one place a form submission becomes a webhook event. It runs inside the transaction that
// stores the submission, so the event exists if and only if the submission does.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { emitEvent } from '../webhooks/index.ts';
import type { SubmissionData } from './submission.ts';
import { toIso } from '../../http/iso.ts';

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

/** Emits `form.submitted` in `trx`. A campaign has one form, so the form's id is the campaign's. */
export async function emitFormSubmitted(trx: Transaction<Database>, event: FormSubmittedEvent): Promise<void> {
  await emitEvent(trx, {
    accountId: event.accountId,
    type: 'form.submitted',
    data: {
      form: { id: event.campaignId, campaign_id: event.campaignId, short_code: event.shortCode, page_url: event.pageUrl },
      submission: { id: event.submissionId, fields: event.data, submitted_at: toIso(event.occurredAt) },
    },
    occurredAt: event.occurredAt,
  });
}
