// The forms module's public entry: only its routes are used elsewhere.
import type { Module } from '../../context.ts';
export const formsRoutes: Module = async (app, ctx) => (await import('./forms.routes.ts')).formsRoutes(app, ctx);
