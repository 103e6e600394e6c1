// The accounts module: dashboard authentication, API-key management and public branding. (The auth hook itself
// is installed app-wide by buildApp, before every module, from auth.plugin.ts.)
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { apiKeyRoutes } from './api-keys.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { brandingRoutes } from './branding.routes.ts';

/** Registers the accounts module's routes. */
export async function accountsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await authRoutes(app, ctx);
  await apiKeyRoutes(app, ctx);
  await brandingRoutes(app, ctx);
}
