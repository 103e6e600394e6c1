// Queries of the morph_codes table: a code's secret version and re-entry policy.
import { type Kysely, sql } from 'kysely';
import type { Database, MorphCodesTable } from '../../db/schema.ts';

/** The settings row of a code, or undefined while it has the defaults. */
export async function findMorphCode(db: Kysely<Database>, campaignId: string): Promise<MorphCodesTable | undefined> {
  return db.selectFrom('morph_codes').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
}

/** Secret versions of those codes that have a settings row (the others are at version 1). */
export async function findSecretVersions(db: Kysely<Database>, campaignIds: readonly string[]): Promise<Array<{ campaign_id: string; secret_version: number }>> {
  if (campaignIds.length === 0) return [];
  return db.selectFrom('morph_codes').select(['campaign_id', 'secret_version']).where('campaign_id', 'in', campaignIds).execute();
}

/** Bumps the secret version (creating the row at version 2 from the implicit 1); returns the new row. */
export async function bumpSecretVersion(db: Kysely<Database>, campaignId: string, accountId: string, now: number): Promise<MorphCodesTable> {
  return db
    .insertInto('morph_codes')
    .values({ campaign_id: campaignId, account_id: accountId, secret_version: 2, allow_reentry: 0, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ secret_version: sql<number>`morph_codes.secret_version + 1`, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Sets the re-entry policy of codes (creating their rows); returns how many codes were set. */
export async function setAllowReentry(db: Kysely<Database>, codes: ReadonlyArray<{ campaignId: string; accountId: string }>, allow: number, now: number): Promise<number> {
  if (codes.length === 0) return 0;
  const rows = codes.map((c) => ({ campaign_id: c.campaignId, account_id: c.accountId, secret_version: 1, allow_reentry: allow, created_at: now, updated_at: now }));
  const result = await db
    .insertInto('morph_codes')
    .values(rows)
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ allow_reentry: allow, updated_at: now }))
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? codes.length);
}

/** How many of `campaignIds` let a ticket enter again after an exit. */
export async function countAllowingReentry(db: Kysely<Database>, campaignIds: readonly string[]): Promise<number> {
  if (campaignIds.length === 0) return 0;
  const row = await db
    .selectFrom('morph_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('campaign_id', 'in', campaignIds)
    .where('allow_reentry', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
