// Every domain module, in registration order. A new capability is a new folder and one line here.
import type { Module } from '../context.ts';
import { accountsRoutes } from './accounts/accounts.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { problemsRoutes } from './problems/problems.routes.ts';

/** The modules buildApp registers. */
export const modules: Module[] = [healthRoutes, problemsRoutes, accountsRoutes];
