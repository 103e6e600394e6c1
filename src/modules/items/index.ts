// Public entry of the items module (so far: its background jobs, listed in src/modules/jobs.ts).
import type { Module } from '../../context.ts';
export { itemsJobs } from './items.jobs.ts';
export const itemsRoutes: Module = async (app, ctx) => (await import('./items.routes.ts')).itemsRoutes(app, ctx);
