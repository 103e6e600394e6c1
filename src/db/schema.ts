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

/** A dashboard session: the cookie holds a random token, the row only its SHA-256. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  account_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/** A `sec1-…` API key: kid plus the SHA-256 (hex) of the full key, never the key. */
export interface ApiKeysTable {
  id: string;
  account_id: string;
  kid: string;
  env: string;
  type: string;
  name: string | null;
  key_hash: string;
  display_mask: string;
  /** `active`, `rotating` (replaced, valid until expires_at) or `revoked`. */
  status: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
  replaced_by: string | null;
}

/** A campaign's hosted landing page (at most one per campaign). */
export interface HostedPagesTable {
  campaign_id: string;
  account_id: string;
  /** JSON page document (title, blocks, theme, form, published), validated on save. */
  config: string;
  /** 0/1 copy of config.published, so public lookups filter in SQL. */
  published: number;
  created_at: number;
  updated_at: number;
}

/** One answer to a hosted page's form. */
export interface FormSubmissionsTable {
  id: string;
  account_id: string;
  campaign_id: string;
  /** JSON object: one key per form field at the time of submission. */
  data: string;
  /** HMAC of the sender's IP (keyed by the master key), for abuse review; null when IP storage is off. */
  ip_hash: string | null;
  created_at: number;
}

/** Every table Kysely knows about. */
export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  account_members: AccountMembersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  hosted_pages: HostedPagesTable;
  form_submissions: FormSubmissionsTable;
}
