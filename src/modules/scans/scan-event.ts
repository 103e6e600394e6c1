// What the redirect hot path hands the scans module: the event and recorder types are the
// context's ports (src/context.ts, so the context names them without importing a module); the
// stored lengths are the scans module's own.
export type { ScanEvent, ScanRecorder } from '../../context.ts';

/** Longest stored user agent. */
export const MAX_USER_AGENT = 512;
/** Longest stored referrer. */
export const MAX_REFERRER = 1024;
