// Scan rows: appended in batches by the flush, read by analytics.
import type { Kysely } from 'kysely';
import { appendRows } from '../../db/append.ts';
import type { Database, ScansTable } from '../../db/schema.ts';

const SCAN_COLUMNS = ['id', 'account_id', 'campaign_id', 'occurred_at', 'user_agent', 'referrer', 'ip', 'country', 'kind', 'is_bot', 'os', 'browser', 'device_type', 'referrer_host'] as const satisfies ReadonlyArray<keyof ScansTable>;

/** Appends scan rows in one transaction (precompiled multi-row INSERTs: this runs tens of thousands of times a second). */
export async function insertScans(db: Kysely<Database>, rows: ScansTable[]): Promise<void> {
  await appendRows(
    db,
    'scans',
    SCAN_COLUMNS,
    rows.map((r) => [r.id, r.account_id, r.campaign_id, r.occurred_at, r.user_agent, r.referrer, r.ip, r.country, r.kind, r.is_bot, r.os, r.browser, r.device_type, r.referrer_host]),
  );
}

/** How many scans of `kind` a campaign has. */
export async function countScansOfCampaign(db: Kysely<Database>, campaignId: string, kind = 'scan'): Promise<number> {
  const row = await db.selectFrom('scans').select((eb) => eb.fn.countAll<number | string>().as('n')).where('campaign_id', '=', campaignId).where('kind', '=', kind).executeTakeFirstOrThrow();
  return Number(row.n);
}
