// Scan rows: appended in batches by the flush, read by analytics.
import type { Kysely } from 'kysely';
import type { Database, ScansTable } from '../../db/schema.ts';

/** Rows per INSERT: 500 × 9 columns stays far under both dialects' parameter limits. */
const INSERT_CHUNK = 500;

/** Appends scan rows in one transaction, as chunked multi-row INSERTs. */
export async function insertScans(db: Kysely<Database>, rows: ScansTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('scans').values(rows.slice(i, i + INSERT_CHUNK)).execute();
  });
}

/** How many scans of `kind` a campaign has. */
export async function countScansOfCampaign(db: Kysely<Database>, campaignId: string, kind = 'scan'): Promise<number> {
  const row = await db.selectFrom('scans').select((eb) => eb.fn.countAll<number | string>().as('n')).where('campaign_id', '=', campaignId).where('kind', '=', kind).executeTakeFirstOrThrow();
  return Number(row.n);
}
