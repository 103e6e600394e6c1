// Public entry of the analytics module: scan reports and the CSV export, read-only over what the
// scans module writes.
export { analyticsRoutes } from './analytics.routes.ts';
