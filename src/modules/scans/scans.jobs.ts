// Background work of the scans module.
import type { Job } from '../../jobs/runner.ts';
import { sweepScanRetention } from './retention.ts';

/** Hourly: raw scans past TESSERA_SCAN_RETENTION_DAYS and visitor hashes that can no longer match. */
export const scanRetentionJob: Job = { name: 'scan-retention', intervalMs: 3_600_000, run: (ctx) => sweepScanRetention(ctx) };

/** The scans module's jobs (src/modules/jobs.ts lists every module's). */
export const scansJobs: Job[] = [scanRetentionJob];
