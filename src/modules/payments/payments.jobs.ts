// The background job that expires pending payments whose time is up, each exactly once.
import type { Job } from '../../jobs/runner.ts';
import { expireDuePayments } from './payment.service.ts';

/** Runs every 30 s: a payment shows `expired` at most half a minute after `expires_at`. */
export const paymentExpiryJob: Job = {
  name: 'payment-expiry',
  intervalMs: 30_000,
  async run(ctx) {
    const expired = await expireDuePayments(ctx);
    if (expired > 0) ctx.log.info({ job: 'payment-expiry', expired }, 'expired due payments');
    return expired;
  },
};

/** The payments module's jobs (src/modules/jobs.ts lists every module's). */
export const paymentsJobs: Job[] = [paymentExpiryJob];
