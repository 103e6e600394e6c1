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

/** How an account appears on public pages (absent: no logo, footer shown). */
export interface AccountBrandingTable {
  account_id: string;
  /** Absolute http(s) URL of the logo, or null. */
  logo_url: string | null;
  logo_alt: string;
  /** 0/1: show "Made with Tessera" in the footer of public pages. */
  made_with_tessera: number;
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
  /** Only `owner` today (the sign-up creates it). */
  role: 'owner';
  created_at: number;
}

/** A saved design config, reusable by campaigns and bulk batches. */
export interface TemplatesTable {
  id: string;
  account_id: string;
  name: string;
  /** JSON design document (the QR engine's design model). */
  design_config: string;
  created_at: number;
  updated_at: number;
  /** 1 for live templates (prd keys, sessions, and every template saved before 0020), 0 for test ones (`tst` keys). */
  livemode: number;
}

/** A QR code with its destination and design: single campaigns and bulk-created codes alike. */
export interface CampaignsTable {
  id: string;
  account_id: string;
  name: string;
  /** Unique within the account when set. */
  slug: string | null;
  qr_type: 'static' | 'dynamic' | 'morphing';
  status: 'active' | 'archived';
  destination: string;
  /** Globally unique public code (`/{short_code}`). */
  short_code: string;
  /** JSON design document; the template's config is copied here at creation. */
  design_config: string;
  /** The template the design came from (provenance only; deleting it changes nothing). */
  template_id: string | null;
  /** `bat_…` of the bulk request that created it. */
  batch_id: string | null;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
  /** The code leads on from this instant (epoch ms); null: from creation. */
  active_from: number | null;
  /** The code stops leading on at this instant (epoch ms); null: no end. */
  active_until: number | null;
  /** 1 for live campaigns (prd keys, sessions, and every campaign made before 0018), 0 for test ones (`tst` keys). */
  livemode: number;
}

/** One scan of a code, written in batches from the in-memory buffer. */
export interface ScansTable {
  id: string;
  account_id: string;
  campaign_id: string;
  occurred_at: number;
  user_agent: string | null;
  referrer: string | null;
  /** Anonymised per TESSERA_IP_STORAGE (IPv4 /24, IPv6 /48), or null. */
  ip: string | null;
  /** ISO 3166-1 alpha-2 from a trusted proxy header, when configured. */
  country: string | null;
  /** `stale`: a morphing code scanned after its window. */
  kind: 'scan' | 'stale';
  /** 1 when the user agent is a crawler, link-preview fetcher or HTTP tool (migration 0006). */
  is_bot: number;
  /** OS bucket. */
  os: 'iOS' | 'Android' | 'Windows' | 'macOS' | 'Linux' | 'ChromeOS' | 'other' | null;
  /** Browser family. */
  browser: string | null;
  device_type: 'mobile' | 'tablet' | 'desktop' | 'other' | 'bot' | null;
  /** Host of the referrer, lower-cased without `www.`. */
  referrer_host: string | null;
}

/** Responses remembered per Idempotency-Key, replayed on retries. */
export interface IdempotencyKeysTable {
  account_id: string;
  key: string;
  /** What the key was used for (method and route), so one key cannot replay across endpoints. */
  scope: string;
  /** sha256 of the request body; a different body under the same key is a conflict. */
  request_hash: string;
  status_code: number;
  response_body: string;
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
  /** CHECKIN_TYPES (checkin.schemas.ts). */
  type: 'entry' | 'exit';
  /** CHECKIN_RESULTS (checkin.schemas.ts). */
  result: 'ok' | 'already_redeemed' | 'expired' | 'invalid' | 'revoked';
  scanner_id: string | null;
  nonce: string | null;
  /** SHA-256 of the request, to refuse a reused nonce carrying a different request. */
  request_hash: string;
  /** The JSON answer, returned again for a repeated nonce. */
  response: string;
  created_at: number;
}

/** Scan counts per UTC time bucket, account ('' campaign) or campaign, dimension and value. */
export interface ScanRollupsTable {
  account_id: string;
  /** '' = the whole account. */
  campaign_id: string;
  /** `total` is per 15 minutes, `day` per UTC day, the breakdowns (os…referrer) per hour. */
  dimension: 'total' | 'hour' | 'day' | 'os' | 'browser' | 'device_type' | 'country' | 'referrer';
  /** floor(occurred_at / 900000), aligned to the hour or day for the coarser dimensions. */
  bucket: number;
  /** The dimension's value; '' for `total` and for "none" (no referrer, unknown country). */
  value: string;
  is_bot: number;
  scans: number;
  /** First sightings of a (visitor, UTC day) in this bucket; kept on `total`, `hour` and `day` rows only. */
  uniques: number;
}

/** Visitor hashes seen per UTC day, at account ('' campaign) and campaign level; swept after a day. */
export interface ScanUniquesTable {
  account_id: string;
  campaign_id: string;
  /** UTC day number (days since the epoch). */
  day: number;
  visitor_hash: string;
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
  /** KeyEnv (api-key-format.ts): `tst` keys see test-mode data only. */
  env: 'prd' | 'tst';
  type: 'secret';
  /** ApiKeyScope: `all`, or `checkin` for a key that may only check tickets in (door scanners). */
  scope: 'all' | 'checkin';
  /** The one event (bulk batch) a check-in key is kept to; null: every event (and always for scope `all`). */
  batch_id: string | null;
  name: string | null;
  key_hash: string;
  display_mask: string;
  /** `active`, `rotating` (replaced, valid until expires_at) or `revoked`; `expired` is computed, never stored. */
  status: 'active' | 'rotating' | 'revoked';
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
  replaced_by: string | null;
}

/** Wrong passwords one client sent for one item in its current window (migration 0017). */
export interface ItemPasswordClientsTable {
  item_id: string;
  /** A hash of the client's address (an IPv6 /64), never the address. */
  client: string;
  window_start: number;
  attempts: number;
}

/** An ephemeral item. Holds no plaintext secret: see migration 0004 and docs/items.md. */
export interface ItemsTable {
  id: string;
  /** Hex SHA-256 of the magic: the only way to address the row. */
  magic_hash: string;
  account_id: string | null;
  /** `v1.` + base64url(nonce ‖ tag ‖ AES-256-GCM ciphertext) (sealSecret); null once archived. */
  ciphertext: string | null;
  /** Hex HMAC-SHA256(key = magic, message = content): the integrity receipt. */
  content_hmac: string;
  content_bytes: number;
  password_protected: number;
  /** argon2id PHC string; null when unprotected or archived. */
  password_hash: string | null;
  /** Hex SHA-256 of the delete token. */
  delete_token_hash: string;
  view_count: number;
  view_limit: number | null;
  created_at: number;
  expires_at: number;
  finalized_at: number | null;
  archived_at: number | null;
  /** Password checks started in the current window (wrong guesses plus checks in flight). */
  password_attempts: number;
  password_window_start: number | null;
  /** Wrong passwords the item answered over its life (migration 0019): they set each window's length. */
  password_failures: number;
  /** Length of the current window, fixed when it opened; null: the base length (rows from before 0019). */
  password_window_ms: number | null;
}

/** A webhook signing secret (encrypted); `rotating` ones stay valid until `expires_at`. */
export interface WebhookSecretsTable {
  id: string;
  account_id: string;
  kid: string;
  /** sealSecret(deriveKey(master, 'webhook-secret'), secret, id). */
  secret_sealed: string;
  status: 'active' | 'rotating' | 'disabled';
  created_at: number;
  expires_at: number | null;
  disabled_at: number | null;
}

/** A destination for an account's events. */
export interface WebhookEndpointsTable {
  id: string;
  account_id: string;
  url: string;
  description: string;
  /** JSON array of subscribed event types; `["*"]` is every type except opt-in ones. */
  event_types: string;
  enabled: number;
  disabled_reason: string | null;
  /** When the current run of consecutive failures began (null when the last attempt succeeded). */
  failing_since: number | null;
  created_at: number;
  updated_at: number;
}

/** The outbox: one row per emitted event; `body` is the exact JSON sent. */
export interface WebhookEventsTable {
  id: string;
  account_id: string;
  type: string;
  body: string;
  occurred_at: number;
  /** The request that caused the event (null: background work, or written before 0014). */
  request_id: string | null;
}

/** One event bound for one endpoint, with its retry state and worker lease. */
export interface WebhookDeliveriesTable {
  id: string;
  event_id: string;
  endpoint_id: string;
  account_id: string;
  status: 'pending' | 'succeeded' | 'failed';
  /** Attempts started (a crashed attempt counts). */
  attempts: number;
  next_attempt_at: number | null;
  lease_id: string | null;
  locked_until: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

/** The log of every delivery attempt. */
export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  started_at: number;
  duration_ms: number;
  status_code: number | null;
  success: number;
  error: string | null;
  /** First 1 KiB of the response body. */
  response_body: string | null;
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

/** The name of a bulk request (a batch of codes: an event), for the batches that have one. */
export interface BatchNamesTable {
  batch_id: string;
  account_id: string;
  name: string;
  updated_at: number;
}

/** The check value of the master key the database was first used with (migration 0021); one row, id 'master'. */
export interface MasterKeyChecksTable {
  id: string;
  key_check: string;
  recorded_at: number;
}

/** When `tessera serve` first and last started against this database (one row, id `serve`). */
export interface ServerStartsTable {
  id: string;
  first_started_at: number;
  last_started_at: number;
}

/** A merchant's payee details per scheme (JSON of the validated PayeeProfile). */
export interface PaymentProfilesTable {
  account_id: string;
  profile: string;
  created_at: number;
  updated_at: number;
}

/** A payment request and where it stands; status changes only by `UPDATE … WHERE status = 'pending'`. */
export interface PaymentsTable {
  id: string;
  account_id: string;
  /** 1 for payments made with prd keys (or a session), 0 for tst keys. */
  livemode: number;
  /** PAYMENT_STATUSES (payment.view.ts). */
  status: 'pending' | 'succeeded' | 'failed' | 'expired' | 'canceled';
  /** SCHEMES (payee-profile.ts). */
  scheme: 'sepa' | 'swiss_qr' | 'pix' | 'upi';
  amount_minor: number;
  currency: string;
  /** The merchant's own order id. */
  reference: string;
  description: string | null;
  /** JSON object. */
  metadata: string;
  /** Electronic form of the structured reference Tessera issued (RF, QR reference, txid, tr). */
  creditor_reference: string;
  /** CREDITOR_REFERENCE_TYPES (payment.view.ts). */
  creditor_reference_type: 'RF' | 'QRR' | 'SCOR' | 'TXID' | 'TR';
  qr_payload: string;
  qr_ecc: 'L' | 'M' | 'Q' | 'H';
  /** JSON snapshot of the payee details the payload was built from. */
  payee: string;
  /** Credited so far by reconciliation (partial transfers add up). */
  received_minor: number;
  /** JSON array of flags for a person (partial, overpaid, reversed, late, foreign_currency). */
  flags: string;
  /** SETTLEMENT_VIAS (payment.view.ts). */
  settled_via: 'reconciliation' | 'manual' | 'simulation' | null;
  settled_note: string | null;
  settled_by: string | null;
  failure_reason: string | null;
  expires_at: number;
  created_at: number;
  updated_at: number;
  paid_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  canceled_at: number | null;
}

/** A bank booking reconciliation has read, so a second upload of the same file changes nothing. */
export interface PaymentBankEntriesTable {
  account_id: string;
  livemode: number;
  entry_id: string;
  payment_id: string | null;
  /** Outcome (reconcile.ts). */
  outcome: 'matched' | 'partial' | 'overpaid' | 'unmatched' | 'already_matched' | 'foreign_currency' | 'reversal' | 'not_pending' | 'ignored';
  amount_minor: number | null;
  currency: string | null;
  created_at: number;
}

/** Every table Kysely knows about. */
export interface Database {
  accounts: AccountsTable;
  account_branding: AccountBrandingTable;
  users: UsersTable;
  account_members: AccountMembersTable;
  templates: TemplatesTable;
  campaigns: CampaignsTable;
  batch_names: BatchNamesTable;
  scans: ScansTable;
  scan_rollups: ScanRollupsTable;
  scan_uniques: ScanUniquesTable;
  idempotency_keys: IdempotencyKeysTable;
  morph_codes: MorphCodesTable;
  ticket_state: TicketStateTable;
  checkins: CheckinsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  items: ItemsTable;
  item_password_clients: ItemPasswordClientsTable;
  webhook_secrets: WebhookSecretsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  hosted_pages: HostedPagesTable;
  form_submissions: FormSubmissionsTable;
  server_starts: ServerStartsTable;
  master_key_checks: MasterKeyChecksTable;
  payment_profiles: PaymentProfilesTable;
  payments: PaymentsTable;
  payment_bank_entries: PaymentBankEntriesTable;
}
