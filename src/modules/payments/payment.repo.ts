// Payment rows, the merchant's payee profile and the bank bookings reconciliation has consumed.
// A status changes only through transitionPayments (UPDATE … WHERE status = 'pending' RETURNING),
// so whichever instance gets there first wins and every transition happens exactly once.
import { sql } from 'kysely';
import type { Kysely, Transaction, Updateable } from 'kysely';
import { type KeysetPosition, newestFirst } from '../../db/keyset.ts';
import type { Database, PaymentBankEntriesTable, PaymentProfilesTable, PaymentsTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Values per IN list and rows per INSERT: a reconciliation loads and records thousands at once,
 * so each round trip carries as many as stay well under SQLite's 32,766 and PostgreSQL's 65,535
 * bound parameters (a bank-entry row binds 8).
 */
const IN_CHUNK = 5000;
const INSERT_CHUNK = 2000;
/** Payments per receipts UPDATE: each binds its id three times, its amount and its flags. */
const RECEIPT_CHUNK = 1000;

/** The account's stored profile row, or undefined. */
export async function findPaymentProfile(db: Db, accountId: string): Promise<PaymentProfilesTable | undefined> {
  return db.selectFrom('payment_profiles').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

/** Writes the account's profile (insert or replace). */
export async function upsertPaymentProfile(db: Db, row: PaymentProfilesTable): Promise<void> {
  await db
    .insertInto('payment_profiles')
    .values(row)
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ profile: row.profile, updated_at: row.updated_at }))
    .execute();
}

/** Stores a new payment; a unique violation means its creditor reference is taken (draw another). */
export async function insertPayment(db: Db, row: PaymentsTable): Promise<void> {
  await db.insertInto('payments').values(row).execute();
}

/** One payment of the account in one mode, or undefined. */
export async function findPayment(db: Db, accountId: string, livemode: boolean, id: string): Promise<PaymentsTable | undefined> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('livemode', '=', livemode ? 1 : 0)
    .executeTakeFirst();
}

/** The payment of the account and mode that carries `creditorReference` (unique among them), or undefined. */
export async function findPaymentByCreditorReference(db: Db, accountId: string, livemode: boolean, creditorReference: string): Promise<PaymentsTable | undefined> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('livemode', '=', livemode ? 1 : 0)
    .where('creditor_reference', '=', creditorReference)
    .executeTakeFirst();
}

/** A payment by id alone (the public pay page: the unguessable id is the capability). */
export async function findPaymentById(db: Db, id: string): Promise<PaymentsTable | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Filters of the payment list. */
export interface PaymentFilter {
  status?: PaymentsTable['status'];
  scheme?: PaymentsTable['scheme'];
  reference?: string;
  /** created_at ≥ from, < to (epoch ms). */
  createdFrom?: number;
  createdTo?: number;
}

/** A page of the account's payments in one mode, newest first, after `cursor`. */
export async function listPayments(db: Db, accountId: string, livemode: boolean, filter: PaymentFilter, limit: number, cursor?: KeysetPosition): Promise<PaymentsTable[]> {
  let query = db
    .selectFrom('payments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('livemode', '=', livemode ? 1 : 0);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.scheme) query = query.where('scheme', '=', filter.scheme);
  if (filter.reference !== undefined) query = query.where('reference', '=', filter.reference);
  if (filter.createdFrom !== undefined) query = query.where('created_at', '>=', filter.createdFrom);
  if (filter.createdTo !== undefined) query = query.where('created_at', '<', filter.createdTo);
  return newestFirst(query, limit, cursor).execute();
}

/**
 * Moves the given payments (of one account and mode, or any when `scope` is null) from pending
 * to `patch.status`; `extra` narrows further (e.g. only those already due). Returns the rows this
 * call changed — a payment another caller moved first is simply not among them.
 */
export async function transitionPayments(
  db: Db,
  scope: { accountId: string; livemode: boolean } | null,
  ids: readonly string[],
  patch: Updateable<PaymentsTable> & { status: string; updated_at: number },
  extra: { dueBy?: number; receivedInFull?: boolean; from?: 'pending' | 'expired' } = {},
): Promise<PaymentsTable[]> {
  const changed: PaymentsTable[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    // receivedInFull: a reconciled payment's credits add up to its amount, whatever arrived before.
    let query = db
      .updateTable('payments')
      .set(extra.receivedInFull ? (eb) => ({ ...patch, received_minor: eb.ref('amount_minor') }) : patch)
      .where('id', 'in', ids.slice(i, i + IN_CHUNK))
      // A change happens once: only from the state the caller names (pending, or expired for money accepted late).
      .where('status', '=', extra.from ?? 'pending');
    if (scope) query = query.where('account_id', '=', scope.accountId).where('livemode', '=', scope.livemode ? 1 : 0);
    if (extra.dueBy !== undefined) query = query.where('expires_at', '<=', extra.dueBy);
    changed.push(...(await query.returningAll().execute()));
  }
  return changed;
}

/** Ids of pending payments due by `now` (oldest due first), for the sweeper. */
export async function listDuePaymentIds(db: Db, now: number, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('payments').select('id').where('status', '=', 'pending').where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** What reconciliation learnt about one payment: money received so far and its flags (JSON). */
export interface PaymentReceipt {
  id: string;
  receivedMinor: number;
  flags: string;
}

/**
 * Writes what reconciliation learnt about payments whatever their status, one UPDATE per chunk
 * (a CASE on the id) rather than one per payment: a statement can flag hundreds. The casts give
 * PostgreSQL the type a bare CASE of parameters lacks.
 */
export async function updatePaymentReceipts(db: Db, receipts: readonly PaymentReceipt[], now: number): Promise<void> {
  for (let i = 0; i < receipts.length; i += RECEIPT_CHUNK) {
    const chunk = receipts.slice(i, i + RECEIPT_CHUNK);
    const received = sql<number>`case id ${sql.join(
      chunk.map((r) => sql`when ${r.id} then cast(${r.receivedMinor} as bigint)`),
      sql` `,
    )} end`;
    const flags = sql<string>`case id ${sql.join(
      chunk.map((r) => sql`when ${r.id} then cast(${r.flags} as text)`),
      sql` `,
    )} end`;
    await db
      .updateTable('payments')
      .set({ received_minor: received, flags, updated_at: now })
      .where(
        'id',
        'in',
        chunk.map((r) => r.id),
      )
      .execute();
  }
}

/** The account's payments in one mode carrying any of these creditor references. */
export async function findPaymentsByCreditorReference(db: Db, accountId: string, livemode: boolean, references: readonly string[]): Promise<PaymentsTable[]> {
  const rows: PaymentsTable[] = [];
  for (let i = 0; i < references.length; i += IN_CHUNK) {
    rows.push(
      ...(await db
        .selectFrom('payments')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('livemode', '=', livemode ? 1 : 0)
        .where('creditor_reference', 'in', references.slice(i, i + IN_CHUNK))
        .execute()),
    );
  }
  return rows;
}

/** Which of these booking identities earlier uploads already consumed. */
export async function knownBankEntries(db: Db, accountId: string, livemode: boolean, entryIds: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < entryIds.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('payment_bank_entries')
      .select('entry_id')
      .where('account_id', '=', accountId)
      .where('livemode', '=', livemode ? 1 : 0)
      .where('entry_id', 'in', entryIds.slice(i, i + IN_CHUNK))
      .execute();
    for (const r of rows) known.add(r.entry_id);
  }
  return known;
}

/** Records consumed bookings; a primary-key violation means a concurrent upload got there first. */
export async function insertBankEntries(db: Db, rows: readonly PaymentBankEntriesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await db
      .insertInto('payment_bank_entries')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
}
