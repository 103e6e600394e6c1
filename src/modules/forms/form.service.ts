// Hosted forms: accepting a visitor's submission (rate limited, honeypot, validated against the
// page's fields, stored with its webhook event in one transaction) and the owner's read side.
import type { AppContext } from '../../context.ts';
import { deriveKey, hmacSha256 } from '../../crypto/keys.ts';
import type { FormSubmissionsTable } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { type Cursor, fetchPage, mapPage, type Page } from '../../http/cursor.ts';
import { clientNetwork } from '../../http/client-ip.ts';
import { type RateLimiter, rateLimitedError } from '../../http/rate-limit.ts';
import { newId } from '../../ids.ts';
import { type CampaignCaller, campaignFor } from '../campaigns/index.ts';
import { type FieldIssue, findPublishedPageByCode, type FormField, getPage, type PublicPage } from '../pages/index.ts';
import { csvRow } from '../../csv.ts';
import { emitFormSubmitted } from './form-events.ts';
import { insertSubmission, listSubmissions as listRows } from './form.repo.ts';
import { checkSubmission, type SubmissionData } from './submission.ts';
import { inTransaction } from '../../db/transaction.ts';
import { toIso } from '../../http/iso.ts';

/** Valid submissions accepted per sender IP and form per window (invalid ones are not counted). */
export const FORM_RATE_LIMIT = { limit: 10, windowMs: 60_000 } as const;

/** A stored submission. */
export interface Submission {
  id: string;
  campaignId: string;
  data: SubmissionData;
  createdAt: number;
}

/** The outcome of a submission: accepted (maybe silently dropped as spam) or invalid with a message per field. */
export type SubmitOutcome =
  | { status: 'accepted'; page: PublicPage; submission: Submission; stored: boolean }
  | { status: 'invalid'; page: PublicPage; errors: Record<string, FieldIssue>; values: Record<string, string | boolean> };

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** What a visitor sent. */
export interface SubmitInput {
  shortCode: string;
  body: unknown;
  /** The sender's address (request.ip), for the rate limit and the stored hash. */
  ip: string;
}

function ipHash(ctx: Ctx, ip: string): string | null {
  if (ctx.config.ipStorage === 'none' || !ip) return null;
  // Keyed and truncated: lets an owner spot one sender flooding a form without storing the address.
  return hmacSha256(deriveKey(ctx.config.masterKey, 'form-submission-ip'), ip).toString('hex').slice(0, 32);
}

function toSubmission(row: FormSubmissionsTable): Submission {
  return { id: row.id, campaignId: row.campaign_id, data: JSON.parse(row.data) as SubmissionData, createdAt: row.created_at };
}

/** Accepts a submission to the form behind `shortCode`: 404 unknown/unpublished, 429 over the limit. */
export async function submitForm(ctx: Ctx & { rateLimiter: RateLimiter }, input: SubmitInput): Promise<SubmitOutcome> {
  const page = await findPublishedPageByCode(ctx, input.shortCode);
  if (!page?.config.form) throw notFound(`A published form with code '${input.shortCode}'`);
  const now = ctx.clock.now();
  const check = checkSubmission(page.config.form.fields, input.body);
  // Only submissions that pass validation are counted: the limit guards what is stored and sent
  // on (rows, webhooks), and an invalid one stores nothing and costs one validation, while counting
  // it sent a visitor correcting their entries (or a kiosk's visitors behind one address) a 429.
  if (!check.ok) return { status: 'invalid', page, errors: check.errors, values: check.values };
  // Honeypot hits pass validation and count too, so a bot is slowed without being told.
  const hit = await ctx.rateLimiter.hit(`form:${page.shortCode}:${clientNetwork(input.ip)}`, FORM_RATE_LIMIT.limit, FORM_RATE_LIMIT.windowMs, now);
  if (!hit.allowed) throw rateLimitedError(hit, 'Too many submissions from your address to this form; wait the number of seconds in Retry-After and send again.');
  const submission: Submission = { id: newId('sub'), campaignId: page.campaignId, data: check.data, createdAt: now };
  // A bot that filled the honeypot is told the same thing a person is, and nothing is kept.
  if (check.honeypot) return { status: 'accepted', page, submission, stored: false };
  await inTransaction(ctx.db, async (trx) => {
    await insertSubmission(trx, {
      id: submission.id,
      account_id: page.accountId,
      campaign_id: page.campaignId,
      data: JSON.stringify(submission.data),
      ip_hash: ipHash(ctx, input.ip),
      created_at: now,
    });
    await emitFormSubmitted(trx, {
      accountId: page.accountId,
      campaignId: page.campaignId,
      shortCode: page.shortCode,
      pageUrl: page.url,
      submissionId: submission.id,
      data: submission.data,
      occurredAt: now,
    });
  });
  return { status: 'accepted', page, submission, stored: true };
}

// What visitors of a live campaign typed is personal data: a test key, the kind left in CI and on laptops, reads only its test campaigns' answers.
const PERSONAL_DATA = "it is a live campaign, and its form answers are its visitors' personal data";

/** A page of a campaign's submissions, newest first (404 when the campaign is not the account's, 403 for a test key on a live one). */
export async function listSubmissions(ctx: Ctx, caller: CampaignCaller, campaignId: string, limit: number, cursor?: Cursor): Promise<Page<Submission>> {
  const { accountId } = caller;
  await campaignFor(ctx, caller, campaignId, 'read the form answers of', PERSONAL_DATA);
  return mapPage(await fetchPage(limit, (take) => listRows(ctx.db, accountId, campaignId, take, cursor)), toSubmission);
}

const EXPORT_BATCH = 500;

/** A CSV export: the campaign's short code (for the file name) and its lines, produced lazily. */
export interface SubmissionExport {
  shortCode: string;
  lines: AsyncGenerator<string>;
}

// Every submission of the campaign, newest first, in batches.
async function* submissionRows(ctx: Ctx, accountId: string, campaignId: string): AsyncGenerator<FormSubmissionsTable> {
  let cursor: Cursor | undefined;
  for (;;) {
    const rows = await listRows(ctx.db, accountId, campaignId, EXPORT_BATCH, cursor);
    yield* rows;
    if (rows.length < EXPORT_BATCH) return;
    const last = rows.at(-1)!;
    cursor = { createdAt: last.created_at, id: last.id };
  }
}

async function* csvLines(ctx: Ctx, accountId: string, campaignId: string, fields: readonly FormField[]): AsyncGenerator<string> {
  // The form's questions, then any a stored answer has that the form no longer asks (a question
  // removed or renamed, the whole form taken off the page): an export must not drop what was sent.
  // Finding those takes a first pass over the answers, before the header row can be written.
  const names = fields.map((f) => f.name);
  const known = new Set(names);
  for await (const row of submissionRows(ctx, accountId, campaignId)) {
    for (const name of Object.keys(JSON.parse(row.data) as SubmissionData)) {
      if (!known.has(name)) {
        known.add(name);
        names.push(name);
      }
    }
  }
  yield csvRow([...names, 'created_at']);
  for await (const row of submissionRows(ctx, accountId, campaignId)) {
    const data = JSON.parse(row.data) as SubmissionData;
    yield csvRow([...names.map((n) => data[n]), toIso(row.created_at)]);
  }
}

/** Every submission of a campaign as CSV: a column per form field, then per question answered but no longer asked, then created_at (404 when not the account's, 403 for a test key on a live one). */
export async function exportSubmissions(ctx: Ctx, caller: CampaignCaller, campaignId: string): Promise<SubmissionExport> {
  const { accountId } = caller;
  const campaign = await campaignFor(ctx, caller, campaignId, 'export the form answers of', PERSONAL_DATA);
  const page = await getPage(ctx, accountId, campaignId);
  return { shortCode: campaign.shortCode, lines: csvLines(ctx, accountId, campaignId, page?.config.form?.fields ?? []) };
}
