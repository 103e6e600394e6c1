// Bulk generation: up to 1,000 codes in one all-or-nothing request. Every URL is checked before
// anything is written, and one bad URL rejects the batch naming every bad entry.
import type { AppContext } from '../../context.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { resolveDesign } from '../templates/index.ts';
import { type BulkInput, MAX_BULK_NAME_LENGTH, MAX_BULK_URLS } from './bulk.schemas.ts';
import { assertBulkBudget, measureBulk } from './bulk-budget.ts';
import { createCampaignBatch } from './campaign-batch.service.ts';
import { assertCampaignEncodable, assertCodeDrawable, renderCampaignSvg } from './campaign-code.ts';
import type { Campaign } from './campaign.ts';
import { checkDestination } from './destination.ts';

export { MAX_BULK_URLS };
export type { BulkInput };

/** One created code, and its SVG when inlined. */
export interface BulkResult {
  batchId: string;
  campaigns: Campaign[];
  /** Null entries for morphing codes: their image only exists as a signed, live render. */
  svgs: Array<string | null> | null;
}

/** One rejected URL. */
export interface InvalidUrl {
  index: number;
  url: unknown;
  reason: string;
}

/**
 * Checks every URL (and every name, when given); returns the normalised URLs or throws one 400
 * naming each bad entry, so a caller fixes them all in one go.
 */
export function checkBulkUrls(urls: unknown[], names?: readonly unknown[]): string[] {
  if (urls.length === 0 || urls.length > MAX_BULK_URLS) {
    throw new AppError('validation_failed', `urls must hold 1 to ${MAX_BULK_URLS.toLocaleString('en')} URLs per request; got ${urls.length}. Split larger batches.`, {
      errors: [{ field: 'body/urls', message: `must hold 1 to ${MAX_BULK_URLS} items` }],
    });
  }
  const normalised: string[] = [];
  const invalid: InvalidUrl[] = [];
  urls.forEach((url, index) => {
    const check = checkDestination(url);
    if (check.ok) normalised.push(check.url);
    else invalid.push({ index, url, reason: check.reason });
  });
  const badNames: FieldError[] = [];
  names?.forEach((name, index) => {
    if (typeof name === 'string' && name.length > MAX_BULK_NAME_LENGTH) badNames.push({ field: `body/names/${index}`, message: `must be at most ${MAX_BULK_NAME_LENGTH} characters` });
  });
  if (invalid.length > 0 || badNames.length > 0) {
    const errors: FieldError[] = [...invalid.map((e) => ({ field: `body/urls/${e.index}`, message: e.reason })), ...badNames];
    const sample = errors
      .slice(0, 3)
      .map((e) => `${e.field.slice('body/'.length).replace(/\/(\d+)$/, '[$1]')} ${e.message}`)
      .join('; ');
    const longNames = `${badNames.length} ${badNames.length === 1 ? 'name is' : 'names are'} too long`;
    const what = invalid.length > 0 ? `${invalid.length} of ${urls.length} URLs are invalid` : longNames;
    const also = invalid.length > 0 && badNames.length > 0 ? ` (and ${longNames})` : '';
    throw new AppError('validation_failed', `${what}${also}, so nothing was created: ${sample}${errors.length > 3 ? '; …' : ''}.`, {
      errors,
      extensions: { invalid_urls: invalid.map((e) => ({ index: e.index, reason: e.reason })) },
    });
  }
  return normalised;
}

// Any URL up to this many characters fits a QR symbol even at ECC H (version 40-H holds 1,273
// bytes); only longer static URLs need a trial encode.
const ALWAYS_FITS = 1000;

function checkStaticCapacity(urls: string[], designConfig: Record<string, unknown>, publicUrl: string): void {
  const errors: FieldError[] = [];
  urls.forEach((destination, index) => {
    if (destination.length <= ALWAYS_FITS) return;
    try {
      assertCampaignEncodable({ qrType: 'static', destination, shortCode: '', designConfig }, publicUrl, `body/urls/${index}`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      errors.push(...(error.errors ?? []));
    }
  });
  if (errors.length > 0) {
    throw new AppError('content_too_long', `${errors.length} URLs are too long for a static QR code with this design, so nothing was created; shorten them or use qr_type 'dynamic'.`, { errors });
  }
}

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** Every check a bulk request passes before anything is written (URLs, design or template, static capacity, what it copies); throws the same 400s. */
export async function checkBulk(ctx: Ctx, accountId: string, input: BulkInput): Promise<{ destinations: string[]; design: Awaited<ReturnType<typeof resolveDesign>> }> {
  const destinations = checkBulkUrls(input.urls, input.names);
  if (input.names !== undefined && input.names.length !== input.urls.length) {
    throw new AppError('validation_failed', `names must hold one entry per URL (${input.urls.length}); got ${input.names.length}. Use an empty string for a default name.`, {
      errors: [{ field: 'body/names', message: `must hold ${input.urls.length} items, one per URL` }],
    });
  }
  const design = await resolveDesign(ctx, accountId, input);
  if (input.qr_type === 'static') checkStaticCapacity(destinations, design.designConfig, ctx.config.publicUrl);
  // Every code of a dynamic or morphing batch encodes a text of the same length: one check holds for all.
  else assertCodeDrawable(ctx, input.qr_type, design.designConfig);
  const copies = measureBulk({ qrType: input.qr_type, destinations, design: design.designConfig, inline: input.inline_svg, publicUrl: ctx.config.publicUrl });
  assertBulkBudget(copies, design.templateId !== null);
  return { destinations, design };
}

/** Creates one code per URL in one transaction (test campaigns when `livemode` is false: a test key's); renders the SVGs too when asked. */
export async function createBulk(ctx: Ctx, accountId: string, input: BulkInput, livemode: boolean): Promise<BulkResult> {
  const { destinations, design } = await checkBulk(ctx, accountId, input);
  const batchId = newId('bat');
  const campaigns = await createCampaignBatch(ctx, accountId, { batchId, qrType: input.qr_type, destinations, names: input.names, name: input.batch_name, ...design, livemode });
  // A morphing code's picture changes every step and needs a signed URL; a frozen copy would only ever show "expired".
  const svgs = input.inline_svg ? await Promise.all(campaigns.map((c) => (c.qrType === 'morphing' ? null : renderCampaignSvg(c, ctx.config.publicUrl)))) : null;
  return { batchId, campaigns, svgs };
}
