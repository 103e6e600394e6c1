// Campaign rows: single campaigns and bulk-created codes alike.
import { type Kysely, sql, type Updateable } from 'kysely';
import { type KeysetPosition, newestFirst } from '../../db/keyset.ts';
import type { CampaignsTable, Database } from '../../db/schema.ts';

/** Rows per INSERT: 500 × 15 columns stays far under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const INSERT_CHUNK = 500;

/** What the redirect hot path needs about a code. */
export interface RedirectRow {
  id: string;
  account_id: string;
  destination: string;
  status: CampaignsTable['status'];
  qr_type: CampaignsTable['qr_type'];
  active_from: number | null;
  active_until: number | null;
}

/** Inserts campaigns with chunked multi-row INSERTs; run it inside a transaction for all or nothing. */
export async function insertCampaigns(db: Kysely<Database>, rows: CampaignsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await db
      .insertInto('campaigns')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
}

/** One campaign of the account, or undefined. */
export async function findCampaign(db: Kysely<Database>, accountId: string, id: string): Promise<CampaignsTable | undefined> {
  return db.selectFrom('campaigns').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

/** The campaign behind a public short code, whatever its account. */
export async function findCampaignByShortCode(db: Kysely<Database>, shortCode: string): Promise<CampaignsTable | undefined> {
  return db.selectFrom('campaigns').selectAll().where('short_code', '=', shortCode).executeTakeFirst();
}

/** The few columns a redirect needs, by short code. */
export async function findRedirectRow(db: Kysely<Database>, shortCode: string): Promise<RedirectRow | undefined> {
  return db.selectFrom('campaigns').select(['id', 'account_id', 'destination', 'status', 'qr_type', 'active_from', 'active_until']).where('short_code', '=', shortCode).executeTakeFirst();
}

/** How many of the account's campaigns are in `status`. */
export async function countCampaignsWithStatus(db: Kysely<Database>, accountId: string, status: CampaignsTable['status']): Promise<number> {
  const row = await db
    .selectFrom('campaigns')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('account_id', '=', accountId)
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The account's campaign holding this slug (other than `exceptId`), if any. */
export async function slugHolder(db: Kysely<Database>, accountId: string, slug: string, exceptId?: string): Promise<Pick<CampaignsTable, 'id' | 'status'> | undefined> {
  let query = db.selectFrom('campaigns').select(['id', 'status']).where('account_id', '=', accountId).where('slug', '=', slug);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

/** Filters of the campaign list. */
export interface CampaignFilter {
  status?: CampaignsTable['status'];
  qrType?: CampaignsTable['qr_type'];
  batchId?: string;
  /** Part of the name, matched case-insensitively (a plain substring: % and _ match themselves). */
  nameContains?: string;
}

// LIKE's own wildcards (and the escape character) in a search term are escaped to stay literal.
function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A page of the account's campaigns, newest first, after `cursor`. */
export async function listCampaigns(db: Kysely<Database>, accountId: string, filter: CampaignFilter, limit: number, cursor?: KeysetPosition): Promise<CampaignsTable[]> {
  let query = db.selectFrom('campaigns').selectAll().where('account_id', '=', accountId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.qrType) query = query.where('qr_type', '=', filter.qrType);
  if (filter.batchId) query = query.where('batch_id', '=', filter.batchId);
  // lower() … LIKE … ESCAPE reads the same on SQLite and PostgreSQL (PostgreSQL's LIKE is case-sensitive, SQLite's only for non-ASCII).
  if (filter.nameContains) query = query.where(sql<boolean>`lower(name) like ${likePattern(filter.nameContains)} escape '\\'`);
  return newestFirst(query, limit, cursor).execute();
}

/**
 * Updates an active campaign of the account; returns the new row, or undefined when the account has
 * no active campaign `id` (none, or archived). The status is checked in the write itself: a request
 * that read the campaign as active while another archived it must not change it or archive it again.
 */
export async function updateActiveCampaign(db: Kysely<Database>, accountId: string, id: string, patch: Updateable<CampaignsTable>): Promise<CampaignsTable | undefined> {
  const result = await db.updateTable('campaigns').set(patch).where('account_id', '=', accountId).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return findCampaign(db, accountId, id);
}
