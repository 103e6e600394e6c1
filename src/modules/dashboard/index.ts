// Public entry of the dashboard module: what the rest of the app may use from it.
export { dashboardRoutes } from './dashboard.routes.ts';
