// The redirects module's public entry: only its routes are used elsewhere.
export { redirectRoutes } from './redirect.routes.ts';
