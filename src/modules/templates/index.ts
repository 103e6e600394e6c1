// Public entry of the templates module: what the rest of the app may use from it.
import type { Module } from '../../context.ts';
export { designConfigField, designWarnings } from './design.ts';
export type { DesignConfig } from './design.ts';
export const templateRoutes: Module = async (app, ctx) => (await import('./template.routes.ts')).templateRoutes(app, ctx);
export { resolveDesign } from './template.service.ts';
