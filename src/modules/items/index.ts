// Public entry of the items module (so far: its background jobs, listed in src/modules/jobs.ts).
export { itemsJobs } from './items.jobs.ts';
export { itemsRoutes } from './items.routes.ts';
