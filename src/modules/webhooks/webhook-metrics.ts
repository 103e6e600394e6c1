// What /metrics reads from the webhook outbox: the backlog of the whole database (every
// instance and worker shares it), read at scrape time.
import type { AppContext } from '../../context.ts';
import { pendingDeliveryBacklog } from './webhook-delivery.repo.ts';

/** Pending deliveries and the age of the oldest, in seconds (0 when none). */
export async function outboxBacklog(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const { pending, oldestCreatedAt } = await pendingDeliveryBacklog(ctx.db);
  return { pending, oldestAgeSeconds: oldestCreatedAt === null ? 0 : Math.max(0, (ctx.clock.now() - oldestCreatedAt) / 1000) };
}

/** Lets this process's metrics report the outbox. */
export function reportOutbox(ctx: AppContext): void {
  if (ctx.metrics) ctx.metrics.sources.outbox = () => outboxBacklog(ctx);
}
