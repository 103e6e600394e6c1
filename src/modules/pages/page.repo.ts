// Hosted pages: one row per campaign. Public lookups join the campaign and account (read-only)
// so the public hot path answers with one query by slugs or by short code.
import type { Kysely, Transaction } from 'kysely';
import type { Database, HostedPagesTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A page row with the identity of its campaign and account. */
export interface PageRow extends HostedPagesTable {
  short_code: string;
  campaign_slug: string | null;
  campaign_status: string;
  account_slug: string;
}

function pagesWithOwners(db: Db) {
  return db
    .selectFrom('hosted_pages as hp')
    .innerJoin('campaigns as c', 'c.id', 'hp.campaign_id')
    .innerJoin('accounts as a', 'a.id', 'hp.account_id')
    .selectAll('hp')
    .select(['c.short_code as short_code', 'c.slug as campaign_slug', 'c.status as campaign_status', 'a.slug as account_slug']);
}

/** Inserts or replaces the page of a campaign. */
export async function upsertPage(db: Db, row: HostedPagesTable): Promise<void> {
  await db
    .insertInto('hosted_pages')
    .values(row)
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ config: row.config, published: row.published, updated_at: row.updated_at }))
    .execute();
}

/** Removes the page of a campaign (its submissions stay). */
export async function deletePage(db: Db, accountId: string, campaignId: string): Promise<void> {
  await db.deleteFrom('hosted_pages').where('account_id', '=', accountId).where('campaign_id', '=', campaignId).execute();
}

/** The page of one of the account's campaigns. */
export async function findPage(db: Db, accountId: string, campaignId: string): Promise<PageRow | undefined> {
  return pagesWithOwners(db).where('hp.account_id', '=', accountId).where('hp.campaign_id', '=', campaignId).executeTakeFirst();
}

/** The pages of several of the account's campaigns. */
export async function findPages(db: Db, accountId: string, campaignIds: readonly string[]): Promise<PageRow[]> {
  if (campaignIds.length === 0) return [];
  return pagesWithOwners(db)
    .where('hp.account_id', '=', accountId)
    .where('hp.campaign_id', 'in', [...campaignIds])
    .execute();
}

/** A published page of an active campaign, by account slug and campaign slug. */
export async function findPublishedBySlugs(db: Db, accountSlug: string, campaignSlug: string): Promise<PageRow | undefined> {
  return pagesWithOwners(db).where('a.slug', '=', accountSlug).where('c.slug', '=', campaignSlug).where('c.status', '=', 'active').where('hp.published', '=', 1).executeTakeFirst();
}

/** A published page of an active campaign, by the campaign's short code. */
export async function findPublishedByCode(db: Db, shortCode: string): Promise<PageRow | undefined> {
  return pagesWithOwners(db).where('c.short_code', '=', shortCode).where('c.status', '=', 'active').where('hp.published', '=', 1).executeTakeFirst();
}
