// Public entry of the scans module: everything a scan goes through on its way to storage —
// capture (ctx.scans), classification, visitor hash, GeoIP, raw rows, rollups, retention.
// Reports read what it writes through the analytics module.
export { MAX_REFERRER, MAX_USER_AGENT } from './scan-event.ts';
export type { ScanEvent, ScanRecorder } from './scan-event.ts';
export { createScanRecorder, scansModule } from './scans.module.ts';
export { scansJobs } from './scans.jobs.ts';
