// Hosted pages: saving a campaign's page (called by the campaigns service inside its
// transaction), reading it back, and finding published pages for the public routes.
import type { AppContext } from '../../context.ts';
import { toFlag } from '../../db/dialect.ts';
import { AppError } from '../../errors.ts';
import { DEFAULT_THEME, type PageConfig, validatePageConfig } from './page-config.ts';
import { deletePage, findPage, findPages, findPublishedByCode, findPublishedBySlugs, type PageRow, upsertPage } from './page.repo.ts';

// `db` may be a transaction: the campaigns service saves a page inside the one that writes the campaign.
type Ctx = Pick<AppContext, 'db'>;

/** A campaign's page as its owner sees it. */
export interface HostedPage {
  campaignId: string;
  config: PageConfig;
  published: boolean;
  /** Public path `/p/{account slug}/{campaign slug}` (below TESSERA_PUBLIC_URL), or null while the campaign has no slug. */
  path: string | null;
  /** Whether the campaign is archived (its page is then shown to nobody, published or not). */
  archived: boolean;
  updatedAt: number;
}

/** A published page as the public routes need it. */
export interface PublicPage {
  campaignId: string;
  accountId: string;
  shortCode: string;
  accountSlug: string;
  campaignSlug: string;
  config: PageConfig;
  /** Absolute page URL. */
  url: string;
  /** Absolute form submission URL, or null when the page has no form. */
  submitUrl: string | null;
  updatedAt: number;
}

/** What savePage needs: the campaign (already written in `db`) and the untrusted document. */
export interface SavePageInput {
  accountId: string;
  campaignId: string;
  /** The campaign's slug after this change. */
  campaignSlug: string | null;
  /** The page document, or null to remove the page. */
  input: unknown;
  /** Prefix of field errors, where the document sits in the request (`body/hosted_page`, as every validation error names its field). */
  fieldPrefix?: string;
}

/** Path of a hosted page below the public URL. */
export function pagePath(accountSlug: string, campaignSlug: string): string {
  return `/p/${encodeURIComponent(accountSlug)}/${encodeURIComponent(campaignSlug)}`;
}

/** Path that receives a page's form. */
export function submitPath(shortCode: string): string {
  return `/api/v1/forms/submit/${encodeURIComponent(shortCode)}`;
}

// Documents saved before a field existed get that field's default.
function parseConfig(row: PageRow): PageConfig {
  const config = JSON.parse(row.config) as PageConfig;
  return { ...config, theme: { ...DEFAULT_THEME, ...config.theme }, form: config.form && { ...config.form, next_url: config.form.next_url ?? null, next_label: config.form.next_label ?? null } };
}

function toHostedPage(row: PageRow): HostedPage {
  return {
    campaignId: row.campaign_id,
    config: parseConfig(row),
    published: row.published === 1,
    path: row.campaign_slug ? pagePath(row.account_slug, row.campaign_slug) : null,
    archived: row.campaign_status === 'archived',
    updatedAt: row.updated_at,
  };
}

function toPublicPage(row: PageRow, publicUrl: string): PublicPage {
  const config = parseConfig(row);
  return {
    campaignId: row.campaign_id,
    accountId: row.account_id,
    shortCode: row.short_code,
    accountSlug: row.account_slug,
    campaignSlug: row.campaign_slug!,
    config,
    url: publicUrl + pagePath(row.account_slug, row.campaign_slug!),
    submitUrl: config.form ? publicUrl + submitPath(row.short_code) : null,
    updatedAt: row.updated_at,
  };
}

function slugRequired(field: string): AppError {
  return new AppError('validation_failed', 'A published page is reached at /p/{account slug}/{campaign slug}: give the campaign a slug, or set hosted_page.published to false.', {
    errors: [{ field, message: 'is required to publish the hosted page' }],
  });
}

/** Validates and stores (or, for null, removes) a campaign's page; 400 with field errors when the document is invalid. */
export async function savePage(ctx: Pick<AppContext, 'db' | 'clock'>, page: SavePageInput): Promise<HostedPage | null> {
  const db = ctx.db;
  if (page.input === null) {
    await deletePage(db, page.accountId, page.campaignId);
    return null;
  }
  const prefix = page.fieldPrefix ?? 'body/hosted_page';
  const result = validatePageConfig(page.input, prefix);
  if (!result.ok) {
    const summary = result.errors
      .slice(0, 3)
      .map((e) => `${e.field} ${e.message}`)
      .join('; ');
    throw new AppError('validation_failed', `The hosted page is invalid: ${summary}${result.errors.length > 3 ? '; …' : ''}.`, { errors: result.errors });
  }
  if (result.config.published && !page.campaignSlug) throw slugRequired('body/slug');
  const now = ctx.clock.now();
  await upsertPage(db, {
    campaign_id: page.campaignId,
    account_id: page.accountId,
    config: JSON.stringify(result.config),
    published: toFlag(result.config.published),
    created_at: now,
    updated_at: now,
  });
  const row = await findPage(db, page.accountId, page.campaignId);
  return row ? toHostedPage(row) : null;
}

/** Refuses to clear the slug of a campaign whose page is published (it would become unreachable). */
export async function checkSlugRemoval(ctx: Ctx, accountId: string, campaignId: string): Promise<void> {
  const row = await findPage(ctx.db, accountId, campaignId);
  if (row?.published === 1) throw slugRequired('body/slug');
}

/** The page of one of the account's campaigns, or null. */
export async function getPage(ctx: Ctx, accountId: string, campaignId: string): Promise<HostedPage | null> {
  const row = await findPage(ctx.db, accountId, campaignId);
  return row ? toHostedPage(row) : null;
}

/** The pages of several of the account's campaigns, by campaign id. */
export async function getPages(ctx: Ctx, accountId: string, campaignIds: readonly string[]): Promise<Map<string, HostedPage>> {
  const rows = await findPages(ctx.db, accountId, campaignIds);
  return new Map(rows.map((row) => [row.campaign_id, toHostedPage(row)]));
}

/** A published page of an active campaign by slugs; undefined when unknown, archived or unpublished. */
export async function findPublishedPage(ctx: Pick<AppContext, 'db' | 'config'>, accountSlug: string, campaignSlug: string): Promise<PublicPage | undefined> {
  const row = await findPublishedBySlugs(ctx.db, accountSlug, campaignSlug);
  return row ? toPublicPage(row, ctx.config.publicUrl) : undefined;
}

/** A published page of an active campaign by its short code; undefined when unknown, archived or unpublished. */
export async function findPublishedPageByCode(ctx: Pick<AppContext, 'db' | 'config'>, shortCode: string): Promise<PublicPage | undefined> {
  const row = await findPublishedByCode(ctx.db, shortCode);
  return row ? toPublicPage(row, ctx.config.publicUrl) : undefined;
}
