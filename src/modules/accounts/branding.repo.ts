// An account's public branding: its name (accounts) and its logo and footer choice
// (account_branding, a row only once changed).
import type { Kysely, Transaction } from 'kysely';
import type { AccountBrandingTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** An account's name with its branding row's values (null when it has none). */
export interface BrandingRow {
  name: string;
  logo_url: string | null;
  logo_alt: string | null;
  made_with_tessera: number | null;
}

/** The account's name and branding, or undefined when the account does not exist. */
export async function findBranding(db: Db, accountId: string): Promise<BrandingRow | undefined> {
  return db
    .selectFrom('accounts')
    .leftJoin('account_branding', 'account_branding.account_id', 'accounts.id')
    .select(['accounts.name', 'account_branding.logo_url', 'account_branding.logo_alt', 'account_branding.made_with_tessera'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
}

/** Writes the account's branding row (insert or replace). */
export async function upsertBranding(db: Db, row: AccountBrandingTable): Promise<void> {
  await db
    .insertInto('account_branding')
    .values(row)
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ logo_url: row.logo_url, logo_alt: row.logo_alt, made_with_tessera: row.made_with_tessera, updated_at: row.updated_at }))
    .execute();
}

/** Renames an account. */
export async function updateAccountName(db: Db, accountId: string, name: string, now: number): Promise<void> {
  await db.updateTable('accounts').set({ name, updated_at: now }).where('id', '=', accountId).execute();
}
