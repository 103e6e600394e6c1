// Public entry of the health module: what the rest of the app may use from it.
export { healthRoutes } from './health.routes.ts';
