// Public entry of the templates module: what the rest of the app may use from it.
export { designConfigField } from './design.ts';
export type { DesignConfig } from './design.ts';
export { templateRoutes } from './template.routes.ts';
export { resolveDesign } from './template.service.ts';
