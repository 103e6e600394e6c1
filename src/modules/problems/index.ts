// Public entry of the problems module: what the rest of the app may use from it.
export { problemsRoutes } from './problems.routes.ts';
