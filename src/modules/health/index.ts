// Public entry of the health module: what the rest of the app may use from it.
import type { Module } from '../../context.ts';
export const healthRoutes: Module = async (app, ctx) => (await import('./health.routes.ts')).healthRoutes(app, ctx);
