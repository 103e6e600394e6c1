// The forms module's public entry: only its routes are used elsewhere.
export { formsRoutes } from './forms.routes.ts';
