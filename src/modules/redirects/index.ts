// The redirects module's public entry: only its routes are used elsewhere.
import type { Module } from '../../context.ts';
export const redirectRoutes: Module = async (app, ctx) => (await import('./redirect.routes.ts')).redirectRoutes(app, ctx);
