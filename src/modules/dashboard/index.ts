// Public entry of the dashboard module: what the rest of the app may use from it.
import type { Module } from '../../context.ts';
export const dashboardRoutes: Module = async (app, ctx) => (await import('./dashboard.routes.ts')).dashboardRoutes(app, ctx);
