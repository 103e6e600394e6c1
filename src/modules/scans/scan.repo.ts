// Scan rows: appended in batches by the flush, read by analytics.
import type { Kysely } from 'kysely';
import { appendRowsSharing } from '../../db/append.ts';
import type { Database, ScansTable } from '../../db/schema.ts';

/** The columns scans of one profile (same campaign, visitor, agent, referrer, quarter hour) share. */
export type StoredProfile = Omit<ScansTable, 'id' | 'occurred_at'>;

/** A flushed batch as stored: per scan its id, time and profile; the profiles once. */
export interface StoredScans {
  ids: readonly string[];
  times: readonly number[];
  profileOf: ArrayLike<number>;
  profiles: readonly StoredProfile[];
}

const OWN_COLUMNS = ['id', 'occurred_at'] as const satisfies ReadonlyArray<keyof ScansTable>;
const PROFILE_COLUMNS = ['account_id', 'campaign_id', 'user_agent', 'referrer', 'ip', 'country', 'kind', 'is_bot', 'os', 'browser', 'device_type', 'referrer_host'] as const satisfies ReadonlyArray<keyof StoredProfile>;

/** Appends a batch of scan rows, atomically (each profile's values are bound once; see appendRowsSharing). */
export async function insertScans(db: Kysely<Database>, scans: StoredScans): Promise<void> {
  const rows = scans.ids.map((id, i) => [id, scans.times[i], scans.profileOf[i]]);
  const shared = scans.profiles.map((p) => PROFILE_COLUMNS.map((column) => p[column]));
  await appendRowsSharing(db, 'scans', OWN_COLUMNS, PROFILE_COLUMNS, rows, shared);
}

/** The row of the `i`th scan of a stored batch. */
export function storedRow(scans: StoredScans, i: number): ScansTable {
  return { id: scans.ids[i]!, occurred_at: scans.times[i]!, ...scans.profiles[scans.profileOf[i]!]! };
}

/** How many scans of `kind` a campaign has. */
export async function countScansOfCampaign(db: Kysely<Database>, campaignId: string, kind: ScansTable['kind'] = 'scan'): Promise<number> {
  const row = await db.selectFrom('scans').select((eb) => eb.fn.countAll<number | string>().as('n')).where('campaign_id', '=', campaignId).where('kind', '=', kind).executeTakeFirstOrThrow();
  return Number(row.n);
}
