// Campaigns: every QR code an account owns (single or bulk-created), its destination and design.
// Static codes encode the destination; dynamic (and, for now, morphing) codes encode the short
// public URL and redirect through Tessera.
import { isDeepStrictEqual } from 'node:util';
import type { Updateable } from 'kysely';
import type { AppContext } from '../../context.ts';
import { fromFlag, isUniqueViolation, toFlag } from '../../db/dialect.ts';
import type { CampaignsTable } from '../../db/schema.ts';
import { AppError, notFound, testKeyRefused } from '../../errors.ts';
import { type Cursor, fetchPage, mapPage, type Page } from '../../http/cursor.ts';
import { isReservedPath, newId, newShortCode } from '../../ids.ts';
import { checkSlugRemoval, getPage, getPages, savePage } from '../pages/index.ts';
import { type DesignConfig, resolveDesign } from '../templates/index.ts';
import { emitEvent } from '../webhooks/index.ts';
import { campaignEvent } from './campaign-webhooks.ts';
import { assertCampaignEncodable, assertCodeDrawable } from './campaign-code.ts';
import {
  type CampaignFilter,
  countCampaignsWithStatus,
  findCampaign,
  findCampaignByShortCode,
  findRedirectRow,
  insertCampaigns,
  listCampaigns as listRows,
  type RedirectRow,
  slugHolder,
  updateActiveCampaign as updateRow,
} from './campaign.repo.ts';
import { type Campaign, type CampaignCaller, type CampaignStatus, type QrType, type RedirectTarget, toCampaign } from './campaign.ts';
import { checkDestination } from './destination.ts';
import { realChanges } from './campaign-echoes.ts';
import { campaignJson } from './campaign.view.ts';
import { assertScheduleOrder, parseScheduleInstant } from './schedule.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { CreateCampaignBody, UpdateCampaignBody } from './campaign.schemas.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;
/** What a change needs besides: the bus that tells this and every other instance's caches. */
type ChangeCtx = Ctx & Pick<AppContext, 'campaignChanges'>;
/** How often a create draws new short codes after a collision. */
export const SHORT_CODE_ATTEMPTS = 5;

function destinationOrThrow(raw: string, field = 'body/destination'): string {
  const check = checkDestination(raw);
  if (!check.ok) throw new AppError('validation_failed', `destination ${check.reason}.`, { errors: [{ field, message: check.reason }] });
  return check.url;
}

// A campaign slug is a public path segment (/p/{account}/{slug}); Tessera's own paths stay out of it.
function assertSlugAllowed(slug: string | null | undefined): void {
  if (slug && isReservedPath(slug)) {
    throw new AppError('validation_failed', `slug '${slug}' is reserved for Tessera's own pages; choose another.`, { errors: [{ field: 'body/slug', message: 'is reserved; choose another' }] });
  }
}

function slugConflict(slug: string, holder?: Pick<CampaignsTable, 'id' | 'status'>): AppError {
  // An archived campaign keeps its address for good: its printed codes and shared page links must
  // never start leading to another campaign's page.
  const detail =
    holder?.status === 'archived'
      ? `The slug '${slug}' belongs to the archived campaign ${holder.id}: archived campaigns keep their address so links to them never lead somewhere else; choose another.`
      : `This account already has a campaign with slug '${slug}'; choose another.`;
  return new AppError('conflict', detail, { errors: [{ field: 'body/slug', message: holder?.status === 'archived' ? 'is kept by an archived campaign' : 'is taken' }] });
}

/** The conflict for a slug another campaign of the account holds, or null when it is free. */
async function slugTaken(ctx: Ctx, accountId: string, slug: string | null | undefined, exceptId?: string): Promise<AppError | null> {
  if (!slug) return null;
  const holder = await slugHolder(ctx.db, accountId, slug, exceptId);
  return holder ? slugConflict(slug, holder) : null;
}

/** Creates one campaign: a test campaign when the caller uses a test key, else a live one. */
export async function createCampaign(ctx: Ctx, caller: CampaignCaller, input: CreateCampaignBody): Promise<Campaign> {
  const { accountId } = caller;
  const destination = destinationOrThrow(input.destination);
  const design = await resolveDesign(ctx, accountId, input);
  if (input.qr_type === 'static') assertCampaignEncodable({ qrType: 'static', destination, shortCode: '', designConfig: design.designConfig }, ctx.config.publicUrl);
  else assertCodeDrawable(ctx, input.qr_type, design.designConfig);
  const schedule = { activeFrom: parseScheduleInstant('active_from', input.active_from ?? null), activeUntil: parseScheduleInstant('active_until', input.active_until ?? null) };
  assertScheduleOrder(schedule);
  const slug = input.slug ?? null;
  assertSlugAllowed(slug);
  const taken = await slugTaken(ctx, accountId, slug);
  if (taken) throw taken;
  const now = ctx.clock.now();
  for (let attempt = 1; ; attempt++) {
    const row: CampaignsTable = {
      id: newId('cmp'),
      account_id: accountId,
      name: input.name.trim(),
      slug,
      qr_type: input.qr_type,
      status: 'active',
      destination,
      short_code: newShortCode(),
      design_config: JSON.stringify(design.designConfig),
      template_id: design.templateId,
      batch_id: null,
      created_at: now,
      updated_at: now,
      archived_at: null,
      active_from: schedule.activeFrom,
      active_until: schedule.activeUntil,
      livemode: toFlag(!caller.testMode),
    };
    try {
      // The campaign and its hosted page are written together: an invalid page leaves no campaign.
      const hostedPage = await inTransaction(ctx.db, async (trx) => {
        await insertCampaigns(trx, [row]);
        await emitEvent(trx, campaignEvent('campaign.created', toCampaign(row), now));
        if (input.hosted_page === undefined || input.hosted_page === null) return null;
        return savePage({ db: trx, clock: ctx.clock }, { accountId, campaignId: row.id, campaignSlug: slug, input: input.hosted_page });
      });
      return { ...toCampaign(row), hostedPage };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const conflict = await slugTaken(ctx, accountId, slug);
      if (conflict) throw conflict;
      if (attempt >= SHORT_CODE_ATTEMPTS) throw error;
    }
  }
}

/** One campaign of the account (404 when missing or another account's). */
export async function getCampaign(ctx: Ctx, accountId: string, id: string): Promise<Campaign> {
  const row = await findCampaign(ctx.db, accountId, id);
  if (!row) throw notFound(`Campaign '${id}'`);
  return { ...toCampaign(row), hostedPage: await getPage(ctx, accountId, id) };
}

/**
 * 404 unless the account has the campaign `campaignId` and a code of the bulk batch `batchId`
 * (each when given). A list filtered by an id that names nothing is a typo or another account's
 * id: an empty page would read as "no check-ins yet" on the night that matters.
 */
export async function assertFilterTargets(ctx: Pick<AppContext, 'db'>, accountId: string, filter: { campaignId?: string; batchId?: string }): Promise<void> {
  if (filter.campaignId && !(await findCampaign(ctx.db, accountId, filter.campaignId))) throw notFound(`Campaign '${filter.campaignId}'`);
  if (filter.batchId && (await listRows(ctx.db, accountId, { batchId: filter.batchId }, 1)).length === 0) throw notFound(`Batch '${filter.batchId}'`);
}

/** Whether the account's bulk request `batchId` made live or test codes; 404 when it has no such batch. */
export async function batchMode(ctx: Pick<AppContext, 'db'>, accountId: string, batchId: string): Promise<{ livemode: boolean }> {
  const [first] = await listRows(ctx.db, accountId, { batchId }, 1);
  if (!first) throw notFound(`Batch '${batchId}'`);
  return { livemode: fromFlag(first.livemode) };
}

/** Why a test key may not touch a live campaign, unless a caller says better. */
const LIVE_CAMPAIGN = 'it is a live campaign (made with a prd key or the dashboard), and tst keys manage only the test campaigns they make';

/**
 * The account's campaign `id` for `caller` to change, or to read the secrets or personal data of:
 * 404 when it is not the account's, 403 when a test key would act on a live campaign (a leaked
 * test key must not redirect, switch off or reconfigure printed codes). `action` names what was
 * tried, as a verb phrase ending before the campaign ("change", "read the form answers of"). Every
 * such service function, in this module and others, starts here.
 */
export async function campaignFor(ctx: Ctx, caller: CampaignCaller, id: string, action: string, why = LIVE_CAMPAIGN): Promise<Campaign> {
  const campaign = await getCampaign(ctx, caller.accountId, id);
  if (caller.testMode && campaign.livemode) throw testKeyRefused(`${action} campaign '${id}'`, why);
  return campaign;
}

/** How many active (not archived) campaigns the account has. */
export async function countActiveCampaigns(ctx: Pick<AppContext, 'db'>, accountId: string): Promise<number> {
  return countCampaignsWithStatus(ctx.db, accountId, 'active');
}

/** A page of campaigns, newest first, and the next page's cursor. */
export async function listCampaigns(ctx: Ctx, accountId: string, filter: CampaignFilter, limit: number, cursor?: Cursor): Promise<Page<Campaign>> {
  await assertFilterTargets(ctx, accountId, { batchId: filter.batchId });
  const page = mapPage(await fetchPage(limit, (take) => listRows(ctx.db, accountId, filter, take, cursor)), toCampaign);
  const pages = await getPages(
    ctx,
    accountId,
    page.items.map((c) => c.id),
  );
  for (const item of page.items) item.hostedPage = pages.get(item.id) ?? null;
  return page;
}

/** Changes a campaign's name, slug, destination or design; the redirect follows at once. Echoed fields are no change. */
export async function updateCampaign(ctx: ChangeCtx, caller: CampaignCaller, id: string, body: UpdateCampaignBody): Promise<Campaign> {
  const { accountId } = caller;
  const current = await campaignFor(ctx, caller, id, 'change');
  if (current.status === 'archived') throw archivedConflict(id);
  // Fields sent back as GET answered them change nothing; a body of only those is no change at
  // all (no updated_at, no webhook, no cache invalidation).
  const patch = realChanges(body, campaignJson(current, ctx.config.publicUrl));
  if (Object.keys(patch).length === 0) return current;
  if (patch.qr_type !== undefined && patch.qr_type !== current.qrType) {
    throw new AppError('validation_failed', `qr_type cannot change (this campaign is '${current.qrType}'); create a new campaign instead.`, {
      errors: [{ field: 'body/qr_type', message: 'cannot change after creation' }],
    });
  }
  const set: Updateable<CampaignsTable> = {};
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.slug !== undefined) {
    assertSlugAllowed(patch.slug);
    const taken = await slugTaken(ctx, accountId, patch.slug, id);
    if (taken) throw taken;
    set.slug = patch.slug;
  }
  if (patch.destination !== undefined) set.destination = destinationOrThrow(patch.destination);
  if (patch.active_from !== undefined) set.active_from = parseScheduleInstant('active_from', patch.active_from);
  if (patch.active_until !== undefined) set.active_until = parseScheduleInstant('active_until', patch.active_until);
  assertScheduleOrder({ activeFrom: set.active_from === undefined ? current.activeFrom : set.active_from, activeUntil: set.active_until === undefined ? current.activeUntil : set.active_until });
  if (patch.template_id || patch.design_config !== undefined) {
    const design = await resolveDesign(ctx, accountId, patch);
    set.design_config = JSON.stringify(design.designConfig);
    set.template_id = design.templateId;
  } else if (patch.template_id === null) {
    // Detaching the template keeps the design it gave.
    set.template_id = null;
  }
  if (current.qrType === 'static' && (set.destination !== undefined || set.design_config !== undefined)) {
    const designConfig = set.design_config ? (JSON.parse(set.design_config) as DesignConfig) : current.designConfig;
    assertCampaignEncodable({ qrType: 'static', destination: set.destination ?? current.destination, shortCode: '', designConfig }, ctx.config.publicUrl);
  } else if (current.qrType !== 'static' && set.design_config !== undefined) {
    assertCodeDrawable(ctx, current.qrType, JSON.parse(set.design_config) as DesignConfig, current);
  }
  dropUnchanged(set, current);
  if (Object.keys(set).length === 0 && patch.hosted_page === undefined) return current;
  set.updated_at = Math.max(ctx.clock.now(), current.updatedAt);
  let row: CampaignsTable | undefined;
  let hostedPage = current.hostedPage ?? null;
  try {
    row = await inTransaction(ctx.db, async (trx) => {
      const updated = await updateRow(trx, accountId, id, set);
      // Checked here, after the write that holds the campaign's row: a page published by a request
      // running at the same time is then either seen (and the removal refused) or saved after this
      // commits, against the slug this leaves (and refused there).
      if (updated && set.slug === null && patch.hosted_page === undefined) await checkSlugRemoval({ db: trx }, accountId, id);
      if (updated) {
        const changed = [...Object.keys(set).filter((k) => k !== 'updated_at'), ...(patch.hosted_page !== undefined ? ['hosted_page'] : [])];
        await emitEvent(trx, campaignEvent('campaign.updated', toCampaign(updated), set.updated_at!, changed));
        await ctx.campaignChanges.announce(trx, updated.short_code);
      }
      if (updated && patch.hosted_page !== undefined) {
        hostedPage = await savePage({ db: trx, clock: ctx.clock }, { accountId, campaignId: id, campaignSlug: updated.slug, input: patch.hosted_page });
      }
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error) && patch.slug) throw (await slugTaken(ctx, accountId, patch.slug, id)) ?? slugConflict(patch.slug);
    throw error;
  }
  // Archived by another request since it was read: answered as if the archive had come first.
  if (!row) {
    await getCampaign(ctx, accountId, id); // 404 when it is gone altogether
    throw archivedConflict(id);
  }
  ctx.campaignChanges.changed(row.short_code);
  return { ...toCampaign(row), hostedPage: hostedPage && patch.slug !== undefined ? await getPage(ctx, accountId, id) : hostedPage };
}

function archivedConflict(id: string): AppError {
  return new AppError('conflict', `Campaign '${id}' is archived and can no longer change.`);
}

// A value that differs as sent but not once normalised (a name with spaces around it, a template
// applied again that gives the same design) changes nothing: no updated_at, no webhook.
function dropUnchanged(set: Updateable<CampaignsTable>, current: Campaign): void {
  const stored: Record<string, unknown> = {
    name: current.name,
    slug: current.slug,
    destination: current.destination,
    active_from: current.activeFrom,
    active_until: current.activeUntil,
    template_id: current.templateId,
  };
  for (const [key, value] of Object.entries(set)) {
    const same = key === 'design_config' ? isDeepStrictEqual(JSON.parse(value as string), current.designConfig) : value === stored[key];
    if (same) delete set[key as keyof typeof set];
  }
}

/** Archives a campaign: its record and scans stay, its code answers 410. Repeating is harmless. */
export async function archiveCampaign(ctx: ChangeCtx, caller: CampaignCaller, id: string): Promise<Campaign> {
  const { accountId } = caller;
  const current = await campaignFor(ctx, caller, id, 'archive');
  if (current.status === 'archived') return current;
  const now = ctx.clock.now();
  const row = await inTransaction(ctx.db, async (trx) => {
    const archived = await updateRow(trx, accountId, id, { status: 'archived', archived_at: now, updated_at: Math.max(now, current.updatedAt) });
    if (archived) {
      await emitEvent(trx, campaignEvent('campaign.archived', toCampaign(archived), now));
      await ctx.campaignChanges.announce(trx, archived.short_code);
    }
    return archived;
  });
  // Another request archived it since it was read: that one emitted the event; this one repeats.
  if (!row) return getCampaign(ctx, accountId, id);
  ctx.campaignChanges.changed(row.short_code);
  return { ...toCampaign(row), hostedPage: current.hostedPage ?? null };
}

/** The redirect facts for a short code, or undefined when no such code exists. */
export async function findRedirectTarget(ctx: Pick<AppContext, 'db'>, shortCode: string): Promise<RedirectTarget | undefined> {
  const row: RedirectRow | undefined = await findRedirectRow(ctx.db, shortCode);
  if (!row) return undefined;
  return {
    campaignId: row.id,
    accountId: row.account_id,
    destination: row.destination,
    status: row.status as CampaignStatus,
    qrType: row.qr_type as QrType,
    activeFrom: row.active_from,
    activeUntil: row.active_until,
  };
}

/** The campaign behind a public short code (any account), for rendering. */
export async function findCampaignByCode(ctx: Pick<AppContext, 'db'>, shortCode: string): Promise<Campaign | undefined> {
  const row = await findCampaignByShortCode(ctx.db, shortCode);
  return row ? toCampaign(row) : undefined;
}
