// The background job that moves finalized items to ARCHIVAL (content and password purged) and
// forgets per-client password counters whose window has ended.
import type { Job } from '../../jobs/runner.ts';
import { sweepItems, sweepPasswordClients } from './item-archival.ts';
import { PASSWORD_WINDOW_MS } from './items.service.ts';

/** Runs every minute: finalized content is erased at most a minute after its last view or expiry. */
export const itemArchivalJob: Job = {
  name: 'item-archival',
  intervalMs: 60_000,
  async run(ctx) {
    await sweepPasswordClients(ctx, PASSWORD_WINDOW_MS);
    const archived = await sweepItems(ctx);
    if (archived > 0) ctx.log.info({ job: 'item-archival', archived }, 'archived finalized items');
    return archived;
  },
};

/** The items module's jobs (src/modules/jobs.ts lists every module's). */
export const itemsJobs: Job[] = [itemArchivalJob];
