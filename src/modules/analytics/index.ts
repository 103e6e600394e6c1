// Public entry of the analytics module: scan reports and the CSV export, read-only over what the
// scans module writes; and its local time, for other exports that write times people read.
import type { Module } from '../../context.ts';

export { localDateTime, offsetAt } from './local-time.ts';
export { resolveTimeZone } from './report-range.ts';
export const analyticsRoutes: Module = async (app, ctx) => (await import('./analytics.routes.ts')).analyticsRoutes(app, ctx);
