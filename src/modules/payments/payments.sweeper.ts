// The background job that expires pending payments whose time is up, each exactly once.
import type { Job } from '../../jobs/runner.ts';
import { expireDuePayments } from './payment.service.ts';

/** Runs every 30 s: a payment shows `expired` at most half a minute after `expires_at`. */
export const paymentsSweeper: Job = {
  name: 'payments-sweeper',
  intervalMs: 30_000,
  async run(ctx) {
    const expired = await expireDuePayments(ctx);
    if (expired > 0) ctx.log.info({ job: 'payments-sweeper', expired }, 'expired due payments');
    return expired;
  },
};
