// Accounts, users and memberships: plain functions taking the database first.
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../../config.ts';
import { lockTableAgainstWriters } from '../../db/lock.ts';
import type { AccountsTable, Database, UsersTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Inserts an account, its owner and the membership linking them; run inside a transaction. */
export async function insertAccountWithOwner(db: Db, account: AccountsTable, user: UsersTable): Promise<void> {
  await db.insertInto('accounts').values(account).execute();
  await db.insertInto('users').values(user).execute();
  await db.insertInto('account_members').values({ account_id: account.id, user_id: user.id, role: 'owner', created_at: account.created_at }).execute();
}

/**
 * Inserts the instance's first account and its owner, in one transaction, only while no account
 * exists; false (and nothing written) otherwise. Two concurrent calls on an empty database cannot
 * both succeed: the accounts table is locked against writers before it is counted.
 */
export async function insertFirstAccountWithOwner(db: Kysely<Database>, dialect: Dialect, account: AccountsTable, user: UsersTable): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    await lockTableAgainstWriters(trx, dialect, 'accounts');
    if (await anyAccountExists(trx)) return false;
    await insertAccountWithOwner(trx, account, user);
    return true;
  });
}

/** Whether the instance has any account at all. */
export async function anyAccountExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Finds an account by id. */
export async function findAccountById(db: Db, id: string): Promise<AccountsTable | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Finds an account by slug. */
export async function findAccountBySlug(db: Db, slug: string): Promise<AccountsTable | undefined> {
  return db.selectFrom('accounts').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Finds a user by (normalised) email. */
export async function findUserByEmail(db: Db, email: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Finds a user by id. */
export async function findUserById(db: Db, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Replaces a user's password hash (only while it is still `expectedHash`, when given); false when nothing was replaced. */
export async function updatePasswordHash(db: Db, userId: string, passwordHash: string, now: number, expectedHash?: string): Promise<boolean> {
  let query = db.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', userId);
  if (expectedHash !== undefined) query = query.where('password_hash', '=', expectedHash);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The accounts a user belongs to, oldest membership first. */
export async function listMemberships(db: Db, userId: string): Promise<Array<{ account_id: string; role: string }>> {
  return db.selectFrom('account_members').select(['account_id', 'role']).where('user_id', '=', userId).orderBy('created_at').execute();
}
