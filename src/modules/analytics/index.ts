// Public entry of the analytics module: scan reports and the CSV export, read-only over what the
// scans module writes.
import type { Module } from '../../context.ts';
export const analyticsRoutes: Module = async (app, ctx) => (await import('./analytics.routes.ts')).analyticsRoutes(app, ctx);
