// Bulk-created codes: many campaigns of one batch in one transaction, all or nothing, with their
// campaign.created events.
import type { CampaignsTable } from '../../db/schema.ts';
import { isUniqueViolation, toFlag } from '../../db/dialect.ts';
import { newBatchIds, newShortCode } from '../../ids.ts';
import { emitEvents } from '../webhooks/index.ts';
import { saveBatchName } from './batches.repo.ts';
import { insertCampaigns } from './campaign.repo.ts';
import type { AppContext } from '../../context.ts';
import type { DesignConfig } from '../templates/index.ts';
import { type Campaign, type QrType, toCampaign } from './campaign.ts';
import { SHORT_CODE_ATTEMPTS } from './campaign.service.ts';
import { campaignEvent } from './campaign-webhooks.ts';
import { inTransaction } from '../../db/transaction.ts';

/** Input of createCampaignBatch: destinations already checked and normalised. */
export interface CampaignBatch {
  batchId: string;
  qrType: QrType;
  destinations: string[];
  /** Names in the order of `destinations`; a missing or blank one gets `#{n} {destination}`. */
  names?: ReadonlyArray<string | null | undefined>;
  designConfig: DesignConfig;
  templateId: string | null;
  /** False when a test key makes the batch: its codes are test campaigns. */
  livemode: boolean;
  /** The batch's own name (the event), if the request gave one. */
  name?: string | null;
}

function uniqueShortCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newShortCode());
  return [...codes];
}

// Where a code of the batch leads, as a list reads it: the scheme and "www." add nothing there, and
// a long tracking URL would push everything else off a phone's screen.
const DEFAULT_NAME_LENGTH = 80;

/** A batch code's name when none is given: `#3 example.com/menu?table=3` (position, then where it leads). */
export function defaultName(index: number, destination: string): string {
  const name = `#${index + 1} ${destination.replace(/^[a-z][a-z0-9+.-]*:\/\/(www\.)?/i, '')}`;
  return name.length > DEFAULT_NAME_LENGTH ? `${name.slice(0, DEFAULT_NAME_LENGTH - 1)}…` : name;
}

/** Creates many codes in one transaction (all or nothing), in the order of `destinations`. */
export async function createCampaignBatch(ctx: Pick<AppContext, 'db' | 'clock'>, accountId: string, batch: CampaignBatch): Promise<Campaign[]> {
  const now = ctx.clock.now();
  const design = JSON.stringify(batch.designConfig);
  for (let attempt = 1; ; attempt++) {
    const codes = uniqueShortCodes(batch.destinations.length);
    // Listed newest first like every campaign, a batch shows in the order it was sent (row 1 first).
    const ids = newBatchIds('cmp', batch.destinations.length);
    const rows: CampaignsTable[] = batch.destinations.map((destination, index) => ({
      id: ids[index]!,
      account_id: accountId,
      name: batch.names?.[index]?.trim() || defaultName(index, destination),
      slug: null,
      qr_type: batch.qrType,
      status: 'active',
      destination,
      short_code: codes[index]!,
      design_config: design,
      template_id: batch.templateId,
      batch_id: batch.batchId,
      created_at: now,
      updated_at: now,
      archived_at: null,
      active_from: null,
      active_until: null,
      livemode: toFlag(batch.livemode),
    }));
    try {
      const campaigns = rows.map(toCampaign);
      const name = batch.name?.trim();
      await inTransaction(ctx.db, async (trx) => {
        await insertCampaigns(trx, rows);
        if (name) await saveBatchName(trx, { batch_id: batch.batchId, account_id: accountId, name, updated_at: now });
        await emitEvents(
          trx,
          campaigns.map((c) => campaignEvent('campaign.created', c, now)),
        );
      });
      return campaigns;
    } catch (error) {
      // A short-code collision with an existing code (≈ n/54^7 per code): draw again.
      if (!isUniqueViolation(error) || attempt >= SHORT_CODE_ATTEMPTS) throw error;
    }
  }
}
