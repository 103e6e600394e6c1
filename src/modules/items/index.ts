// Public entry of the items module: its routes, its background jobs (listed in src/modules/jobs.ts),
// and what the short-link route needs to send a seed-shaped item URL (`/{magic}`) to its page.
import type { Module } from '../../context.ts';
export { itemsJobs } from './items.jobs.ts';
export const itemsRoutes: Module = async (app, ctx) => (await import('./items.routes.ts')).itemsRoutes(app, ctx);
export { looksLikeMagic as isItemMagic } from './item-secrets.ts';
