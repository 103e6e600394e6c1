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

/** Per-code settings of a morphing code (a row exists once its owner changed something; defaults otherwise). */
export interface MorphCodesTable {
  campaign_id: string;
  account_id: string;
  /** Bumped by rotation: the render secret and the step key are derived from it. */
  secret_version: number;
  /** 0/1: an exit check-in lets the ticket enter again. */
  allow_reentry: number;
  created_at: number;
  updated_at: number;
}

/** Where a ticket (a morphing code) stands at the gate; changed only by conditional updates. */
export interface TicketStateTable {
  campaign_id: string;
  account_id: string;
  /** 0/1: entered and not exited since. */
  inside: number;
  entries: number;
  exits: number;
  updated_at: number;
}

/** One answered check-in (every result, for the audit trail and idempotent retries). */
export interface CheckinsTable {
  id: string;
  account_id: string;
  /** Null when the payload named no ticket of the account. */
  campaign_id: string | null;
  batch_id: string | null;
  type: string;
  result: string;
  scanner_id: string | null;
  nonce: string | null;
  /** SHA-256 of the request, to refuse a reused nonce carrying a different request. */
  request_hash: string;
  /** The JSON answer, returned again for a repeated nonce. */
  response: string;
  created_at: number;
}

/** Every table Kysely knows about. */
export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  account_members: AccountMembersTable;
  morph_codes: MorphCodesTable;
  ticket_state: TicketStateTable;
  checkins: CheckinsTable;
}
