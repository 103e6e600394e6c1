// Every domain module, in registration order. A new capability is a new folder and one line here.
import type { Module } from '../context.ts';
import { accountsRoutes } from './accounts/accounts.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { itemsRoutes } from './items/items.routes.ts';
import { problemsRoutes } from './problems/problems.routes.ts';
import { renderRoutes } from './render/render.routes.ts';
import { webhooksRoutes } from './webhooks/webhooks.routes.ts';

/** The modules buildApp registers. */
export const modules: Module[] = [
  healthRoutes,
  problemsRoutes,
  accountsRoutes,
  itemsRoutes,
  renderRoutes,
  webhooksRoutes,
];
