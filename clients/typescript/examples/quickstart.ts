// Quickstart for @tessera/client: create a campaign, bulk-create 1,000 codes, page through them,
// read analytics. Every type comes from Tessera's OpenAPI document: no casts, no `!`.
import { createTesseraClient, paginate, type TesseraClient, TesseraApiError, unwrap } from '@tessera/client';

/** What the quickstart did, for the caller to print or check. */
export interface QuickstartResult {
  campaignUrl: string;
  batchId: string;
  codesInBatch: number;
  scansLast30Days: number;
}

export async function quickstart(client: TesseraClient): Promise<QuickstartResult> {
  // 1. One dynamic code: its destination can change later without reprinting.
  const campaign = await unwrap(
    client.POST('/api/v1/campaigns', {
      body: { name: 'Spring fair poster', destination: 'https://example.com/spring', qr_type: 'dynamic', design_config: { preset: 'ocean', eyes: 'circle' } },
    }),
  );

  // 2. A thousand codes in one all-or-nothing request. The client sends an Idempotency-Key, so a
  //    retry after a network failure replays the first answer instead of creating 2,000.
  const urls = Array.from({ length: 1000 }, (_, i) => `https://example.com/ticket/${i + 1}`);
  const bulk = await unwrap(client.POST('/api/v1/qrs/bulk', { body: { urls, qr_type: 'dynamic' } }));
  if (!('batch_id' in bulk)) throw new Error('expected created codes, not a dry run');

  // 3. Page through every campaign (newest first, 100 per page) and count this batch's codes.
  let codesInBatch = 0;
  const campaigns = paginate((cursor) => unwrap(client.GET('/api/v1/campaigns', { params: { query: { limit: 100, cursor } } })));
  for await (const code of campaigns) {
    if (code.batch_id === bulk.batch_id) codesInBatch += 1;
  }

  // 4. Analytics: the account's overview, and one campaign's daily timeline.
  const overview = await unwrap(client.GET('/api/v1/analytics/overview', { params: { query: { tz: 'Europe/Berlin' } } }));
  const timeline = await unwrap(client.GET('/api/v1/analytics/campaign/{id}/timeline', { params: { path: { id: campaign.id }, query: { tz: 'Europe/Berlin' } } }));
  for (const day of timeline.data) if (day.scans > 0) console.log(`${day.date}: ${day.scans} scans`);

  return { campaignUrl: campaign.public_url, batchId: bulk.batch_id, codesInBatch, scansLast30Days: overview.data.scans_last_30_days };
}

/** Runs the quickstart against an instance with an API key (`sec1-tst-…` for test mode). */
export async function main(baseUrl: string, apiKey: string): Promise<void> {
  const client = createTesseraClient({ baseUrl, auth: { apiKey } });
  try {
    const result = await quickstart(client);
    console.log(`${result.campaignUrl}: ${result.codesInBatch} codes in batch ${result.batchId}, ${result.scansLast30Days} scans in 30 days`);
  } catch (error) {
    // Problems (RFC 9457) arrive as TesseraApiError with the stable code and per-field errors.
    if (error instanceof TesseraApiError) console.error(error.code, error.message, error.errors);
    throw error;
  }
}
