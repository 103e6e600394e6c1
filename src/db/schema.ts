// Table types for every table, in one place. Conventions (ADR 0002): ids are text, timestamps
// are epoch milliseconds (BIGINT), booleans are 0/1 integers, JSON documents are text.

/** A tenant: owns every resource; its slug is the seeds' `userSlug`. */
export interface AccountsTable {
  id: string;
  slug: string;
  name: string;
  created_at: number;
  updated_at: number;
}

/** A person who signs in. */
export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  name: string;
  created_at: number;
  updated_at: number;
}

/** Which users belong to which accounts, and in what role. */
export interface AccountMembersTable {
  account_id: string;
  user_id: string;
  role: string;
  created_at: number;
}

/** Every table Kysely knows about. */
export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  account_members: AccountMembersTable;
}
