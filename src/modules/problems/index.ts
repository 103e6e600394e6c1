// Public entry of the problems module: what the rest of the app may use from it.
import type { Module } from '../../context.ts';
export const problemsRoutes: Module = async (app) => (await import('./problems.routes.ts')).problemsRoutes(app);
