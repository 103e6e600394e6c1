// Templates: saved design configs of an account.
import type { Kysely } from 'kysely';
import { type KeysetPosition, newestFirst } from '../../db/keyset.ts';
import type { Database, TemplatesTable } from '../../db/schema.ts';

/** Inserts a template. */
export async function insertTemplate(db: Kysely<Database>, row: TemplatesTable): Promise<void> {
  await db.insertInto('templates').values(row).execute();
}

/** One template of the account, or undefined. */
export async function findTemplate(db: Kysely<Database>, accountId: string, id: string): Promise<TemplatesTable | undefined> {
  return db.selectFrom('templates').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

/** A page of the account's templates, newest first, starting after `cursor`. */
export async function listTemplates(db: Kysely<Database>, accountId: string, limit: number, cursor?: KeysetPosition): Promise<TemplatesTable[]> {
  return newestFirst(db.selectFrom('templates').selectAll().where('account_id', '=', accountId), limit, cursor).execute();
}

/** Deletes a template of the account; true when a row went. */
export async function deleteTemplate(db: Kysely<Database>, accountId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('templates').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
